import { describe, expect, it } from 'vitest';
import { aggregatedHosts, shouldAggregateAll } from './aggregate';
import { buildElements, NETWORK_SUMMARY, nodeShortName, OWNERS_SUMMARY, shorten } from './elements';
import { fakeCluster, fakePod } from './fakeCluster';
import { layoutGraph, NODE_CAPACITY } from './layout';
import { UNSCHEDULED } from './constants';
import { buildGraphModel } from './model';

const build = (objects = fakeCluster(), showOwners = true, aggregateAbove?: number) => {
  const model = buildGraphModel(objects, { showOwners });
  const { layout } = layoutGraph(model);
  return { model, layout, els: buildElements(model, layout, { aggregateAbove }) };
};
const byId = (els: ReturnType<typeof build>['els']) => new Map(els.map((e) => [e.data.id, e]));

describe('buildElements', () => {
  it('draws pools, nodes, pods, the unscheduled area, owners, services and storage', () => {
    const { els } = build();
    const classes = new Set(els.map((e) => e.classes.split(' ')[0]));
    expect([...classes].sort()).toEqual(['area', 'edge', 'item', 'node', 'pod', 'pool']);
    const kinds = new Set(els.filter((e) => e.classes.startsWith('item')).map((e) => e.classes.split(' ')[1]));
    expect([...kinds].sort()).toEqual(['k-daemonset', 'k-deployment', 'k-pv', 'k-pvc', 'k-replicaset', 'k-service']);
    const rels = new Set(els.filter((e) => e.group === 'edges').map((e) => e.classes));
    expect([...rels].sort()).toEqual(['edge rel-binds', 'edge rel-mounts', 'edge rel-owns', 'edge rel-selects']);
  });

  it('hides owners and their edges when showOwners is off', () => {
    const { els } = build(fakeCluster(), false);
    expect(els.some((e) => /k-(deployment|replicaset|daemonset)/.test(e.classes))).toBe(false);
    expect(els.some((e) => e.classes.includes('rel-owns'))).toBe(false);
  });

  it('colours pods by status and marks NotReady and cordoned nodes', () => {
    const objects = fakeCluster({ pools: [{ name: 'a', nodes: 3 }, { name: 'b', nodes: 3 }], deployments: 6 });
    const els = byId(build(objects).els);
    expect(els.get('nodes/aks-b-38291046-vmss000001')!.classes).toBe('node notready');
    expect(els.get('nodes/aks-b-38291046-vmss000002')!.classes).toBe('node cordoned');
    const pods = [...els.values()].filter((e) => e.classes.startsWith('pod'));
    const node = Object.keys(objects.nodes)[0];
    for (const status of ['ContainerCreating', 'Completed', 'CrashLoopBackOff']) objects.pods[`default/x-${status}`] = fakePod(`x-${status}`, 'default', { node, status });
    const again = byId(build(objects).els);
    expect(again.get('pods/default/x-ContainerCreating')!.classes).toBe('pod s-creating');
    expect(again.get('pods/default/x-Completed')!.classes).toBe('pod s-completed');
    expect(again.get('pods/default/x-CrashLoopBackOff')!.data.label).toBe('↻');
    expect(new Set(pods.map((p) => p.classes.split(' ')[1]))).toContain('s-pending');
  });

  it('draws Service → Pod selector edges from spec.selector', () => {
    const { els } = build();
    const selects = els.filter((e) => e.classes === 'edge rel-selects');
    expect(selects.length).toBeGreaterThan(0);
    for (const e of selects) {
      expect(String(e.data.source)).toMatch(/^services\//);
      expect(String(e.data.target)).toMatch(/^pods\//);
    }
  });

  it('zoomed far out, collapses the columns into two summaries and drops their edges', () => {
    const objects = fakeCluster();
    const model = buildGraphModel(objects, { showOwners: true });
    const { layout } = layoutGraph(model);
    const far = buildElements(model, layout, { far: true });
    expect(far.some((e) => e.classes.startsWith('item'))).toBe(false);
    expect(far.some((e) => e.group === 'edges')).toBe(false);
    const byKey = byId(far);
    expect(String(byKey.get(OWNERS_SUMMARY)!.data.label)).toMatch(/^\d+ deployments\n\d+ replicasets\n\d+ daemonsets/);
    expect(String(byKey.get(NETWORK_SUMMARY)!.data.label)).toMatch(/\d+ services?/);
    // Nothing else moves or changes: pools, nodes and pods are the same elements as near.
    const near = byId(buildElements(model, layout));
    for (const e of far) if (!e.classes.startsWith('summary')) expect(near.get(e.data.id)).toEqual(e);
    // Nodes carry the short label the far stylesheet shows.
    expect(byKey.get('nodes/aks-a-38291046-vmss000000')?.data.tiny ?? [...byKey.values()].find((e) => e.classes.startsWith('node'))!.data.tiny).toMatch(/^[0-9a-z]{6}$/);
  });

  it('zoomed far out, an aggregated node is its own pie: one element per node', () => {
    const objects = fakeCluster({ pools: [{ name: 'a', nodes: 2 }], deployments: 2, replicas: 4, unscheduled: 0 });
    const model = buildGraphModel(objects, { showOwners: false });
    const { layout } = layoutGraph(model);
    const els = buildElements(model, layout, { aggregateAbove: 5, far: true });
    expect(els.filter((e) => e.classes.startsWith('agg'))).toHaveLength(0);
    const nodes = els.filter((e) => e.classes.startsWith('node'));
    expect(nodes.every((n) => n.classes.endsWith(' pie'))).toBe(true);
    for (const n of nodes) expect(Math.round([1, 2, 3, 4, 5, 6, 7].reduce((t, i) => t + Number(n.data[`s${i}`]), 0))).toBe(100);
  });

  it('aggregates every host past the threshold, with counts by status', () => {
    const objects = fakeCluster({ pools: [{ name: 'a', nodes: 2 }], deployments: 2, replicas: 4 });
    const { els } = build(objects, true, 5);
    expect(els.some((e) => e.classes.startsWith('pod'))).toBe(false);
    const chips = els.filter((e) => e.classes.startsWith('agg'));
    const total = chips.reduce((n, c) => n + [...String(c.data.label).matchAll(/(\d+) [A-Z]/g)].reduce((m, x) => m + Number(x[1]), 0), 0);
    expect(total).toBe(Object.keys(objects.pods).length);
    expect(chips).toHaveLength(3); // two nodes and the unscheduled area: one element each
    const stripes = [1, 2, 3, 4, 5, 6, 7].reduce((n, i) => n + Number(chips[0].data[`s${i}`]), 0);
    expect(Math.round(stripes)).toBe(100);
    expect(els.some((e) => e.group === 'edges' && String(e.data.target).startsWith('pods/'))).toBe(false);
    expect(shouldAggregateAll(1001)).toBe(true);
    expect(shouldAggregateAll(1000)).toBe(false);
  });

  it('aggregates a single node whose pods overflow its cells', () => {
    const objects = fakeCluster({ pools: [{ name: 'a', nodes: 2 }], deployments: 0, daemonSets: 0, unscheduled: 0 });
    const [full] = Object.keys(objects.nodes);
    for (let i = 0; i <= NODE_CAPACITY; i++) objects.pods[`default/p${i}`] = fakePod(`p${i}`, 'default', { node: full });
    objects.pods['default/other'] = fakePod('other', 'default', { node: Object.keys(objects.nodes)[1] });
    const { model, layout, els } = build(objects);
    expect([...aggregatedHosts(model, layout)]).toEqual([`nodes/${full}`]);
    expect(byId(els).get('pods/default/other')).toBeDefined();
    expect(byId(els).get(`agg:nodes/${full}`)!.data.label).toBe(`${NODE_CAPACITY + 1} Running`);
  });

  it('puts pending pods in the unscheduled area', () => {
    const { model } = build(fakeCluster({ unscheduled: 2 }));
    expect(model.pods.filter((p) => p.host === UNSCHEDULED)).toHaveLength(2);
  });
});

describe('labels', () => {
  it('shortens names in the middle and AKS node names to their instance', () => {
    expect(shorten('web-7c5d8f9b6-abcde', 12)).toBe('web-7c…abcde');
    expect(shorten('short', 12)).toBe('short');
    expect(nodeShortName('aks-nodepool1-38291046-vmss000001', 'nodepool1')).toBe('vmss000001');
    expect(nodeShortName('kind-worker', 'nodes')).toBe('kind-worker');
  });
});
