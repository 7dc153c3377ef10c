/**
 * NodeResourcesFit. Filter: the pod's requests (init-container max rule, sidecars, overhead) must
 * fit in status.allocatable minus what the node's non-terminal pods already request, for cpu,
 * memory, ephemeral-storage, extended resources, and the pod count. A request larger than the
 * whole node is UnschedulableAndUnresolvable (kubernetes#131345, 1.34): preemption cannot help.
 * Score (weight 1): LeastAllocated over cpu and memory (weights 1:1), pods without requests counted
 * as 100m / 200Mi.
 */
import { type FilterPlugin, type PodInfo, type ScorePlugin, type Status } from '../framework';
import type { NodeInfo } from '../nodeInfo';
import { isZero } from '../resources';

/** framework.MAX_NODE_SCORE, local: this runs for every node of every cycle. */
const MAX_SCORE = 100;

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';

export interface Insufficient {
  resource: string;
  reason: string;
  unresolvable: boolean;
}

/** fitsRequest: every shortage, in the real order (pods, cpu, memory, ephemeral, extended). */
export function insufficientResources(p: PodInfo, n: NodeInfo): Insufficient[] {
  const out: Insufficient[] = [];
  if (n.pods.size + 1 > n.allowedPods) out.push({ resource: 'pods', reason: 'Too many pods', unresolvable: false });
  const req = p.requests;
  if (isZero(req)) return out;
  const alloc = n.allocatable;
  const used = n.requested;
  if (req.cpu > 0 && req.cpu > alloc.cpu - used.cpu) out.push({ resource: 'cpu', reason: 'Insufficient cpu', unresolvable: req.cpu > alloc.cpu });
  if (req.memory > 0 && req.memory > alloc.memory - used.memory)
    out.push({ resource: 'memory', reason: 'Insufficient memory', unresolvable: req.memory > alloc.memory });
  if (req.ephemeral > 0 && req.ephemeral > alloc.ephemeral - used.ephemeral)
    out.push({ resource: 'ephemeral-storage', reason: 'Insufficient ephemeral-storage', unresolvable: req.ephemeral > alloc.ephemeral });
  if (req.scalar) {
    for (const name of Object.keys(req.scalar).sort()) {
      const q = req.scalar[name];
      if (q === 0) continue;
      const a = alloc.scalar?.[name] ?? 0;
      if (q > a - (used.scalar?.[name] ?? 0)) out.push({ resource: name, reason: `Insufficient ${name}`, unresolvable: q > a });
    }
  }
  return out;
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: NODE_RESOURCES_FIT,
  filter(p: PodInfo, n: NodeInfo): Status | null {
    // The fast path: nothing short (the overwhelming case in a large cluster).
    const req = p.requests;
    if (
      n.pods.size < n.allowedPods &&
      req.cpu <= n.allocatable.cpu - n.requested.cpu &&
      req.memory <= n.allocatable.memory - n.requested.memory &&
      req.ephemeral <= n.allocatable.ephemeral - n.requested.ephemeral &&
      !req.scalar
    ) {
      return null;
    }
    const short = insufficientResources(p, n);
    if (short.length === 0) return null;
    return {
      code: short.some((s) => s.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable',
      reasons: short.map((s) => s.reason),
      plugin: NODE_RESOURCES_FIT,
    };
  },
};

/** leastRequestedScore: the share of the resource left free after placing the pod, 0-100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_SCORE) / capacity);
}

export const nodeResourcesFitScore: ScorePlugin = {
  name: NODE_RESOURCES_FIT,
  weight: 1,
  score(p: PodInfo, n: NodeInfo): number {
    let sum = 0;
    let weights = 0;
    const cpuAlloc = n.allocatable.cpu;
    if (cpuAlloc !== 0) {
      sum += leastRequestedScore(n.nonZeroCpu + p.nonZeroRequests.cpu, cpuAlloc);
      weights++;
    }
    const memAlloc = n.allocatable.memory;
    if (memAlloc !== 0) {
      sum += leastRequestedScore(n.nonZeroMemory + p.nonZeroRequests.memory, memAlloc);
      weights++;
    }
    return weights === 0 ? 0 : Math.trunc(sum / weights);
  },
};
