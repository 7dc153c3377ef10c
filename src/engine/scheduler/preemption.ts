/**
 * DefaultPreemption's dry run (PostFilter), as far as the FailedScheduling message needs it, plus
 * the choice of victims when preemption can help:
 * - a pod with preemptionPolicy Never is `not eligible due to preemptionPolicy=Never.`;
 * - nodes rejected as UnschedulableAndUnresolvable (taints, affinity, a request bigger than the
 *   node) are `Preemption is not helpful for scheduling`;
 * - on the other nodes, with no lower-priority pods: `No preemption victims found for incoming pod`;
 *   otherwise all lower-priority pods are removed and the filters run again: still failing gives
 *   that filter's reasons, passing makes the node a candidate. Victims are then the fewest
 *   lower-priority pods (highest priority reprieved first) that still let the pod fit.
 */
import { fitErrorMessage, NO_PREEMPTION_VICTIMS, PREEMPTION_NOT_HELPFUL } from './fitError';
import { unresolvable, type PodInfo, type Status } from './framework';
import { NodeInfo, type PodEntry } from './nodeInfo';

export interface Candidate {
  node: string;
  victims: PodEntry[];
}

export interface PreemptionResult {
  /** The DefaultPreemption PostFilter message; empty when a candidate was found. */
  message: string;
  candidate?: Candidate;
}

type RunFilters = (p: PodInfo, n: NodeInfo) => Status | null;

/** A copy of the node's accounting without `removed` (the node itself is not changed). */
function without(n: NodeInfo, removed: PodEntry[]): NodeInfo {
  const copy = new NodeInfo(n.name);
  Object.assign(copy, n, {
    requested: { ...n.requested, scalar: n.requested.scalar && { ...n.requested.scalar } },
    pods: new Map(n.pods),
    usedPorts: new Map([...n.usedPorts].map(([k, v]) => [k, new Map(v)])),
  });
  for (const e of removed) copy.addPod(e, -1);
  return copy;
}

function selectVictims(p: PodInfo, n: NodeInfo, runFilters: RunFilters): Status | PodEntry[] {
  const lower = [...n.pods.values()].filter((e) => e.priority < p.priority);
  if (lower.length === 0) return unresolvable('DefaultPreemption', NO_PREEMPTION_VICTIMS);
  const trial = without(n, lower);
  const status = runFilters(p, trial);
  if (status) return status;
  // Reprieve as many as possible, highest priority first.
  const victims: PodEntry[] = [];
  for (const e of lower.sort((a, b) => b.priority - a.priority || (a.key < b.key ? -1 : 1))) {
    trial.addPod(e);
    if (runFilters(p, trial)) {
      trial.addPod(e, -1);
      victims.push(e);
    }
  }
  return victims;
}

/** pickOneNodeForPreemption, minus PDBs and start times: lowest top victim priority, then fewest. */
function better(a: Candidate, b: Candidate): boolean {
  const top = (c: Candidate) => Math.max(...c.victims.map((v) => v.priority));
  const sum = (c: Candidate) => c.victims.reduce((s, v) => s + v.priority, 0);
  return top(a) < top(b) || (top(a) === top(b) && (sum(a) < sum(b) || (sum(a) === sum(b) && a.victims.length < b.victims.length)));
}

export function preempt(
  p: PodInfo,
  nodes: readonly NodeInfo[],
  statuses: Map<string, Status>,
  runFilters: RunFilters,
): PreemptionResult {
  if (p.pod.spec?.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const tried = new Map<string, Status>();
  let best: Candidate | undefined;
  for (const n of nodes) {
    const s = statuses.get(n.name);
    if (!s || s.code !== 'Unschedulable') continue;
    const r = selectVictims(p, n, runFilters);
    if (!Array.isArray(r)) {
      tried.set(n.name, r);
      continue;
    }
    const c = { node: n.name, victims: r };
    if (!best || better(c, best)) best = c;
  }
  if (best) return { message: '', candidate: best };
  const msg = fitErrorMessage({
    numAllNodes: nodes.length,
    nodeStatuses: tried,
    absentStatus: unresolvable('DefaultPreemption', PREEMPTION_NOT_HELPFUL),
  });
  return { message: `preemption: ${msg}` };
}
