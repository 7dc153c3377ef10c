import { describe, expect, it } from 'vitest';
import { podInfoOf, type Status } from './framework';
import { makeNode, makePod, nodeInfo } from './fixtures';
import { nodeResourcesFitFilter } from './plugins/nodeResourcesFit';
import { taintTolerationFilter } from './plugins/taintToleration';
import { preempt } from './preemption';

const run = (p: ReturnType<typeof podInfoOf>, n: ReturnType<typeof nodeInfo>) => taintTolerationFilter.filter(p, n) ?? nodeResourcesFitFilter.filter(p, n);

function statusesFor(p: ReturnType<typeof podInfoOf>, nodes: ReturnType<typeof nodeInfo>[]): Map<string, Status> {
  const m = new Map<string, Status>();
  for (const n of nodes) {
    const s = run(p, n);
    if (s) m.set(n.name, s);
  }
  return m;
}

const withPriority = (priority: number, ...args: Parameters<typeof makePod>) => {
  const pod = makePod(...args);
  pod.spec!.priority = priority;
  return pod;
};

describe('preemption dry run', () => {
  const tainted = nodeInfo(makeNode('t', { spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } }));
  const fullOfEquals = nodeInfo(makeNode('e', { cpu: '1' }), makePod('eq', { cpu: '800m' }));
  const fullOfLower = nodeInfo(makeNode('l', { cpu: '1' }), withPriority(-10, 'low', { cpu: '800m' }), withPriority(50, 'mid', { cpu: '100m' }));

  it('explains why preemption cannot help, node by node', () => {
    const p = podInfoOf(makePod('p', { cpu: '800m' }));
    const nodes = [tainted, fullOfEquals];
    expect(preempt(p, nodes, statusesFor(p, nodes), run).message).toBe(
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });

  it('reports the filter reasons when evicting every lower-priority pod is still not enough', () => {
    const p = podInfoOf(withPriority(20, 'p', { cpu: '950m' }));
    const nodes = [fullOfLower];
    expect(preempt(p, nodes, statusesFor(p, nodes), run).message).toBe('preemption: 0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('picks the fewest, lowest-priority victims', () => {
    const p = podInfoOf(withPriority(100, 'p', { cpu: '500m' }));
    const nodes = [tainted, fullOfEquals, fullOfLower];
    const r = preempt(p, nodes, statusesFor(p, nodes), run);
    expect(r.message).toBe('');
    expect(r.candidate?.node).toBe('l');
    expect(r.candidate?.victims.map((v) => v.key)).toEqual(['default/low']);
  });

  it('is not eligible with preemptionPolicy Never', () => {
    const p = podInfoOf(withPriority(100, 'p', { cpu: '500m' }, { preemptionPolicy: 'Never' }));
    expect(preempt(p, [fullOfLower], statusesFor(p, [fullOfLower]), run).message).toBe('preemption: not eligible due to preemptionPolicy=Never.');
  });
});
