import { describe, expect, it } from 'vitest';
import { podInfoOf } from '../framework';
import { makeNode, makePod, nodeInfo } from '../fixtures';
import { taintTolerationFilter } from './taintToleration';

describe('TaintToleration filter', () => {
  const n = nodeInfo(makeNode('n1', { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'soft', effect: 'PreferNoSchedule' }] } }));
  it('rejects an untolerated NoSchedule taint with the 1.34 message', () => {
    expect(taintTolerationFilter.filter(podInfoOf(makePod('p')), n)).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint(s)'] });
  });
  it.each([
    [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, true],
    [{ key: 'dedicated', value: 'gpu' }, true],
    [{ key: 'dedicated', operator: 'Exists' }, true],
    [{ operator: 'Exists' }, true],
    [{ key: 'dedicated', value: 'cpu' }, false],
    [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
  ])('toleration %j tolerates: %s', (t, ok) => {
    const r = taintTolerationFilter.filter(podInfoOf(makePod('p', {}, { tolerations: [t] })), n);
    expect(r === null).toBe(ok);
  });
  it('ignores PreferNoSchedule taints', () => {
    const soft = nodeInfo(makeNode('n2', { spec: { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] } }));
    expect(taintTolerationFilter.filter(podInfoOf(makePod('p')), soft)).toBeNull();
  });
});

describe('TaintToleration score', () => {
  it('counts untolerated PreferNoSchedule taints, reversed by normalisation', async () => {
    const { taintTolerationScore } = await import('./taintToleration');
    const soft = (n: number) => nodeInfo(makeNode(`n${n}`, { spec: { taints: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, effect: 'PreferNoSchedule' })) } }));
    const nodes = [soft(0), soft(1), soft(2)];
    const p = podInfoOf(makePod('p', {}, { tolerations: [{ key: 'k1', operator: 'Exists' }] }));
    const scores = new Float64Array(nodes.map((n) => taintTolerationScore.score(p, n)));
    expect([...scores]).toEqual([0, 1, 1]);
    taintTolerationScore.normalize!(p, scores, nodes);
    expect([...scores]).toEqual([100, 0, 0]);
  });
});
