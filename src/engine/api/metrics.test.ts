import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/create';
import { getPodMetrics, listNodeMetrics, listPodMetrics, METRIC_RESOLUTION_MS } from './metrics';

function withDeployment() {
  const sim = createCluster({ profile: 'aks', seed: 1 });
  sim.api.create('deployments.apps', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  });
  return sim;
}

describe('metrics API (metrics-server)', () => {
  it('serves every Ready node, its pods and the system overhead, stamped at the last 15 s scrape', () => {
    const sim = createCluster({ profile: 'aks', seed: 1 });
    const nodes = listNodeMetrics(sim.api);
    expect(nodes).toHaveLength(3);
    expect(nodes[0]).toMatchObject({ kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', window: '15s' });
    expect(nodes[0].usage.cpu).toMatch(/^\d+m$/);
    expect(Date.parse(nodes[0].timestamp)).toBeLessThanOrEqual(sim.now());
    expect(sim.now() - Date.parse(nodes[0].timestamp)).toBeLessThan(METRIC_RESOLUTION_MS + 1000);
    expect(listPodMetrics(sim.api, 'kube-system').length).toBeGreaterThan(0);
  });

  it('lists a pod only after two scrapes have seen all its containers running', () => {
    const sim = withDeployment();
    sim.advance(5_000);
    expect(listPodMetrics(sim.api, 'default')).toEqual([]);
    expect(() => getPodMetrics(sim.api, 'default', 'nope')).toThrow('podmetrics.metrics.k8s.io "nope" not found');
    sim.advance(40_000);
    const [pod] = listPodMetrics(sim.api, 'default', 'app=web');
    expect(pod.containers).toEqual([{ name: 'nginx', usage: { cpu: '1m', memory: '4Mi' } }]);
    expect(pod.metadata.labels).toMatchObject({ app: 'web' });
    expect(listPodMetrics(sim.api, 'default', 'app=other')).toEqual([]);
  });

  it('does not scrape a NotReady node', () => {
    const sim = createCluster({ profile: 'aks', seed: 1 });
    const node = sim.api.list('nodes').items[0];
    node.status.conditions = node.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: 'Unknown' } : c));
    sim.api.updateStatus('nodes', node);
    expect(listNodeMetrics(sim.api).map((n) => n.metadata.name)).not.toContain(node.metadata.name);
  });
});
