import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects';
import { formatRFC3339 } from '../util/time';
import { slowStartBatches } from './replicaset';
import { markReady, pods, readyAll, testCluster } from './testCluster';

function replicaSet(name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx:1.27' }] } }, ...extra },
  };
}

const rs = (c: ReturnType<typeof testCluster>, name = 'web') => c.sim.api.get('replicasets.apps', 'default', name);

describe('ReplicaSet controller', () => {
  it('creates pods from the template with generateName, owner reference and events', () => {
    const c = testCluster({ deployments: false });
    c.sim.api.create('replicasets.apps', replicaSet('web', 3));
    c.sim.settle();
    const all = pods(c.sim);
    expect(all).toHaveLength(3);
    for (const p of all) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs(c).metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(c.events.sort()).toEqual(all.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
    expect(rs(c).status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    readyAll(c.sim);
    expect(rs(c).status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('replaces a deleted pod with a new name', () => {
    const c = testCluster({ deployments: false });
    c.sim.api.create('replicasets.apps', replicaSet('web', 2));
    c.sim.settle();
    const before = pods(c.sim).map((p) => p.metadata.name);
    c.sim.api.delete('pods', 'default', before[0]);
    c.sim.settle();
    const after = pods(c.sim).map((p) => p.metadata.name);
    expect(after).toHaveLength(2);
    expect(after).toContain(before[1]);
    expect(after).not.toContain(before[0]);
  });

  it('deletes not-ready pods before ready ones, then the most recently ready', () => {
    const c = testCluster({ deployments: false });
    c.sim.api.create('replicasets.apps', replicaSet('web', 4));
    c.sim.settle();
    const [a, b, d, e] = pods(c.sim);
    markReady(c.sim, a);
    c.sim.advance(60_000);
    markReady(c.sim, b);
    markReady(c.sim, d);
    c.sim.settle();
    c.sim.api.patch('replicasets.apps', 'default', 'web', 'merge', { spec: { replicas: 2 } });
    c.sim.settle();
    const left = pods(c.sim).map((p) => p.metadata.name);
    expect(left).toContain(a.metadata.name);
    expect(left).not.toContain(e.metadata.name);
    expect(left).toHaveLength(2);
    expect(c.events.filter((x) => x.startsWith('SuccessfulDelete'))).toContain(`SuccessfulDelete: Deleted pod: ${e.metadata.name}`);
  });

  it('adopts matching orphans and releases pods whose labels stop matching', () => {
    const c = testCluster({ deployments: false });
    c.sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    c.sim.api.create('replicasets.apps', replicaSet('web', 2));
    c.sim.settle();
    expect(pods(c.sim)).toHaveLength(2);
    expect(c.sim.api.get('pods', 'default', 'stray').metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', controller: true });
    c.sim.api.patch('pods', 'default', 'stray', 'merge', { metadata: { labels: { app: 'debug' } } });
    c.sim.settle();
    expect(c.sim.api.get('pods', 'default', 'stray').metadata.ownerReferences).toBeUndefined();
    expect(pods(c.sim)).toHaveLength(3);
  });

  it('does not count terminating or finished pods', () => {
    const c = testCluster({ deployments: false });
    c.sim.api.create('replicasets.apps', replicaSet('web', 1));
    c.sim.settle();
    const [p] = pods(c.sim);
    c.sim.api.updateStatus('pods', { ...p, status: { ...p.status, phase: 'Failed' } });
    c.sim.settle();
    expect(pods(c.sim)).toHaveLength(2);
    expect(rs(c).status.replicas).toBe(1);
  });

  it('reports availability only after minReadySeconds', () => {
    const c = testCluster({ deployments: false });
    c.sim.api.create('replicasets.apps', replicaSet('web', 1, { minReadySeconds: 5 }));
    c.sim.settle();
    readyAll(c.sim);
    expect(rs(c).status.readyReplicas).toBe(1);
    expect(rs(c).status.availableReplicas).toBeUndefined();
    c.sim.advance(6_000);
    expect(rs(c).status.availableReplicas).toBe(1);
  });

  it('creates in slow-start batches capped at 500 per sync, and handles 3,000 replicas', () => {
    expect(slowStartBatches(10, 1)).toEqual([1, 2, 4, 3]);
    expect(slowStartBatches(500, 1)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 245]);
    const c = testCluster({ deployments: false });
    const created: number[] = [];
    let batch = 0;
    c.sim.store.subscribe((e) => {
      if (e.resource === 'pods' && e.type === 'ADDED') batch++;
      if (e.resource === 'replicasets.apps' && e.type === 'MODIFIED' && batch) {
        created.push(batch);
        batch = 0;
      }
    });
    c.sim.api.create('replicasets.apps', replicaSet('big', 3000));
    c.sim.settle();
    expect(created.slice(0, 2)).toEqual([500, 500]);
    expect(pods(c.sim)).toHaveLength(3000);
    const start = performance.now();
    const now = formatRFC3339(c.sim.now());
    for (const p of pods(c.sim)) {
      c.sim.api.updateStatus('pods', { ...p, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } });
    }
    c.sim.settle();
    c.sim.api.patch('replicasets.apps', 'default', 'big', 'merge', { spec: { replicas: 100 } });
    c.sim.settle();
    // 500 deletions per sync; each wave of deletions wakes the next sync.
    expect(pods(c.sim)).toHaveLength(100);
    expect(c.events.filter((x) => x.startsWith('SuccessfulDelete'))).toHaveLength(2900);
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});
