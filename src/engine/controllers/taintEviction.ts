/**
 * The taint eviction controller, `taint-eviction-controller` (kubernetes `pkg/controller/
 * tainteviction/taint_eviction.go`): pods on a node with NoExecute taints they do not tolerate are
 * deleted at once; pods whose tolerations carry tolerationSeconds are deleted when the shortest of
 * those has passed; a toleration without seconds keeps the pod forever. Removing the taint in time,
 * or deleting the pod, cancels the eviction.
 *
 * The deletion is an ordinary graceful delete, preceded by the `DisruptionTarget` condition
 * (`DeletionByTaintManager`); on a lost node the pod then stays Terminating, since no kubelet confirms.
 * Events: `TaintManagerEviction` `Marking for deletion Pod <ns>/<name>` and, when scheduled work is
 * dropped before it ran (taints gone, or the pod gone), `Cancelling deletion of Pod <ns>/<name>`.
 * Work that already ran is only forgotten: upstream's TimedWorkerQueue.CancelWork returns false
 * for it (its entry is a nil marker, or gone), so cancelWorkWithEvent records nothing.
 *
 * Upstream counts tolerationSeconds from when it processed the node update; here from the taint's
 * timeAdded (written by the node controller at the same instant), which makes the schedule derivable
 * from the store after a restore. Due evictions are timed with `requeueAfter`.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { splitKey, type KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import { deepEqual } from '../util/clone';
import { formatRFC3339 } from '../util/time';
import { NO_KEYS, type Change, type Controller } from './manager';
import { PODS_BY_NODE_INDEX, podsByNodeIndexValues } from './nodePods';
import { matchingTolerations, nodeTaints, taintTime } from './nodeTaints';

interface Work {
  createdAt: number;
  fireAt: number;
  /** Fired already: kept so the same pod is not evicted twice. */
  done: boolean;
}

const NODE = 'node|';
const POD = 'pod|';
const EVICT = 'evict|';

function noExecuteTaints(node: KubeObject | undefined): readonly Taint[] {
  // Most nodes have no taints: no new list each time a pod or node is looked at.
  if (!node?.spec?.taints?.length) return NO_TAINTS;
  return nodeTaints(node).filter((t) => t.effect === 'NoExecute');
}

const NO_TAINTS: readonly Taint[] = [];

/** getMinTolerationTime in ms: 0 for none or a non-positive one, -1 when every toleration is forever. */
export function minTolerationMs(tolerations: Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller';
  private ctx!: SimContext;
  private work = new Map<string, Work>();

  readonly watches = {
    nodes: (node: KubeObject, old: KubeObject | undefined, live: KubeObject | undefined) => {
      const changed = !old || !live || !deepEqual(noExecuteTaints(old), noExecuteTaints(node));
      return changed ? [NODE + node.metadata.name] : NO_KEYS;
    },
    pods: (pod: KubeObject, old: KubeObject | undefined, live: KubeObject | undefined) => {
      const changed = !old || !live || old.spec?.nodeName !== pod.spec?.nodeName || !deepEqual(old.spec?.tolerations, pod.spec?.tolerations);
      return changed ? [`${POD}${pod.metadata.namespace}/${pod.metadata.name}`] : NO_KEYS;
    },
  };

  setup(ctx: SimContext): void {
    this.ctx = ctx;
    ctx.store.addIndex('pods', PODS_BY_NODE_INDEX, podsByNodeIndexValues);
  }

  reconcile(key: string, ctx: SimContext): Change[] {
    const changes: Change[] = [];
    if (key.startsWith(NODE)) this.handleNode(key.slice(NODE.length), changes);
    else if (key.startsWith(POD)) this.handlePod(key.slice(POD.length), changes);
    else if (key.startsWith(EVICT)) this.fire(key.slice(EVICT.length), ctx.now(), changes);
    return changes;
  }

  /** Pods whose eviction is scheduled (not yet done), with the instant it is due. */
  scheduled(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, w] of [...this.work].sort(([a], [b]) => (a < b ? -1 : 1))) if (!w.done) out[k] = w.fireAt;
    return out;
  }

  private handleNode(name: string, changes: Change[]): void {
    const node = this.ctx.store.get('nodes', undefined, name);
    if (!node) return;
    const taints = noExecuteTaints(node);
    for (const pod of this.ctx.store.byIndex('pods', PODS_BY_NODE_INDEX, name)) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (taints.length === 0) this.cancel(key, changes);
      else this.processPodOnNode(pod, taints, changes);
    }
  }

  private handlePod(key: string, changes: Change[]): void {
    // Sliced, not split: no array per reconcile (pod keys hold one slash).
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.store.get('pods', namespace, name);
    if (!pod) return this.cancel(key, changes);
    const node = pod.spec?.nodeName ? this.ctx.store.get('nodes', undefined, pod.spec.nodeName) : undefined;
    const taints = noExecuteTaints(node);
    if (taints.length) this.processPodOnNode(pod, taints, changes);
  }

  private processPodOnNode(pod: KubeObject, taints: readonly Taint[], changes: Change[]): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const now = this.ctx.now();
    const { all, used } = matchingTolerations(taints, (pod.spec?.tolerations as Toleration[] | undefined) ?? []);
    if (!all) {
      // Not tolerated: any later eviction is replaced by one right now.
      if (this.work.get(key)?.done) return;
      this.cancel(key, changes);
      return this.add(pod, now, now, changes);
    }
    const min = minTolerationMs(used);
    if (min < 0) return this.cancel(key, changes);
    const added = taints.map(taintTime).filter((t): t is number => t !== undefined);
    const start = added.length ? Math.min(...added) : now;
    const existing = this.work.get(key);
    if (existing) {
      if (existing.done || existing.createdAt + min <= start + min) return;
      this.cancel(key, changes);
    }
    this.add(pod, start, start + min, changes);
  }

  private add(pod: KubeObject, createdAt: number, fireAt: number, changes: Change[]): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (this.work.has(key)) return;
    // A pod already on its way out (e.g. evicted before a restore) is not evicted again.
    if (pod.metadata.deletionTimestamp) {
      this.work.set(key, { createdAt, fireAt, done: true });
      return;
    }
    this.work.set(key, { createdAt, fireAt, done: false });
    const now = this.ctx.now();
    if (fireAt <= now) this.fire(key, now, changes);
    else changes.push({ op: 'requeueAfter', ms: fireAt - now, key: EVICT + key });
  }

  private cancel(key: string, changes: Change[]): void {
    const w = this.work.get(key);
    if (!w) return;
    this.work.delete(key);
    if (!w.done) changes.push(podEvent(key, `Cancelling deletion of Pod ${key}`));
  }

  /** deletePodHandler: the event, the DisruptionTarget condition, then a graceful delete. */
  private fire(key: string, now: number, changes: Change[]): void {
    const w = this.work.get(key);
    if (!w || w.done || w.fireAt > now) return;
    w.done = true;
    changes.push(podEvent(key, `Marking for deletion Pod ${key}`));
    // Sliced, not split: no array per reconcile (pod keys hold one slash).
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.store.get('pods', namespace, name);
    if (!pod) return;
    const conditions: any[] = pod.status?.conditions ?? [];
    const old = conditions.find((c) => c.type === 'DisruptionTarget');
    const cond = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
    if (!old || old.status !== 'True' || old.reason !== cond.reason || old.message !== cond.message) {
      const updated = { ...cond, lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : formatRFC3339(now) };
      const next = old ? conditions.map((c) => (c === old ? updated : c)) : [...conditions, updated];
      changes.push({ op: 'updateStatus', resource: 'pods', object: { ...pod, metadata: { ...pod.metadata, resourceVersion: undefined }, status: { ...pod.status, conditions: next } } });
    }
    changes.push({ op: 'delete', resource: 'pods', namespace, name });
  }
}

function podEvent(key: string, message: string): Change {
  const { namespace, name } = splitKey(key);
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace, name };
  return { op: 'event', object: ref as unknown as KubeObject, type: 'Normal', reason: 'TaintManagerEviction', message };
}
