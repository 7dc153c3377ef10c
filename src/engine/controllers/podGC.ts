/**
 * The pod garbage collector, `pod-garbage-collector` (kubernetes `pkg/controller/podgc/
 * gc_controller.go`). Every pass (20 s) it force-deletes, after marking them Failed:
 * - terminated pods (Succeeded/Failed) beyond --terminated-pod-gc-threshold (12500), evicted pods
 *   first, then the oldest;
 * - terminating pods on a node that is not ready and carries `node.kubernetes.io/out-of-service`;
 * - pods bound to a node that no longer exists, once the node has stayed missing through a 40 s
 *   quarantine (condition `DisruptionTarget`, reason `DeletionByPodGC`, `PodGC: node no longer exists`);
 * - terminating pods that were never scheduled.
 *
 * Passes are not run blindly every 20 s: watch events say which of these can apply and a pass is
 * scheduled at the next 20 s instant (orphans: the first pass after the quarantine has run out).
 */
import type { KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import { formatRFC3339, parseTime } from '../util/time';
import { NO_KEYS, type Change, type Controller } from './manager';
import { PODS_BY_NODE_INDEX, podsByNodeIndexValues } from './nodePods';
import { nodeIsReady, nodeTaints, TAINT_OUT_OF_SERVICE } from './nodeTaints';

export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_MS = 40_000;
export const TERMINATED_POD_THRESHOLD = 12_500;

const TERMINATED = 'terminated';
const ORPHANS = 'orphans|';
const OUT_OF_SERVICE = 'out-of-service|';
const UNSCHEDULED = 'unscheduled|';

function isTerminated(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown';
}

export interface PodGCOptions {
  terminatedPodThreshold?: number;
}

export class PodGCController implements Controller {
  readonly name = 'pod-garbage-collector';
  private ctx!: SimContext;
  private start = 0;
  private readonly threshold: number;
  private terminated = new Set<string>();
  /** When a missing node's pods may be collected (quarantine over). */
  private orphanDue = new Map<string, number>();

  readonly watches = {
    pods: (pod: KubeObject, _old: KubeObject | undefined, live: KubeObject | undefined) => this.keysForPod(pod, live),
    nodes: (node: KubeObject, _old: KubeObject | undefined, live: KubeObject | undefined) => {
      const name = node.metadata.name;
      if (!live) return this.ctx.store.byIndex('pods', PODS_BY_NODE_INDEX, name).length ? [ORPHANS + name] : [];
      return taintedOutOfService(live) ? [OUT_OF_SERVICE + name] : [];
    },
  };

  constructor(opts: PodGCOptions = {}) {
    this.threshold = opts.terminatedPodThreshold ?? TERMINATED_POD_THRESHOLD;
  }

  setup(ctx: SimContext): void {
    this.ctx = ctx;
    this.start = ctx.now();
    ctx.store.addIndex('pods', PODS_BY_NODE_INDEX, podsByNodeIndexValues);
  }

  reconcile(key: string, ctx: SimContext): Change[] {
    const now = ctx.now();
    const pass = this.passAtOrAfter(now);
    if (key.startsWith(ORPHANS)) return this.gcOrphaned(key.slice(ORPHANS.length), now);
    if (pass > now) return [{ op: 'requeueAfter', ms: pass - now }];
    if (key === TERMINATED) return this.gcTerminated(now);
    if (key.startsWith(OUT_OF_SERVICE)) return this.gcTerminating(key.slice(OUT_OF_SERVICE.length), now);
    if (key.startsWith(UNSCHEDULED)) {
      const [namespace, name] = key.slice(UNSCHEDULED.length).split('/');
      const pod = ctx.store.get('pods', namespace, name);
      return pod?.metadata.deletionTimestamp && !pod.spec?.nodeName ? markFailedAndDelete(pod, now) : [];
    }
    return [];
  }

  private keysForPod(pod: KubeObject, live: KubeObject | undefined): readonly string[] {
    if (live && isTerminated(live)) this.terminated.add(podId(pod));
    // Most pods are never terminated: no id built (nor looked up) while none is.
    else if (this.terminated.size) this.terminated.delete(podId(pod));
    if (!live) return NO_KEYS;
    const key = this.passKeyForPod(live);
    if (this.terminated.size > this.threshold) return key ? [TERMINATED, key] : [TERMINATED];
    // Most events call for no pass: no array built.
    return key ? [key] : NO_KEYS;
  }

  /** The pass, other than the terminated one, that a live pod may call for. */
  private passKeyForPod(live: KubeObject): string | undefined {
    const nodeName = live.spec?.nodeName;
    if (!nodeName) return live.metadata.deletionTimestamp ? UNSCHEDULED + podId(live) : undefined;
    const node = this.ctx.store.get('nodes', undefined, nodeName);
    if (!node) return ORPHANS + nodeName;
    return live.metadata.deletionTimestamp && taintedOutOfService(node) ? OUT_OF_SERVICE + nodeName : undefined;
  }

  /** gcOrphaned: the node is quarantined from the first pass that sees it missing, then its pods go. */
  private gcOrphaned(nodeName: string, now: number): Change[] {
    if (this.ctx.store.get('nodes', undefined, nodeName)) {
      this.orphanDue.delete(nodeName);
      return [];
    }
    let due = this.orphanDue.get(nodeName);
    if (due === undefined) {
      due = this.passAtOrAfter(this.passAtOrAfter(now) + QUARANTINE_MS);
      this.orphanDue.set(nodeName, due);
    }
    if (now < due) return [{ op: 'requeueAfter', ms: due - now }];
    this.orphanDue.delete(nodeName);
    const condition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };
    return this.ctx.store.byIndex('pods', PODS_BY_NODE_INDEX, nodeName).flatMap((pod) => markFailedAndDelete(pod, now, condition));
  }

  /** gcTerminating: terminating pods on an out-of-service node that is not ready. */
  private gcTerminating(nodeName: string, now: number): Change[] {
    const node = this.ctx.store.get('nodes', undefined, nodeName);
    if (!node || nodeIsReady(node) || !taintedOutOfService(node)) return [];
    const pods = this.ctx.store.byIndex('pods', PODS_BY_NODE_INDEX, nodeName).filter((p) => p.metadata.deletionTimestamp);
    return sortForGC(pods).flatMap((pod) => markFailedAndDelete(pod, now));
  }

  /** gcTerminated: only the terminated pods beyond the threshold, evicted first, then oldest. */
  private gcTerminated(now: number): Change[] {
    const excess = this.terminated.size - this.threshold;
    if (excess <= 0) return [];
    const pods = [...this.terminated].map((id) => {
      const [ns, name] = id.split('/');
      return this.ctx.store.get('pods', ns, name);
    });
    return sortForGC(pods.filter((p): p is KubeObject => !!p))
      .slice(0, excess)
      .flatMap((pod) => markFailedAndDelete(pod, now));
  }

  private passAtOrAfter(t: number): number {
    return this.start + Math.max(0, Math.ceil((t - this.start) / GC_CHECK_PERIOD_MS)) * GC_CHECK_PERIOD_MS;
  }
}

function podId(pod: KubeObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

function taintedOutOfService(node: KubeObject): boolean {
  return nodeTaints(node).some((t) => t.key === TAINT_OUT_OF_SERVICE);
}

/** byEvictionAndCreationTimestamp. */
function sortForGC(pods: KubeObject[]): KubeObject[] {
  const evicted = (p: KubeObject) => p.status?.phase === 'Failed' && p.status?.reason === 'Evicted';
  const created = (p: KubeObject) => parseTime(p.metadata.creationTimestamp ?? '') ?? 0;
  return [...pods].sort((a, b) => {
    if (evicted(a) !== evicted(b)) return evicted(a) ? -1 : 1;
    if (created(a) !== created(b)) return created(a) - created(b);
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}

/** markFailedAndDeletePodWithCondition: phase Failed (plus the condition) unless terminal, then delete with grace 0. */
function markFailedAndDelete(pod: KubeObject, now: number, condition?: Record<string, string>): Change[] {
  const changes: Change[] = [];
  const phase = pod.status?.phase;
  if (phase !== 'Succeeded' && phase !== 'Failed') {
    let conditions: any[] | undefined = pod.status?.conditions;
    if (condition) {
      const old = (conditions ?? []).find((c) => c.type === condition.type);
      const next = { ...condition, lastTransitionTime: old && old.status === condition.status ? old.lastTransitionTime : formatRFC3339(now) };
      conditions = old ? conditions!.map((c) => (c === old ? next : c)) : [...(conditions ?? []), next];
    }
    const status = { ...pod.status, phase: 'Failed', ...(conditions ? { conditions } : {}) };
    changes.push({ op: 'updateStatus', resource: 'pods', object: { ...pod, metadata: { ...pod.metadata, resourceVersion: undefined }, status } });
  }
  changes.push({ op: 'delete', resource: 'pods', namespace: pod.metadata.namespace, name: pod.metadata.name, options: { gracePeriodSeconds: 0 } });
  return changes;
}
