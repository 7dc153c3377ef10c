/**
 * One Deployment sync's working state. Upstream's syncDeployment mutates an in-memory copy of the
 * Deployment and writes ReplicaSets as it goes; here the same steps mutate working copies and
 * record the writes as a plan (Change[]): one write per ReplicaSet however often it changed, the
 * ScalingReplicaSet events after it, then the Deployment's revision annotation and status.
 */
import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { EventType } from '../../api/events';
import type { KubeObject } from '../../objects';
import type { SimContext } from '../../sim/component';
import { clone, deepEqual } from '../../util/clone';
import type { Change } from '../manager';
import { replicasAnnotationsNeedUpdate, REVISION_ANNOTATION, setReplicasAnnotations } from './util/annotations';
import { maxSurge, desiredReplicas, rsReplicas } from './util/replicas';

export const DEPLOYMENTS = 'deployments.apps';
export const REPLICASETS = 'replicasets.apps';

export class SyncState {
  /** Working copy of the Deployment: annotations and status change here. */
  readonly d: KubeObject;
  /** Working copies of the ReplicaSets the Deployment owns (plus one created in this sync). */
  readonly rsList: KubeObject[];
  /** The pods of each owned ReplicaSet, by ReplicaSet uid (getPodMapForDeployment). */
  readonly podMap: ReadonlyMap<string, KubeObject[]>;
  private readonly plan: Change[] = [];
  /** The ReplicaSets whose write is planned: a few at most, so a list. */
  private readonly written: KubeObject[] = [];
  /** Set when the sync must stop early (hash collision): only the status is written. */
  aborted = false;
  private readonly time: number;

  constructor(
    readonly ctx: SimContext,
    private readonly original: KubeObject,
    rsList: KubeObject[],
    podMap: ReadonlyMap<string, KubeObject[]>,
    private readonly pending: Change[] = [],
  ) {
    this.time = ctx.now();
    this.d = workingCopy(original, true);
    this.d.status ??= {};
    this.rsList = rsList.map(replicaSetCopy);
    this.podMap = podMap;
  }

  get status(): DeploymentStatus {
    return this.d.status;
  }

  /** The sync's instant (virtual time stands still through a reconcile): read once, not per call. */
  now(): number {
    return this.time;
  }

  /** Queues the write of a (working copy of a) ReplicaSet, once. */
  writeRS(rs: KubeObject): void {
    if (this.written.includes(rs)) return;
    this.written.push(rs);
    this.plan.push({ op: 'update', resource: REPLICASETS, object: rs });
  }

  createRS(rs: KubeObject): void {
    this.written.push(rs);
    this.rsList.push(rs);
    this.plan.push({ op: 'create', resource: REPLICASETS, object: rs });
  }

  deleteRS(rs: KubeObject): void {
    this.plan.push({ op: 'delete', resource: REPLICASETS, namespace: rs.metadata.namespace, name: rs.metadata.name });
  }

  event(type: EventType, reason: string, message: string): void {
    this.plan.push({ op: 'event', object: this.original, type, reason, message });
  }

  requeueAfter(ms: number): void {
    this.plan.push({ op: 'requeueAfter', ms: Math.max(0, ms) });
  }

  /**
   * scaleReplicaSet: sets the size and the desired/max replicas annotations, and records
   * `Scaled <up|down> replica set <rs> from <old> to <new>` when the size changed.
   */
  scaleReplicaSet(rs: KubeObject, newScale: number, operation: string): boolean {
    const oldScale = rsReplicas(rs);
    const desired = desiredReplicas(this.d);
    const max = desired + maxSurge(this.d);
    const sizeNeedsUpdate = oldScale !== newScale;
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
    rs.spec = { ...rs.spec, replicas: newScale };
    setReplicasAnnotations(rs, desired, max);
    this.writeRS(rs);
    if (sizeNeedsUpdate) this.event('Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    return sizeNeedsUpdate;
  }

  /** scaleReplicaSetAndRecordEvent: no-op when the size is already right. */
  scaleAndRecord(rs: KubeObject, newScale: number): boolean {
    if (rsReplicas(rs) === newScale) return false;
    return this.scaleReplicaSet(rs, newScale, rsReplicas(rs) < newScale ? 'up' : 'down');
  }

  /**
   * The plan: pending claims, ReplicaSet writes and events, then the Deployment's own writes.
   * Called once, at the end of the sync (the plan list itself is handed out when it can be).
   */
  changes(): Change[] {
    const plan = this.aborted ? this.plan.filter((c) => c.op !== 'update' && c.op !== 'create') : this.plan;
    const out = this.pending.length ? [...this.pending, ...plan] : plan;
    const m = this.original.metadata;
    const rev = this.d.metadata.annotations?.[REVISION_ANNOTATION];
    const revisionChanged = rev !== undefined && rev !== m.annotations?.[REVISION_ANNOTATION];
    if (revisionChanged || !deepEqual(this.d.status, this.original.status ?? {})) {
      // As upstream: the revision annotation travels with the status write (the status strategy keeps annotations).
      const { resourceVersion: _rv, ...meta } = m;
      meta.annotations = revisionChanged ? { ...m.annotations, [REVISION_ANNOTATION]: rev } : m.annotations;
      out.push({ op: 'updateStatus', resource: DEPLOYMENTS, object: { ...this.original, metadata: meta as KubeObject['metadata'], status: this.d.status } });
    }
    return out;
  }
}

/**
 * A working copy: its own top level, metadata and annotations, and (`ownStatus`) status, sharing
 * what lies below them (spec, template, selector, labels, owner references, conditions,
 * managedFields) with the stored object. A sync only sets annotations, replaces a spec rather
 * than editing it, sets fields of the Deployment's status and replaces condition lists rather
 * than editing them, so it never writes a shared part; and the API copies what it is sent. A deep
 * copy of every ReplicaSet and of the Deployment on each of a rollout's ~60,000 syncs was most of
 * their allocation. Keys keep their order and drop undefined values, as with clone.
 */
function workingCopy(obj: KubeObject, ownStatus: boolean): KubeObject {
  const out: Record<string, unknown> = {};
  for (const key in obj) {
    const v = (obj as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key === 'metadata') out.metadata = metadataCopy(v as Record<string, unknown>);
    else if (key === 'spec' || key === 'status') out[key] = key === 'status' && ownStatus && isPlainObject(v) ? definedCopy(v) : v;
    else out[key] = clone(v);
  }
  return out as KubeObject;
}

/** A ReplicaSet's working copy: a sync never writes its status (it only reads the counts). */
function replicaSetCopy(rs: KubeObject): KubeObject {
  return workingCopy(rs, false);
}

/** A copy of metadata with annotations of its own (a sync sets them in place); the rest is shared. */
function metadataCopy(meta: Record<string, unknown>): Record<string, unknown> {
  const out = definedCopy(meta);
  if (out.annotations !== undefined) out.annotations = clone(out.annotations);
  return out;
}

/** One level of a plain object, keys in order, undefined values dropped. */
function definedCopy(src: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in src) {
    const v = (src as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function isPlainObject(v: unknown): v is object {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
