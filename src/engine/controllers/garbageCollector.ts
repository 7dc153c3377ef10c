/**
 * The garbage collector (kubernetes `pkg/controller/garbagecollector`): deletes objects whose
 * owners are all gone, and carries out the three propagation policies of a delete.
 *
 * - Background: once an owner is gone, each dependent without another live ("solid") owner is
 *   deleted — itself with the policy its own finalizers ask for (background by default).
 * - Foreground: an owner deleted with `propagationPolicy: Foreground` keeps a deletionTimestamp and
 *   the `foregroundDeletion` finalizer. Its dependents are deleted in foreground in turn; the
 *   finalizer is removed once no dependent with `blockOwnerDeletion: true` is left (pods still
 *   terminating count), and that write removes the owner.
 * - Orphan: the `orphan` finalizer makes the collector strip the owner's reference from every
 *   dependent, then remove the finalizer.
 *
 * Upstream keeps an in-memory graph built from informers of every resource; here the graph is a
 * store index (owner uid → dependents) on every served resource except Events, and the watch events
 * of those resources decide what to look at: an object that appears or whose ownerReferences change,
 * the dependents of an object that disappears or starts deleting in foreground, and the foreground
 * owners of a dependent that changes or goes. No periodic scan. Keys are `resource|namespace|name`.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { PropagationPolicy } from '../api/server';
import { kindIsServed, qualifiedName, RESOURCE_TYPES, resourceType, resourceTypeForKind, type ResourceType } from '../api/resources';
import type { KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import { deepEqual } from '../util/clone';
import { addKey, NO_KEYS, type Change, type Controller, type KeyMapper } from './manager';

export const GC_OWNER_INDEX = 'gc.owner-uid';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

function ownerRefs(obj: KubeObject): OwnerReference[] {
  return obj.metadata.ownerReferences ?? [];
}

function hasFinalizer(obj: KubeObject, f: string): boolean {
  return (obj.metadata.finalizers ?? []).includes(f);
}

/** isDeletingDependents: being deleted in foreground. */
export function isDeletingDependents(obj: KubeObject): boolean {
  return !!obj.metadata.deletionTimestamp && hasFinalizer(obj, FOREGROUND_FINALIZER);
}

export function gcKey(resource: string, obj: KubeObject): string {
  return `${resource}|${obj.metadata.namespace ?? ''}|${obj.metadata.name}`;
}

/** GC_OWNER_INDEX's values: the owners' uids (most objects have none: one shared empty list). */
function ownerUids(obj: KubeObject): readonly string[] {
  const refs = obj.metadata.ownerReferences;
  if (!refs || refs.length === 0) return NO_UIDS;
  const uids = new Array<string>(refs.length);
  for (let i = 0; i < refs.length; i++) uids[i] = refs[i].uid;
  return uids;
}

const NO_UIDS: readonly string[] = [];

/** gcKey's parts, sliced rather than split: no array per reconcile. */
function splitGcKey(key: string): { resource: string; namespace: string | undefined; name: string } {
  const i = key.indexOf('|');
  const j = key.indexOf('|', i + 1);
  const end = key.indexOf('|', j + 1);
  return { resource: key.slice(0, i), namespace: key.slice(i + 1, j) || undefined, name: key.slice(j + 1, end < 0 ? undefined : end) };
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  readonly watches: Record<string, KeyMapper>;
  /** Every resource that can own or be owned (Events are never owned). */
  private readonly resources: string[];
  private ctx!: SimContext;

  constructor() {
    this.resources = RESOURCE_TYPES.filter((t) => t.kind !== 'Event' && t.verbs.includes('delete')).map(qualifiedName);
    this.watches = Object.fromEntries(
      this.resources.map((r) => [r, (obj: KubeObject, old: KubeObject | undefined, live: KubeObject | undefined) => this.keysFor(r, obj, old, live)]),
    );
  }

  setup(ctx: SimContext): void {
    this.ctx = ctx;
    for (const r of this.resources) ctx.store.addIndex(r, GC_OWNER_INDEX, ownerUids);
  }

  reconcile(key: string, ctx: SimContext): Change[] {
    const { resource, namespace, name } = splitGcKey(key);
    if (!resourceType(resource)) return [];
    const obj = ctx.store.get(resource, namespace, name);
    if (!obj) return [];
    if (obj.metadata.deletionTimestamp) {
      if (hasFinalizer(obj, ORPHAN_FINALIZER)) return this.orphanDependents(resource, obj);
      if (hasFinalizer(obj, FOREGROUND_FINALIZER)) return this.processDeletingDependents(resource, obj);
      // "Being deleted" is a one-way trip: wait for the object to go, then see to its dependents.
      return [];
    }
    return this.attemptToDelete(resource, obj);
  }

  /** All objects that name `owner` (by uid) in their ownerReferences, with their resource. */
  dependents(owner: KubeObject): { resource: string; obj: KubeObject }[] {
    const uid = owner.metadata.uid;
    if (!uid) return [];
    return this.resources.flatMap((r) => this.ctx.store.byIndex(r, GC_OWNER_INDEX, uid).map((obj) => ({ resource: r, obj })));
  }

  /** Keys in first-seen order without duplicates (a short list: a Set per event cost more). */
  private keysFor(resource: string, obj: KubeObject, old: KubeObject | undefined, live: KubeObject | undefined): readonly string[] {
    const gone = !live || live.metadata.uid !== obj.metadata.uid;
    if (gone) {
      const keys: string[] = [];
      // An owner vanished: its dependents may now be garbage. A dependent vanished: a foreground owner may be done.
      this.addDependents(obj, keys);
      this.addForegroundOwners(obj, keys);
      return keys;
    }
    const refsChanged = !old || !deepEqual(ownerRefs(old), ownerRefs(obj));
    const deleting = obj.metadata.deletionTimestamp !== undefined;
    // Most events are writes that neither change owners nor delete: nothing to look at.
    if (!refsChanged && !deleting) return NO_KEYS;
    const keys: string[] = [];
    if (ownerRefs(obj).length && refsChanged) keys.push(gcKey(resource, obj));
    if (refsChanged && old) {
      this.addForegroundOwners(old, keys);
      this.addForegroundOwners(obj, keys);
    }
    const finalizersChanged = !old || !deepEqual(old.metadata.finalizers, obj.metadata.finalizers) || old.metadata.deletionTimestamp !== obj.metadata.deletionTimestamp;
    if (deleting && finalizersChanged && (hasFinalizer(obj, ORPHAN_FINALIZER) || hasFinalizer(obj, FOREGROUND_FINALIZER))) {
      addKey(keys, gcKey(resource, obj));
      if (isDeletingDependents(obj)) this.addDependents(obj, keys);
    }
    if (deleting && finalizersChanged && old && !old.metadata.deletionTimestamp) this.addForegroundOwners(obj, keys);
    return keys;
  }

  /** Appends the keys of `owner`'s dependents not there yet (a Set: an owner may have thousands). */
  private addDependents(owner: KubeObject, keys: string[]): void {
    const seen = new Set(keys);
    for (const d of this.dependents(owner)) {
      const key = gcKey(d.resource, d.obj);
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
    }
  }

  /** Keys of the owners of `obj` that are waiting for their dependents to be deleted. */
  private addForegroundOwners(obj: KubeObject, keys: string[]): void {
    for (const ref of ownerRefs(obj)) {
      const found = this.lookupOwner(obj, ref);
      if (found.owner && isDeletingDependents(found.owner)) addKey(keys, gcKey(found.resource!, found.owner));
    }
  }

  /** The live owner a reference points to, if it exists with that uid. `known` is false for kinds we do not serve. */
  private lookupOwner(dependent: KubeObject, ref: OwnerReference): { known: boolean; resource?: string; owner?: KubeObject } {
    const t = ownerType(ref);
    if (!t) return { known: false };
    const resource = qualifiedName(t);
    // A cluster-scoped dependent cannot have a namespaced owner (upstream: OwnerRefInvalidNamespace).
    if (t.namespaced && !dependent.metadata.namespace) return { known: true, resource };
    const owner = this.ctx.store.get(resource, t.namespaced ? dependent.metadata.namespace : undefined, ref.name);
    return { known: true, resource, owner: owner && owner.metadata.uid === ref.uid ? owner : undefined };
  }

  /** attemptToDeleteItem for an object that is not being deleted. */
  private attemptToDelete(resource: string, obj: KubeObject): Change[] {
    const refs = ownerRefs(obj);
    if (refs.length === 0) return [];
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const found = this.lookupOwner(obj, ref);
      // An owner of a kind we cannot resolve is never taken as gone (upstream retries the lookup).
      if (!found.known) solid.push(ref);
      else if (!found.owner) dangling.push(ref);
      else if (isDeletingDependents(found.owner)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length) {
      if (!dangling.length && !waiting.length) return [];
      // Drop references to owners that are gone, or that wait for us: they would never finish.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      return [ownerRefsPatch(resource, obj, refs.filter((r) => !drop.has(r.uid)))];
    }
    const deps = this.dependents(obj);
    if (waiting.length && deps.length) {
      const changes: Change[] = [];
      // A dependent that itself waits for us would deadlock: stop blocking our owners first.
      if (deps.some((d) => isDeletingDependents(d.obj))) {
        const waitingUids = new Set(waiting.map((r) => r.uid));
        changes.push(ownerRefsPatch(resource, obj, refs.map((r) => (waitingUids.has(r.uid) ? { ...r, blockOwnerDeletion: false } : r))));
      }
      changes.push(deleteChange(resource, obj, 'Foreground'));
      return changes;
    }
    const policy: PropagationPolicy = hasFinalizer(obj, ORPHAN_FINALIZER) ? 'Orphan' : hasFinalizer(obj, FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
    return [deleteChange(resource, obj, policy)];
  }

  /** processDeletingDependentsItem: finish a foreground deletion once no blocking dependent is left. */
  private processDeletingDependents(resource: string, owner: KubeObject): Change[] {
    const uid = owner.metadata.uid;
    const blocking = this.dependents(owner).filter((d) => ownerRefs(d.obj).some((r) => r.uid === uid && r.blockOwnerDeletion));
    if (blocking.length === 0) return [removeFinalizer(resource, owner, FOREGROUND_FINALIZER)];
    // Dependents are queued by the watch; looking at them here too keeps a restored collector going.
    return blocking.filter((d) => !d.obj.metadata.deletionTimestamp).flatMap((d) => this.attemptToDelete(d.resource, d.obj));
  }

  /** attemptToOrphanWorker: strip the owner from every dependent, then drop the `orphan` finalizer. */
  private orphanDependents(resource: string, owner: KubeObject): Change[] {
    const uid = owner.metadata.uid;
    const changes: Change[] = this.dependents(owner).map((d) =>
      ownerRefsPatch(d.resource, d.obj, ownerRefs(d.obj).filter((r) => r.uid !== uid)),
    );
    changes.push(removeFinalizer(resource, owner, ORPHAN_FINALIZER));
    return changes;
  }
}

function ownerType(ref: OwnerReference): ResourceType | undefined {
  const exact = resourceTypeForKind(ref.apiVersion, ref.kind);
  if (exact) return exact;
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
  return kindIsServed(group, ref.kind);
}

function ownerRefsPatch(resource: string, obj: KubeObject, refs: OwnerReference[]): Change {
  return {
    op: 'patch',
    resource,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    patchType: 'merge',
    patch: { metadata: { ownerReferences: refs.length ? refs : null, uid: obj.metadata.uid } },
  };
}

function deleteChange(resource: string, obj: KubeObject, policy: PropagationPolicy): Change {
  return {
    op: 'delete',
    resource,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    options: { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } },
  };
}

function removeFinalizer(resource: string, obj: KubeObject, finalizer: string): Change {
  const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return {
    op: 'patch',
    resource,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    patchType: 'merge',
    patch: { metadata: { finalizers: finalizers.length ? finalizers : null, resourceVersion: obj.metadata.resourceVersion } },
  };
}
