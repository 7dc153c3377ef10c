import { describe, expect, it } from 'vitest';
import { podInfoOf } from '../framework';
import { makeNode, makePod, nodeInfo } from '../fixtures';
import { balancedAllocation, balancedScore } from './balancedAllocation';

describe('NodeResourcesBalancedAllocation', () => {
  it('is 100 when cpu and memory fractions match, less as they diverge', () => {
    expect(balancedScore(1000, 4000, 2 * 2 ** 30, 8 * 2 ** 30)).toBe(100);
    // cpu 50%, memory 10%: std = 0.2 -> 80.
    expect(balancedScore(2000, 4000, 100, 1000)).toBe(80);
    // fractions are capped at 1.
    expect(balancedScore(8000, 4000, 0, 1000)).toBe(50);
  });
  it('uses actual requests of the node and the pod', () => {
    const n = nodeInfo(makeNode('n', { cpu: '4', memory: '4Gi' }), makePod('x', { cpu: '1' }));
    const p = podInfoOf(makePod('p', { memory: '2Gi' }));
    // cpu 1/4 = .25, memory 2/4 = .5 -> std .125 -> 87.
    expect(balancedAllocation.score(p, n)).toBe(87);
  });
  it('is skipped for pods that request neither cpu nor memory', () => {
    expect(balancedAllocation.preScore!(podInfoOf(makePod('p')), [], [])).toBe(false);
  });
});
