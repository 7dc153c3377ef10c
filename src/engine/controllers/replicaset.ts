/**
 * The ReplicaSet controller (kubernetes `pkg/controller/replicaset/replica_set.go`): keeps the
 * number of active pods it controls equal to spec.replicas, adopts matching orphans and releases
 * pods whose labels stop matching, and writes status from what it saw.
 *
 * Differences from upstream, by design of the engine:
 * - No expectations cache: the store is read synchronously, so a reconcile always sees its own
 *   earlier writes.
 * - Slow start (batches 1, 2, 4, ... capped at burstReplicas 500) is kept as the order of creates;
 *   the manager stops at the first failed create (upstream finishes the failing batch first).
 * - A pod becoming available after minReadySeconds is caught by a requeue at
 *   Ready.lastTransitionTime + minReadySeconds + 1 s (upstream adds the same second).
 * - The counts a sync needs (claimed, ready, fully labeled) come from per-ReplicaSet tallies kept
 *   from pod watch events (replicaSetPods.ts), equal to a walk over the pods; the pods themselves
 *   are walked only to release, to pick pods to delete, or with minReadySeconds. Upstream walks
 *   them on every sync, which here made a 3,000-replica rollout O(n²).
 *
 * The per-event and per-sync paths hold no closures bound to a name (`const f = () => ...`,
 * `{ onSuccess: () => ... }`): tsx (esbuild keepNames) wraps each such closure in `__name`, an
 * Object.defineProperty per creation, which on ~30,000 pods cost more than the work around it.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { ApiError } from '../api/errors';
import { selectorMatches, type Labels } from '../api/selectors';
import { controllerOf, objectKey, type KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import type { Store } from '../store/store';
import { deepEqual } from '../util/clone';
import { formatRFC3339 } from '../util/time';
import { addKey, type Change, type Controller } from './manager';
import { compileSelector, hasTemplateLabels, ReplicaSetPodCounts, type PodCounts } from './replicaSetPods';
import {
  compareForDeletion,
  ControllerKeys,
  CONTROLLER_UID_INDEX,
  controllerUidIndexValues,
  newControllerRef,
  orphanIndexValue,
  podAvailableAfter,
  podIsActive,
  podIsAvailable,
  podIsReady,
} from './podUtil';

export const REPLICASETS = 'replicasets.apps';
export const BURST_REPLICAS = 500;
const SLOW_START_INITIAL_BATCH = 1;

/** The result of ClaimPods: how many pods, the list when asked, and the status counts. */
interface ClaimedPods {
  readonly count: number;
  /** Claimed pods in claim order (owned in index order, then adopted); call only before changes apply. */
  pods(): KubeObject[];
  tally(now: number): PodTally;
}

export interface ReplicaSetControllerOptions {
  burstReplicas?: number;
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  private ctx!: SimContext;
  private readonly controllerKeys = new ControllerKeys();
  private readonly burst: number;
  private podCounts!: ReplicaSetPodCounts;

  readonly watches = {
    [REPLICASETS]: (rs: KubeObject) => this.controllerKeys.ofObject(rs),
    pods: (pod: KubeObject, old: KubeObject | undefined, live: KubeObject | undefined) => this.keysForPod(pod, old, live),
  };

  constructor(opts: ReplicaSetControllerOptions = {}) {
    this.burst = opts.burstReplicas ?? BURST_REPLICAS;
  }

  setup(ctx: SimContext): void {
    this.ctx = ctx;
    ctx.store.addIndex('pods', CONTROLLER_UID_INDEX, controllerUidIndexValues);
    ctx.store.addIndex(REPLICASETS, CONTROLLER_UID_INDEX, controllerUidIndexValues);
    this.podCounts = new ReplicaSetPodCounts(ctx.store);
    ctx.store.subscribe((e) => this.podCounts.observe(e));
  }

  reconcile(key: string, ctx: SimContext): Change[] {
    const { namespace, name } = this.controllerKeys.names(key);
    const rs = ctx.store.get(REPLICASETS, namespace, name);
    if (!rs) return [];
    const now = ctx.now();
    const changes: Change[] = [];
    const claim = this.claimPods(rs, changes);
    // Tallied now, before any change is applied: a failure's status write reports what this sync saw.
    const tally = claim.tally(now);
    if (!rs.metadata.deletionTimestamp) this.manageReplicas(rs, claim, changes, tally, now);
    const status = replicaSetStatusChange(rs, tally, now);
    if (status) changes.push(status);
    const wake = (rs as ReplicaSet).spec?.minReadySeconds ? nextAvailability(rs, claim.pods(), now) : undefined;
    if (wake !== undefined) changes.push({ op: 'requeueAfter', ms: wake - now });
    return changes;
  }

  /** Pod events wake the controlling ReplicaSet, or for orphans every ReplicaSet that selects them. */
  private keysForPod(pod: KubeObject, old: KubeObject | undefined, live: KubeObject | undefined): readonly string[] {
    const owners = this.controllerKeys.ofDependent('ReplicaSet', pod, old);
    if (controllerOf(pod)) return owners;
    const keys = [...owners];
    const orphanChanged = !old || !deepEqual(old.metadata.labels, pod.metadata.labels) || controllerOf(old)?.uid !== undefined;
    if (orphanChanged && live && podIsActive(live)) {
      for (const rs of this.ctx.store.list(REPLICASETS, pod.metadata.namespace)) {
        if (selectorMatches(rs.spec?.selector, pod.metadata.labels)) addKey(keys, objectKey(rs));
      }
    }
    return keys;
  }

  /**
   * ClaimPods: the active pods this ReplicaSet controls after adopting and releasing. The pods it
   * already owns are not walked unless some must be released or the list itself is needed
   * (choosing pods to delete, minReadySeconds): their counts come from `podCounts`.
   */
  private claimPods(rs: KubeObject, changes: Change[]): ClaimedPods {
    const store = this.ctx.store;
    const deleting = !!rs.metadata.deletionTimestamp;
    const matches = compileSelector(rs.spec?.selector);
    const counts = this.podCounts.counts(rs);
    // Releases come first in the plan, in index order, as the full walk made them.
    const owned = counts.active !== counts.claimed && !deleting ? walkOwned(store, rs, matches, changes) : undefined;
    const adopted: KubeObject[] = [];
    if (!deleting) {
      for (const pod of store.byIndex('pods', CONTROLLER_UID_INDEX, orphanIndexValue(rs.metadata.namespace ?? ''))) {
        if (!podIsActive(pod) || !matches(pod.metadata.labels)) continue;
        changes.push(ownerRefsPatch(pod, [...(pod.metadata.ownerReferences ?? []), newControllerRef(rs)]));
        adopted.push(pod);
      }
    }
    return new Claim(store, rs, matches, counts, owned, adopted);
  }

  private manageReplicas(rs: KubeObject, claim: ClaimedPods, changes: Change[], tally: PodTally, now: number): void {
    const want = (rs as ReplicaSet).spec?.replicas ?? 1;
    const diff = claim.count - want;
    if (diff < 0) {
      const count = Math.min(-diff, this.burst);
      // The follow-ups are the same for every pod of this sync: built once, not per pod.
      const onSuccess = createdEvent(rs);
      const onError = failedWrite(rs, tally, now, 'FailedCreate', 'Error creating');
      for (const batch of slowStartBatches(count, SLOW_START_INITIAL_BATCH)) {
        for (let i = 0; i < batch; i++) changes.push({ op: 'create', resource: 'pods', object: podFromTemplate(rs), onSuccess, onError });
      }
    } else if (diff > 0) {
      for (const pod of this.podsToDelete(rs, claim.pods(), Math.min(diff, this.burst))) {
        changes.push({
          op: 'delete',
          resource: 'pods',
          namespace: pod.metadata.namespace,
          name: pod.metadata.name,
          onSuccess: deletedEvent(rs, pod.metadata.name),
          onError: failedWrite(rs, tally, now, 'FailedDelete', 'Error deleting'),
        });
      }
    }
  }

  /** getPodsToDelete: ActivePodsWithRanks order, ranked by related pods on the same node. */
  private podsToDelete(rs: KubeObject, pods: KubeObject[], count: number): KubeObject[] {
    if (count >= pods.length) return pods.slice(0, count);
    const onNode = new Map<string, number>();
    for (const p of this.relatedPods(rs)) {
      if (!podIsActive(p)) continue;
      const node = (p as Pod).spec?.nodeName ?? '';
      onNode.set(node, (onNode.get(node) ?? 0) + 1);
    }
    const now = this.ctx.now();
    const ranked = pods.map((pod) => ({ pod, rank: onNode.get((pod as Pod).spec?.nodeName ?? '') ?? 0 }));
    ranked.sort((a, b) => compareForDeletion(a.pod, b.pod, a.rank, b.rank, now));
    return ranked.slice(0, count).map((r) => r.pod);
  }

  /** Pods of every ReplicaSet sharing this one's controller (getIndirectlyRelatedPods). */
  private relatedPods(rs: KubeObject): KubeObject[] {
    const store = this.ctx.store;
    const owner = controllerOf(rs);
    const sets = owner ? store.byIndex(REPLICASETS, CONTROLLER_UID_INDEX, owner.uid) : [rs];
    return sets.flatMap((s) => store.byIndex('pods', CONTROLLER_UID_INDEX, s.metadata.uid!));
  }
}

/** ClaimPods' result: the counts come from the tallies; owned pods are listed only when asked. */
class Claim implements ClaimedPods {
  readonly count: number;

  constructor(
    private readonly store: Store,
    private readonly rs: KubeObject,
    private readonly matches: (labels: Labels) => boolean,
    private readonly counts: PodCounts,
    private owned: KubeObject[] | undefined,
    private readonly adopted: KubeObject[],
  ) {
    this.count = counts.claimed + adopted.length;
  }

  pods(): KubeObject[] {
    this.owned ??= walkOwned(this.store, this.rs, this.matches);
    return [...this.owned, ...this.adopted];
  }

  tally(now: number): PodTally {
    if ((this.rs as ReplicaSet).spec?.minReadySeconds) return tallyPods(this.rs, this.pods(), now);
    // Without minReadySeconds a ready pod is available at once. Most syncs adopt nothing.
    const extra = this.adopted.length ? tallyPods(this.rs, this.adopted, now) : NOTHING_ADOPTED;
    const ready = this.counts.ready + extra.ready;
    return { replicas: this.count, fully: this.counts.fully + extra.fully, ready, available: ready };
  }
}

const NOTHING_ADOPTED: Readonly<PodTally> = { replicas: 0, fully: 0, ready: 0, available: 0 };

/** The active pods a ReplicaSet owns that its selector matches; with `releases`, a patch releasing each of the others. */
function walkOwned(store: Store, rs: KubeObject, matches: (labels: Labels) => boolean, releases?: Change[]): KubeObject[] {
  const claimed: KubeObject[] = [];
  for (const pod of store.byIndex('pods', CONTROLLER_UID_INDEX, rs.metadata.uid!)) {
    if (!podIsActive(pod)) continue;
    if (matches(pod.metadata.labels)) claimed.push(pod);
    else if (releases) releases.push(ownerRefsPatch(pod, (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid)));
  }
  return claimed;
}

/** The follow-up of a pod create: `Created pod: <generated name>`. */
function createdEvent(rs: KubeObject): (pod: KubeObject) => Change[] {
  return (pod) => [{ op: 'event', object: rs, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}` }];
}

function deletedEvent(rs: KubeObject, podName: string): () => Change[] {
  return () => [{ op: 'event', object: rs, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${podName}` }];
}

/** The follow-up of a failed pod write: a Warning, and the status with the ReplicaFailure condition. */
function failedWrite(rs: KubeObject, tally: PodTally, now: number, reason: string, message: string): (err: ApiError) => Change[] {
  return (err) => {
    const status = replicaSetStatusChange(rs, tally, now, err);
    return [{ op: 'event', object: rs, type: 'Warning', reason, message: `${message}: ${err.message}` }, ...(status ? [status] : [])];
  };
}

/** Sizes of slow-start batches: 1, 2, 4, ... until `count` is reached. */
export function slowStartBatches(count: number, initial: number): number[] {
  const out: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    out.push(size);
    remaining -= size;
  }
  return out;
}

/**
 * GetPodFromTemplate: labels, annotations and finalizers of the template; generateName `<rs>-`.
 * They and the spec are the template's own, shared, not copied: the pod is only handed to the
 * API's create, which copies its input (a copy here too was a second deep copy of every pod).
 */
export function podFromTemplate(rs: KubeObject): KubeObject {
  const template = (rs as ReplicaSet).spec?.template ?? {};
  const meta = template.metadata ?? {};
  const metadata = { generateName: `${rs.metadata.name}-`, namespace: rs.metadata.namespace } as KubeObject['metadata'];
  if (meta.labels) metadata.labels = meta.labels;
  if (meta.annotations) metadata.annotations = meta.annotations;
  if (meta.finalizers) metadata.finalizers = meta.finalizers;
  metadata.ownerReferences = [newControllerRef(rs)];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: template.spec ?? {} };
}

function ownerRefsPatch(pod: KubeObject, refs: NonNullable<KubeObject['metadata']['ownerReferences']>): Change {
  return {
    op: 'patch',
    resource: 'pods',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    patchType: 'merge',
    patch: { metadata: { ownerReferences: refs.length ? refs : null, uid: pod.metadata.uid } },
  };
}

/** What calculateStatus counts over the claimed pods. */
export interface PodTally {
  replicas: number;
  fully: number;
  ready: number;
  available: number;
}

/** Counts claimed pods one by one (fully labeled, ready, available at `now`). */
export function tallyPods(rs: KubeObject, pods: KubeObject[], now: number): PodTally {
  const spec = (rs as ReplicaSet).spec;
  const templateLabels = spec?.template?.metadata?.labels ?? {};
  const tally: PodTally = { replicas: pods.length, fully: 0, ready: 0, available: 0 };
  for (const pod of pods) {
    if (hasTemplateLabels(templateLabels, pod.metadata.labels)) tally.fully++;
    if (podIsReady(pod)) {
      tally.ready++;
      if (podIsAvailable(pod, spec?.minReadySeconds ?? 0, now)) tally.available++;
    }
  }
  return tally;
}

/** calculateStatus + updateReplicaSetStatus: the status write, or undefined when nothing changed. */
export function replicaSetStatusChange(rs: KubeObject, tally: PodTally, now: number, err?: ApiError): Change | undefined {
  const spec = (rs as ReplicaSet).spec;
  const old: ReplicaSetStatus = rs.status ?? { replicas: 0 };
  const { fully, ready, available } = tally;
  let conditions = old.conditions;
  const failure = replicaFailure(conditions);
  if (err && !failure) {
    const diff = tally.replicas - (spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const cond: ReplicaSetCondition = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatRFC3339(now), reason, message: err.message };
    conditions = [...(conditions ?? []), cond];
  } else if (!err && failure) {
    conditions = conditions!.filter((c) => c.type !== 'ReplicaFailure');
  }
  const next: ReplicaSetStatus = { replicas: tally.replicas };
  if (fully) next.fullyLabeledReplicas = fully;
  if (ready) next.readyReplicas = ready;
  if (available) next.availableReplicas = available;
  if (rs.metadata.generation) next.observedGeneration = rs.metadata.generation;
  if (conditions?.length) next.conditions = conditions;
  if (deepEqual(next, old)) return undefined;
  return { op: 'updateStatus', resource: REPLICASETS, object: { ...rs, status: next } };
}

/** The ReplicaFailure condition, if any (a loop, not find with a closure: this runs on every sync). */
function replicaFailure(conditions: ReplicaSetCondition[] | undefined): ReplicaSetCondition | undefined {
  if (conditions) for (const c of conditions) if (c.type === 'ReplicaFailure') return c;
  return undefined;
}

/** When the next ready-but-not-yet-available pod becomes available (plus upstream's extra second). */
function nextAvailability(rs: KubeObject, pods: KubeObject[], now: number): number | undefined {
  const minReady = (rs as ReplicaSet).spec?.minReadySeconds ?? 0;
  if (!minReady) return undefined;
  let earliest: number | undefined;
  for (const pod of pods) {
    const after = podAvailableAfter(pod, minReady);
    if (after === undefined || after < now || !Number.isFinite(after)) continue;
    const at = after + 1000;
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest;
}
