/**
 * What the graph and list show for a pod or a node, re-derived from the object itself (the page may
 * not run engine code). The pod reason follows kubectl's STATUS column (printPod in
 * pkg/printers/internalversion/printers.go): init containers first, then app containers walked from
 * last to first so the first container with a reason wins, then Terminating / Unknown.
 */
import type { KubeObject } from '../../engine/objects';

/** Colour families of a pod status. */
export type StatusCategory = 'running' | 'pending' | 'creating' | 'failing' | 'terminating' | 'completed' | 'unknown';

/** Order of categories in aggregates and legends. */
export const CATEGORIES: StatusCategory[] = ['running', 'creating', 'pending', 'failing', 'terminating', 'completed', 'unknown'];

export interface PodView {
  /** What `kubectl get pods` prints in STATUS. */
  status: string;
  category: StatusCategory;
  ready: number;
  total: number;
  restarts: number;
}

const condTrue = (pod: KubeObject, type: string) =>
  ((pod.status?.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type === type && c.status === 'True');

interface Walk {
  reason: string;
  ready: number;
  restarts: number;
}

function walkInit(pod: KubeObject, w: Walk): boolean {
  const specs = new Map<string, any>((pod.spec?.initContainers ?? []).map((c: any) => [c.name, c]));
  const statuses: any[] = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < statuses.length; i++) {
    const s = statuses[i];
    const sidecar = specs.get(s.name)?.restartPolicy === 'Always';
    w.restarts += s.restartCount ?? 0;
    const term = s.state?.terminated;
    const waiting = s.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (sidecar && s.started) {
      if (s.ready) w.ready++;
      continue;
    }
    if (term) w.reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') w.reason = `Init:${waiting.reason}`;
    else w.reason = `Init:${i}/${specs.size}`;
    return true;
  }
  return false;
}

function walkContainers(pod: KubeObject, w: Walk): void {
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const s = statuses[i];
    w.restarts += s.restartCount ?? 0;
    const { waiting, terminated, running } = s.state ?? {};
    if (waiting?.reason) w.reason = waiting.reason;
    else if (terminated?.reason) w.reason = terminated.reason;
    else if (terminated) w.reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
    else if (s.ready && running) {
      hasRunning = true;
      w.ready++;
    }
  }
  if (w.reason === 'Completed' && hasRunning) w.reason = condTrue(pod, 'Ready') ? 'Running' : 'NotReady';
}

/** kubectl's STATUS reason of a pod. */
export function podStatusReason(pod: KubeObject): { reason: string; ready: number; restarts: number } {
  const phase: string = pod.status?.phase ?? 'Pending';
  const w: Walk = { reason: pod.status?.reason || phase, ready: 0, restarts: 0 };
  const conds: any[] = pod.status?.conditions ?? [];
  if (conds.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) w.reason = 'SchedulingGated';
  const initializing = walkInit(pod, w);
  if (!initializing || condTrue(pod, 'Initialized')) walkContainers(pod, w);
  if (pod.metadata.deletionTimestamp && pod.status?.reason === 'NodeLost') w.reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') w.reason = 'Terminating';
  return w;
}

const CREATING = new Set(['ContainerCreating', 'PodInitializing']);
const PENDING = new Set(['Pending', 'SchedulingGated']);
const DONE = new Set(['Completed', 'Succeeded']);

/** The colour family of a STATUS reason. */
export function statusCategory(reason: string): StatusCategory {
  if (reason === 'Running') return 'running';
  if (reason === 'Terminating') return 'terminating';
  if (reason === 'Unknown' || reason === 'NodeLost') return 'unknown';
  if (PENDING.has(reason)) return 'pending';
  if (DONE.has(reason)) return 'completed';
  if (CREATING.has(reason) || /^Init:\d+\/\d+$/.test(reason) || reason === 'Init:PodInitializing') return 'creating';
  return 'failing';
}

const podViews = new WeakMap<KubeObject, PodView>();

/** The pod's view; cached per object (the mirror replaces an object when it changes). */
export function podView(pod: KubeObject): PodView {
  let v = podViews.get(pod);
  if (!v) podViews.set(pod, (v = computePodView(pod)));
  return v;
}

function computePodView(pod: KubeObject): PodView {
  const { reason, ready, restarts } = podStatusReason(pod);
  const sidecars = (pod.spec?.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always').length;
  const total = (pod.spec?.containers?.length ?? 0) + sidecars;
  return { status: reason, category: statusCategory(reason), ready, total, restarts };
}

/** A short glyph drawn inside a pod square, so status reads without colour too. */
export function statusBadge(status: string): string {
  if (status === 'Running') return '';
  if (/ImagePull|ErrImage/.test(status)) return '⤓';
  if (/CrashLoopBackOff/.test(status)) return '↻';
  const c = statusCategory(status);
  return { running: '', pending: '…', creating: '+', failing: '!', terminating: '×', completed: '✓', unknown: '?' }[c];
}

export interface NodeView {
  /** `Ready`, `NotReady` or `Unknown` (no Ready condition). */
  ready: 'Ready' | 'NotReady' | 'Unknown';
  cordoned: boolean;
  /** What `kubectl get nodes` prints in STATUS, e.g. `Ready,SchedulingDisabled`. */
  status: string;
}

export function nodeView(node: KubeObject): NodeView {
  const cond = ((node.status?.conditions ?? []) as { type: string; status: string }[]).find((c) => c.type === 'Ready');
  const ready = cond ? (cond.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
  const cordoned = !!node.spec?.unschedulable;
  return { ready, cordoned, status: cordoned ? `${ready},SchedulingDisabled` : ready };
}
