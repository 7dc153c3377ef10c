import type { NodeSelectorRequirement } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podInfoOf } from '../framework';
import { makeNode, makePod, nodeInfo } from '../fixtures';
import { nodeAffinityFilter } from './nodeAffinity';

describe('NodeAffinity filter', () => {
  const n = nodeInfo(makeNode('n1', { labels: { disk: 'ssd', gen: '5', zone: 'a' } }));
  const term = (matchExpressions: NodeSelectorRequirement[], matchFields: NodeSelectorRequirement[] = []) => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions, matchFields }] } } },
  });
  const run = (spec: object) => nodeAffinityFilter.filter(podInfoOf(makePod('p', {}, spec)), n);
  it('checks nodeSelector', () => {
    expect(run({ nodeSelector: { disk: 'ssd' } })).toBeNull();
    expect(run({ nodeSelector: { disk: 'hdd' } })?.reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
  });
  it.each([
    [{ key: 'disk', operator: 'In', values: ['ssd', 'nvme'] }, true],
    [{ key: 'disk', operator: 'NotIn', values: ['ssd'] }, false],
    [{ key: 'missing', operator: 'NotIn', values: ['x'] }, true],
    [{ key: 'disk', operator: 'Exists' }, true],
    [{ key: 'disk', operator: 'DoesNotExist' }, false],
    [{ key: 'gen', operator: 'Gt', values: ['4'] }, true],
    [{ key: 'gen', operator: 'Lt', values: ['4'] }, false],
    [{ key: 'disk', operator: 'Gt', values: ['4'] }, false],
  ])('requirement %j matches: %s', (req, ok) => {
    expect(run(term([req])) === null).toBe(ok);
  });
  it('supports matchFields metadata.name and narrows nodes in PreFilter', () => {
    const spec = term([], [{ key: 'metadata.name', operator: 'In', values: ['n1'] }]);
    expect(run(spec)).toBeNull();
    expect(nodeAffinityFilter.preFilter!(podInfoOf(makePod('p', {}, spec)))).toEqual({ nodeNames: new Set(['n1']) });
    expect(run(term([], [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }]))).not.toBeNull();
  });
  it('ORs the terms and treats an empty term as matching nothing', () => {
    const spec = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } } };
    expect(run(spec)).toBeNull();
    const none = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } };
    expect(run(none)).not.toBeNull();
  });
});

describe('NodeAffinity score', () => {
  it('sums the weights of matching preferred terms, normalised to the best node', async () => {
    const { nodeAffinityScore } = await import('./nodeAffinity');
    const pref = (weight: number, key: string, value: string) => ({ weight, preference: { matchExpressions: [{ key, operator: 'In', values: [value] }] } });
    const p = podInfoOf(makePod('p', {}, { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(80, 'disk', 'ssd'), pref(20, 'zone', 'a')] } } }));
    const nodes = [nodeInfo(makeNode('a', { labels: { disk: 'ssd', zone: 'a' } })), nodeInfo(makeNode('b', { labels: { zone: 'a' } })), nodeInfo(makeNode('c'))];
    expect(nodeAffinityScore.preScore!(p, nodes, nodes)).toBe(true);
    const scores = new Float64Array(nodes.map((n) => nodeAffinityScore.score(p, n)));
    expect([...scores]).toEqual([100, 20, 0]);
    nodeAffinityScore.normalize!(p, scores, nodes);
    expect([...scores]).toEqual([100, 20, 0]);
    expect(nodeAffinityScore.preScore!(podInfoOf(makePod('q')), nodes, nodes)).toBe(false);
  });
});
