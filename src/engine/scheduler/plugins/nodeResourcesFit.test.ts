import { describe, expect, it } from 'vitest';
import { podInfoOf } from '../framework';
import { makeNode, makePod, nodeInfo } from '../fixtures';
import { nodeResourcesFitFilter } from './nodeResourcesFit';

describe('NodeResourcesFit filter', () => {
  const n = nodeInfo(makeNode('n1', { cpu: '2', memory: '4Gi', pods: '3', allocatable: { 'nvidia.com/gpu': '1' } }), makePod('a', { cpu: '1500m', memory: '1Gi' }));
  const fit = (req: Record<string, string>, spec = {}) => nodeResourcesFitFilter.filter(podInfoOf(makePod('p', req, spec)), n);
  it('passes what fits in allocatable minus requested', () => {
    expect(fit({ cpu: '500m', memory: '3Gi' })).toBeNull();
  });
  it('reports every shortage in order', () => {
    expect(fit({ cpu: '600m', memory: '4Gi', 'nvidia.com/gpu': '2' })).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['Insufficient cpu', 'Insufficient memory', 'Insufficient nvidia.com/gpu'],
      plugin: 'NodeResourcesFit',
    });
  });
  it('is resolvable when the request fits the empty node, unresolvable when it is bigger than the node', () => {
    expect(fit({ cpu: '600m' })?.code).toBe('Unschedulable');
    expect(fit({ cpu: '3' })?.code).toBe('UnschedulableAndUnresolvable');
  });
  it('counts pods and init containers', () => {
    const full = nodeInfo(makeNode('n2', { pods: '1' }), makePod('x'));
    expect(nodeResourcesFitFilter.filter(podInfoOf(makePod('p')), full)?.reasons).toEqual(['Too many pods']);
    expect(fit({}, { initContainers: [{ name: 'i', image: 'x', resources: { requests: { cpu: '1' } } }] })?.reasons).toEqual(['Insufficient cpu']);
  });
  it('counts the pod overhead', () => {
    expect(fit({ cpu: '400m' }, { overhead: { cpu: '200m' } })?.reasons).toEqual(['Insufficient cpu']);
  });
});

describe('NodeResourcesFit LeastAllocated score', () => {
  it('averages the free share of cpu and memory after placement', async () => {
    const { nodeResourcesFitScore } = await import('./nodeResourcesFit');
    const empty = nodeInfo(makeNode('e', { cpu: '4', memory: '8Gi' }));
    const busy = nodeInfo(makeNode('b', { cpu: '4', memory: '8Gi' }), makePod('x', { cpu: '2', memory: '4Gi' }));
    const p = podInfoOf(makePod('p', { cpu: '1', memory: '2Gi' }));
    // empty: cpu (4-1)/4 = 75, memory (8-2)/8 = 75; busy: cpu 25, memory 25.
    expect(nodeResourcesFitScore.score(p, empty)).toBe(75);
    expect(nodeResourcesFitScore.score(p, busy)).toBe(25);
  });
  it('counts missing requests as 100m / 200Mi', async () => {
    const { nodeResourcesFitScore } = await import('./nodeResourcesFit');
    const n = nodeInfo(makeNode('e', { cpu: '1', memory: '2000Mi' }));
    // cpu (1000-100)/1000 = 90, memory (2000-200)/2000 = 90.
    expect(nodeResourcesFitScore.score(podInfoOf(makePod('p')), n)).toBe(90);
  });
});
