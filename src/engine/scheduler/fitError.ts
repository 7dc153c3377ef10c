/**
 * FitError.Error() of kube-scheduler 1.34: `0/N nodes are available: <PreFilterMsg>.` or the
 * histogram of per-node reasons (`<count> <reason>`, sorted as strings, joined by `, `) then `.`,
 * then ` <PostFilterMsg>` — the PostFilter plugins' reasons joined by `, `: DynamicResources
 * (`no new claims to deallocate`, the DRA plugin is on by default since DRA went GA in 1.34) and
 * DefaultPreemption (`preemption: ...`, itself a FitError over the nodes it tried).
 */
import type { Status } from './framework';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
export const DRA_POST_FILTER_MSG = 'no new claims to deallocate';
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

export interface Diagnosis {
  numAllNodes: number;
  /** Nodes rejected by a filter, by name. */
  nodeStatuses: Map<string, Status>;
  /** The status of every node not in `nodeStatuses` (nodes a PreFilter ruled out). */
  absentStatus?: Status;
  /** Set when a PreFilter rejected the pod outright: replaces the per-node histogram. */
  preFilterMsg?: string;
  postFilterMsg?: string;
}

export function fitErrorMessage(d: Diagnosis): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const s of d.nodeStatuses.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const absent = d.numAllNodes - d.nodeStatuses.size;
    if (d.absentStatus && absent > 0) for (const r of d.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}
