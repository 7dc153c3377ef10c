/**
 * NodeResourcesBalancedAllocation (weight 1): favours nodes whose cpu and memory fractions, after
 * placing the pod, are close: score = (1 - |cpu% - mem%| / 2) * 100, using actual requests (no
 * 100m / 200Mi defaults). Skipped for pods that request neither (kubernetes#129138: otherwise
 * best-effort pods pile onto one node).
 */
import { type PodInfo, type ScorePlugin } from '../framework';
import type { NodeInfo } from '../nodeInfo';

/** framework.MAX_NODE_SCORE, local: this runs for every node of every cycle. */
const MAX_SCORE = 100;

export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

export function balancedScore(cpuReq: number, cpuAlloc: number, memReq: number, memAlloc: number): number {
  // With two resources the standard deviation is half their difference; with one it is 0.
  const std = cpuAlloc !== 0 && memAlloc !== 0 ? Math.abs((Math.min(cpuReq / cpuAlloc, 1) - Math.min(memReq / memAlloc, 1)) / 2) : 0;
  return Math.trunc((1 - std) * MAX_SCORE);
}

export const balancedAllocation: ScorePlugin = {
  name: BALANCED_ALLOCATION,
  weight: 1,
  preScore(p: PodInfo): boolean {
    return p.requests.cpu !== 0 || p.requests.memory !== 0;
  },
  score(p: PodInfo, n: NodeInfo): number {
    return balancedScore(n.requested.cpu + p.requests.cpu, n.allocatable.cpu, n.requested.memory + p.requests.memory, n.allocatable.memory);
  },
};
