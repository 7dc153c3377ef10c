/**
 * Pod facts shared by the workload controllers, as kubernetes `pkg/api/v1/pod` and
 * `pkg/controller/controller_utils.go` define them: readiness, availability (Ready for longer than
 * minReadySeconds), activeness, the index of objects by their controller's uid, and the order in
 * which a ReplicaSet picks pods to delete (`ActivePodsWithRanks`).
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { controllerOf, objectKey, splitKey, type KubeObject } from '../objects';
import { parseTime } from '../util/time';
import { addKey } from './manager';

/** Index (on pods, replicasets, ...) by controller uid; orphans under `ORPHAN_INDEX_PREFIX + namespace`. */
export const CONTROLLER_UID_INDEX = 'controller-uid';
export const ORPHAN_INDEX_PREFIX = '_ORPHAN/';

export function controllerUidIndexValues(obj: KubeObject): readonly string[] {
  const ref = controllerOf(obj);
  return ref ? controllerUidValues(ref.uid) : orphanIndexValues(obj.metadata.namespace ?? '');
}

/**
 * A controller uid's index list, one per uid: the index function runs on every write of a pod or
 * ReplicaSet, and most writes (pod status posts) keep the value, so a new list per call was
 * garbage. The store only reads it. A cache of lists that are a function of their uid, emptied
 * when large rather than tracking which controllers went away.
 */
function controllerUidValues(uid: string): readonly string[] {
  let values = uidValues.get(uid);
  if (values === undefined) {
    if (uidValues.size >= MAX_UID_VALUES) uidValues.clear();
    uidValues.set(uid, (values = [uid]));
  }
  return values;
}

const uidValues = new Map<string, readonly string[]>();
const MAX_UID_VALUES = 10_000;

/** The index value of a namespace's orphans, built once per namespace rather than per lookup. */
export function orphanIndexValue(namespace: string): string {
  return orphanIndexValues(namespace)[0];
}

function orphanIndexValues(namespace: string): readonly string[] {
  let values = orphanValues.get(namespace);
  if (values === undefined) orphanValues.set(namespace, (values = [ORPHAN_INDEX_PREFIX + namespace]));
  return values;
}

const orphanValues = new Map<string, readonly string[]>();

/**
 * The work-queue keys (`[namespace/name]`) of a watch event that wakes a controller, built once
 * per controller: one flat string, whose hash the work queue's set computes once, rather than a
 * new string per event; and the key's namespace and name for the reconcile, without slicing the
 * key again. By controller uid, a string whose hash is cached too (a WeakMap by reference object
 * cost more than building the string).
 */
export class ControllerKeys {
  private readonly byUid = new Map<string, KeyEntry>();
  private readonly byKey = new Map<string, KeyEntry>();

  /** The key of the controller `ref` of an object in `namespace`. */
  of(namespace: string | undefined, ref: OwnerReference): readonly string[] {
    return this.entry(namespace, ref.uid, ref.name).keys;
  }

  /**
   * The keys an event of a dependent (`obj`, `old` the version before) wakes among controllers of
   * `kind`: its controller's and, when that changed, the one it had, each once. The usual answer,
   * the same controller before and after, is the list built once.
   */
  ofDependent(kind: string, obj: KubeObject, old: KubeObject | undefined): readonly string[] {
    const ref = controllerOf(obj);
    const oldRef = old && controllerOf(old);
    const same = ref?.kind === kind && ref.name === oldRef?.name && old!.metadata.namespace === obj.metadata.namespace;
    if (ref?.kind === kind && (same || oldRef?.kind !== kind)) return this.of(obj.metadata.namespace, ref);
    const keys: string[] = [];
    if (ref?.kind === kind) keys.push(`${obj.metadata.namespace}/${ref.name}`);
    if (oldRef?.kind === kind && !same) addKey(keys, `${old!.metadata.namespace}/${oldRef.name}`);
    return keys;
  }

  /** `[objectKey(obj)]`: the key of a controller's own event. */
  ofObject(obj: KubeObject): readonly string[] {
    const m = obj.metadata;
    return m.namespace && m.uid ? this.entry(m.namespace, m.uid, m.name).keys : [objectKey(obj)];
  }

  /** splitKey(key), for a key built here without slicing it. */
  names(key: string): { namespace: string | undefined; name: string } {
    return this.byKey.get(key)?.names ?? splitKey(key);
  }

  private entry(namespace: string | undefined, uid: string, name: string): KeyEntry {
    let cached = this.byUid.get(uid);
    if (cached === undefined || cached.namespace !== namespace || cached.name !== name) {
      // Only a cache: emptied now and then rather than tracking which controllers are gone.
      if (this.byUid.size >= MAX_CONTROLLER_KEYS) {
        this.byUid.clear();
        this.byKey.clear();
      }
      const key = `${namespace}/${name}`;
      // What splitKey gives, with the name string the object has (its hash computed already).
      const names = namespace && !namespace.includes('/') ? { namespace, name } : splitKey(key);
      cached = { namespace, name, names, keys: [key] };
      this.byUid.set(uid, cached);
      this.byKey.set(key, cached);
    }
    return cached;
  }
}

interface KeyEntry {
  namespace: string | undefined;
  name: string;
  names: { namespace: string | undefined; name: string };
  keys: readonly string[];
}

const MAX_CONTROLLER_KEYS = 10_000;

/** A controller reference to `owner` (metav1.NewControllerRef). */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** A timestamp's epoch milliseconds, or undefined when absent or unparseable. */
export function timestampMs(s: string | null | undefined): number | undefined {
  const t = s ? parseTime(s) : null;
  return t === null || !Number.isFinite(t) ? undefined : t;
}

function status(pod: KubeObject): Pod['status'] {
  return (pod as Pod).status;
}

export function podReadyCondition(pod: KubeObject): PodCondition | undefined {
  // A loop, not find with a closure: this runs on nearly every pod event.
  const conditions = status(pod)?.conditions;
  if (conditions) for (const c of conditions) if (c.type === 'Ready') return c;
  return undefined;
}

export function podIsReady(pod: KubeObject): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/**
 * The instant after which a ready pod counts as available: Ready's lastTransitionTime plus
 * minReadySeconds (the pod is available once `now` is strictly later). Undefined when not ready.
 */
export function podAvailableAfter(pod: KubeObject, minReadySeconds: number): number | undefined {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True') return undefined;
  if (!minReadySeconds) return -Infinity;
  const t = timestampMs(c.lastTransitionTime);
  return t === undefined ? Infinity : t + minReadySeconds * 1000;
}

/** podutil.IsPodAvailable: ready, and ready for more than minReadySeconds. */
export function podIsAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const after = podAvailableAfter(pod, minReadySeconds);
  return after !== undefined && after < now;
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function podIsActive(pod: KubeObject): boolean {
  const phase = status(pod)?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(pod: KubeObject): number {
  const v = Number(pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION]);
  return Number.isInteger(v) ? v : 0;
}

function maxRestarts(pod: KubeObject): [regular: number, sidecar: number] {
  const p = pod as Pod;
  let regular = 0;
  for (const c of p.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const c of p.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}

/** Log2 buckets of age in nanoseconds (LogarithmicScaleDown): pods of similar age compare equal. */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

function timeOf(s: string | undefined): number {
  return timestampMs(s) ?? 0;
}

/** Newer first, zero (unknown) time first; within one log2 age bucket, by uid. */
function compareTimes(ti: number, tj: number, uidI: string, uidJ: string, now: number): number {
  if (ti === tj) return 0;
  if (!ti || !tj) return ti ? 1 : -1;
  const diff = logRank(ti, now) - logRank(tj, now);
  if (diff !== 0) return diff;
  return uidI < uidJ ? -1 : uidI > uidJ ? 1 : 0;
}

/**
 * controller.ActivePodsWithRanks.Less as a comparator: the pods that sort first are deleted first.
 * `rank` is the number of active related pods on the same node (more doubled-up first).
 */
export function compareForDeletion(a: KubeObject, b: KubeObject, rankA: number, rankB: number, now: number): number {
  const na = (a as Pod).spec?.nodeName ?? '';
  const nb = (b as Pod).spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return na ? 1 : -1; // 1. unassigned < assigned
  const pa = PHASE_ORDINAL[status(a)?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[status(b)?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb; // 2. Pending < Unknown < Running
  const ra = podIsReady(a);
  const rb = podIsReady(b);
  if (ra !== rb) return ra ? 1 : -1; // 3. not ready < ready
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb; // 4. lower pod-deletion-cost first
  if (rankA !== rankB) return rankB - rankA; // 5. doubled up < not doubled up
  const uidA = a.metadata.uid ?? '';
  const uidB = b.metadata.uid ?? '';
  if (ra && rb) {
    // 6. ready for less time first
    const c = compareTimes(timeOf(podReadyCondition(a)?.lastTransitionTime), timeOf(podReadyCondition(b)?.lastTransitionTime), uidA, uidB, now);
    if (c !== 0) return c;
  }
  const [regA, sideA] = maxRestarts(a);
  const [regB, sideB] = maxRestarts(b);
  if (regA !== regB) return regB - regA; // 7. more restarts first
  if (sideA !== sideB) return sideB - sideA;
  // 8. newer creation first
  return compareTimes(timeOf(a.metadata.creationTimestamp), timeOf(b.metadata.creationTimestamp), uidA, uidB, now);
}
