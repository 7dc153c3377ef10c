import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGGREGATED_V2 } from './discovery';
import type { RunningServer } from './server';
import { call, serveForTest } from './testing';

let s: RunningServer;
beforeAll(async () => {
  s = await serveForTest();
});
afterAll(() => s.close());

describe('metrics.k8s.io/v1beta1', () => {
  it('is in legacy and aggregated discovery, without storage version hashes', async () => {
    const groups = (await call(s.url, 'GET', '/apis')).json();
    expect(groups.groups.map((g: { name: string }) => g.name)).toContain('metrics.k8s.io');
    const list = (await call(s.url, 'GET', '/apis/metrics.k8s.io/v1beta1')).json();
    expect(list.resources).toEqual([
      { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
      { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    ]);
    const aggregated = (await call(s.url, 'GET', '/apis', { headers: { Accept: AGGREGATED_V2 } })).json();
    expect(aggregated.items.map((g: { metadata: { name: string } }) => g.metadata.name)).toContain('metrics.k8s.io');
    // The OpenAPI documents stay those of the stored kinds.
    expect((await call(s.url, 'GET', '/openapi/v3')).json().paths).not.toHaveProperty('apis/metrics.k8s.io/v1beta1');
  });

  it('lists and gets NodeMetrics and PodMetrics, and refuses writes', async () => {
    const nodes = (await call(s.url, 'GET', '/apis/metrics.k8s.io/v1beta1/nodes')).json();
    expect(nodes.kind).toBe('NodeMetricsList');
    expect(nodes.items).toHaveLength(3);
    const one = (await call(s.url, 'GET', `/apis/metrics.k8s.io/v1beta1/nodes/${nodes.items[0].metadata.name}`)).json();
    expect(one).toMatchObject({ kind: 'NodeMetrics', window: '15s' });
    const pods = (await call(s.url, 'GET', '/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-dns')).json();
    expect(pods.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^coredns-/)]));
    expect(pods.items.every((p: { metadata: { name: string } }) => p.metadata.name.startsWith('coredns-') && !p.metadata.name.includes('autoscaler'))).toBe(true);
    const missing = await call(s.url, 'GET', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope');
    expect(missing.status).toBe(404);
    expect(missing.json().message).toBe('podmetrics.metrics.k8s.io "nope" not found');
    expect((await call(s.url, 'DELETE', '/apis/metrics.k8s.io/v1beta1/nodes/x')).status).toBe(405);
  });
});
