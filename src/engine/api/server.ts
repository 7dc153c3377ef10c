/**
 * The API server: the only door to the store. kubectl, the editor, lessons and controllers all
 * write through it, so naming, admission, defaulting, validation, optimistic concurrency,
 * generation, graceful deletion and finalizers behave the same whoever acts.
 */
import type { KubeObject } from '../objects';
import type { Random } from '../sim/random';
import type { Store, StoreEvent, WatchEventType } from '../store/store';
import { clone, deepEqual, shallowCopy } from '../util/clone';
import { formatRFC3339 } from '../util/time';
import { rulesFor, type AdmissionContext, type Operation, type ResourceRules } from './admission';
import { isDecodedEvent } from './events';
import { alreadyExists, ApiError, badRequest, conflict, forbidden, notFound, OBJECT_MODIFIED } from './errors';
import { invalidError, required, type FieldError } from './fieldErrors';
import { trackUpdate, type ManagedFieldsEntry, type Tracking } from './managedFields';
import { appliedOnCreate, serverSideApply } from './serverSideApply';
import { applyPatch, type PatchType } from './patch';
import { mustResourceType, qualifiedName, resourceTypeForKind, type ResourceType } from './resources';
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector } from './selectors';
import { mustDecode } from './strictDecoding';
import { nameRuleFor, validateObjectMeta, validateObjectMetaUpdate } from './validation/objectMeta';

export interface Clock {
  now(): number;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WriteOptions {
  dryRun?: boolean;
  /** `finalize` is the namespaces/finalize subresource: only spec.finalizers changes. */
  subresource?: 'status' | 'finalize';
  /**
   * The caller hands `input` over (status writes and creates): it built the status (the object)
   * afresh and never touches it again, so the server stores it as it is instead of copying it first.
   */
  handOver?: boolean;
  /**
   * Who writes (`fieldManager`): the write records the fields it set in metadata.managedFields
   * under this name, as an Update (status writes with `subresource: status`). Without it the
   * write leaves managedFields as they were.
   */
  fieldManager?: string;
  /** The subresource the managedFields entry names when it is not `subresource` (`scale`). */
  fieldSubresource?: string;
}

export interface ApplyOptions {
  fieldManager: string;
  force?: boolean;
  dryRun?: boolean;
}

/** Internal: how a write computes its managedFields from the stored and the final object. */
type Track = (final: KubeObject, old: KubeObject | undefined) => ManagedFieldsEntry[] | undefined;

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

export interface WatchOptions extends ListOptions {
  /** Resume after this resourceVersion; absent or "0" starts with ADDED events for what exists. */
  resourceVersion?: string;
}

/** Rewrites an object as it is read (derived heartbeat timestamps and the like). */
export type ReadHook = (obj: KubeObject, now: number) => KubeObject;

export class ApiServer {
  private readHooks = new Map<string, ReadHook[]>();
  /** The last `timestamp()`: writes at one instant share one string rather than each format one. */
  private stampedAt = NaN;
  private stamp = '';
  /** context()'s contexts of the instant `contextsAt`, by operation and subresource. */
  private readonly contexts = new Array<AdmissionContext | undefined>(6).fill(undefined);
  private contextsAt = NaN;
  /** The last tracking() answer. */
  private lastTracking: Tracking | undefined = undefined;

  constructor(
    readonly store: Store,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  now(): number {
    return this.clock.now();
  }

  /** Hooks run in the order added; each sees the previous one's result. */
  addReadHook(resource: string, hook: ReadHook): void {
    this.readHooks.set(resource, [...(this.readHooks.get(resource) ?? []), hook]);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject {
    const t = mustResourceType(resource);
    const obj = this.store.get(resource, t.namespaced ? namespace : undefined, name);
    if (!obj) throw notFound(resource, name);
    return this.read(resource, obj);
  }

  tryGet(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const t = mustResourceType(resource);
    const obj = this.store.get(resource, t.namespaced ? namespace : undefined, name);
    return obj && this.read(resource, obj);
  }

  list(resource: string, opts: ListOptions = {}): { items: KubeObject[]; resourceVersion: string } {
    const t = mustResourceType(resource);
    const labels = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : [];
    const fields = opts.fieldSelector ? parseFieldSelector(resource, opts.fieldSelector) : [];
    const items = this.store
      .list(resource, t.namespaced ? opts.namespace : undefined)
      .filter((o) => matchesRequirements(labels, o.metadata.labels) && matchesFields(fields, o))
      .map((o) => this.read(resource, o));
    return { items, resourceVersion: String(this.store.resourceVersion) };
  }

  create(resource: string, input: KubeObject, opts: WriteOptions = {}): KubeObject {
    return this.createTracked(resource, input, opts, opts.fieldManager ? this.updateTracker(opts.fieldManager) : undefined);
  }

  private createTracked(resource: string, input: KubeObject, opts: WriteOptions, track: Track | undefined): KubeObject {
    const t = mustResourceType(resource);
    const obj = opts.handOver ? input : clone(input);
    this.checkKind(t, obj);
    // An event the recorder built and checked decodes as it is (see isDecodedEvent).
    if (!isDecodedEvent(obj)) mustDecode(obj);
    const meta = obj.metadata ?? (obj.metadata = {} as KubeObject['metadata']);
    if (t.namespaced) {
      meta.namespace = meta.namespace || 'default';
    } else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName, this.random);
    if (t.namespaced) this.checkNamespaceOpen(meta.namespace!, resource, meta.name);
    if (!meta.name) throw invalidError(t.kind, t.group, '', [required('metadata.name', 'name or generateName is required')]);
    // `in` first: deleting a key that is not there (the usual case) still costs a runtime call.
    for (let i = 0; i < SERVER_SET_META.length; i++) if (SERVER_SET_META[i] in meta) delete meta[SERVER_SET_META[i]];
    meta.uid = uuid(this.random);
    meta.creationTimestamp = this.timestamp();
    if (t.generation) meta.generation = 1;
    else if ('generation' in meta) delete meta.generation;
    const ctx = this.context('CREATE');
    const rules = rulesFor(resource);
    for (let i = 0; i < rules.length; i++) rules[i].prepareForCreate?.(obj, ctx);
    this.admit(t, obj, undefined, ctx);
    if (this.store.get(resource, meta.namespace, meta.name)) throw alreadyExists(resource, meta.name);
    if (track) setManagedFields(obj, track(obj, undefined));
    if (opts.dryRun) return obj;
    return this.read(resource, this.store.put(resource, obj));
  }

  /** Replaces an object (PUT). Honors resourceVersion preconditions; status is its own subresource. */
  update(resource: string, input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const t = mustResourceType(resource);
    const ns = t.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name;
    if (!name) throw badRequest('name is required');
    const old = this.store.get(resource, ns, name);
    if (!old) throw notFound(resource, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(resource, name, OBJECT_MODIFIED);
    // A status write keeps only status and annotations of the request (see write): copy just those.
    const obj = opts.subresource === 'status' ? statusRequest(input, opts.handOver === true) : updateRequest(input, old);
    // A status write's parts that are the stored object's own (a kubelet status built around the
    // stored one) were decoded when stored.
    mustDecode(obj, opts.subresource === 'status' ? { decoded: old } : undefined);
    return this.write(t, old, obj, opts);
  }

  updateStatus(resource: string, input: KubeObject, opts: { handOver?: boolean; fieldManager?: string } = {}): KubeObject {
    return this.update(resource, input, { subresource: 'status', handOver: opts.handOver, fieldManager: opts.fieldManager });
  }

  patch(
    resource: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions = {},
  ): KubeObject {
    const t = mustResourceType(resource);
    const old = this.store.get(resource, t.namespaced ? namespace : undefined, name);
    if (!old) throw notFound(resource, name);
    const patched = applyPatch(t, clone(old), patch, type) as KubeObject;
    mustDecode(patched, { patch, type });
    const rv = patched.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(resource, name, OBJECT_MODIFIED);
    return this.write(t, old, patched, opts);
  }

  /**
   * Server-side apply (`application/apply-patch+yaml`): creates the object when absent, else merges
   * the configuration in, with field ownership and conflicts (see managedFields.ts).
   * `created` says which happened (201 or 200).
   */
  apply(resource: string, namespace: string | undefined, name: string, config: KubeObject, opts: ApplyOptions): { object: KubeObject; created: boolean } {
    const t = mustResourceType(resource);
    if (config.metadata?.managedFields !== undefined) throw badRequest('metadata.managedFields must be nil');
    const old = this.store.get(resource, t.namespaced ? namespace : undefined, name);
    mustDecode(config);
    const tracking = { fieldManager: opts.fieldManager, force: opts.force, now: this.now() };
    if (!old) {
      const obj = { ...config, metadata: { ...config.metadata, name, ...(t.namespaced ? { namespace } : {}) } } as KubeObject;
      const track: Track = () => appliedOnCreate(config, tracking);
      return { object: this.createTracked(resource, obj, { dryRun: opts.dryRun }, track), created: true };
    }
    this.checkKind(t, config);
    const { merged, managed } = serverSideApply(old, config, tracking);
    const rv = config.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(resource, name, OBJECT_MODIFIED);
    return { object: this.write(t, old, merged, { dryRun: opts.dryRun }, managed), created: false };
  }

  /**
   * The pods/binding subresource: assigns an unbound pod to a node, once, and marks it
   * PodScheduled — what kube-scheduler's DefaultBinder POSTs.
   */
  bind(namespace: string, name: string, nodeName: string): KubeObject {
    const old = this.store.get('pods', namespace, name);
    if (!old) throw notFound('pods', name);
    if (old.metadata.deletionTimestamp) throw conflict('pods/binding', name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (old.spec?.nodeName) throw conflict('pods/binding', name, `pod ${name} is already assigned to node "${old.spec.nodeName}"`);
    // Only spec.nodeName and the PodScheduled condition change: the new version shares the
    // rest with the stored one (stored objects are never mutated), instead of a deep copy.
    const spec = shallowCopy(old.spec ?? {});
    spec.nodeName = nodeName;
    const obj: KubeObject = { ...old, metadata: { ...old.metadata }, spec };
    const now = this.timestamp();
    const conditions = (old.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
    obj.status = { ...old.status, conditions };
    return this.read('pods', this.store.put('pods', obj));
  }

  /**
   * Deletes an object. Returns the object as it now stands: with a deletionTimestamp when deletion
   * is graceful or waits on finalizers, or as it was when it is already gone.
   */
  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const t = mustResourceType(resource);
    const ns = t.namespaced ? namespace : undefined;
    const old = this.store.get(resource, ns, name);
    if (!old) throw notFound(resource, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid)
      throw conflict(resource, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion)
      throw conflict(resource, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);

    let grace = 0;
    for (const r of rulesFor(resource)) if (r.defaultGracePeriod) grace = r.defaultGracePeriod(old, opts.gracePeriodSeconds);
    const obj = clone(old);
    const finalizers = new Set(obj.metadata.finalizers ?? []);
    if (opts.propagationPolicy === 'Orphan') finalizers.add('orphan');
    if (opts.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');

    const retained = this.retained(resource, old);
    if (grace === 0 && finalizers.size === 0 && !retained) {
      if (opts.dryRun) return old;
      this.store.remove(resource, ns, name);
      return old;
    }
    const now = this.now();
    if (old.metadata.deletionTimestamp) {
      // A second delete may only shorten a pending grace period.
      const current = old.metadata.deletionGracePeriodSeconds ?? 0;
      if (grace >= current && finalizers.size === (old.metadata.finalizers ?? []).length) return this.read(resource, old);
      if (grace < current) {
        obj.metadata.deletionGracePeriodSeconds = grace;
        obj.metadata.deletionTimestamp = formatRFC3339(now + grace * 1000);
      }
    } else {
      obj.metadata.deletionTimestamp = formatRFC3339(now + grace * 1000);
      obj.metadata.deletionGracePeriodSeconds = grace;
      const ctx = this.context('UPDATE');
      for (const r of rulesFor(resource)) r.prepareForDelete?.(obj, ctx);
    }
    if (finalizers.size) obj.metadata.finalizers = [...finalizers];
    if (t.generation && obj.metadata.generation) obj.metadata.generation++;
    if (opts.dryRun) return obj;
    if (grace === 0 && finalizers.size === 0 && !retained) {
      this.store.remove(resource, ns, name);
      return obj;
    }
    return this.read(resource, this.store.put(resource, obj));
  }

  /** Streams changes. Returns the function that stops the watch. */
  watch(resource: string, opts: WatchOptions, onEvent: (e: WatchEvent) => void): () => void {
    const t = mustResourceType(resource);
    const labels = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : [];
    const fields = opts.fieldSelector ? parseFieldSelector(resource, opts.fieldSelector) : [];
    const ns = t.namespaced ? opts.namespace : undefined;
    const matches = (o: KubeObject) =>
      (ns === undefined || o.metadata.namespace === ns) && matchesRequirements(labels, o.metadata.labels) && matchesFields(fields, o);
    const deliver = (e: StoreEvent) => {
      if (e.resource !== resource) return;
      const now = matches(e.object);
      const before = e.old ? matches(e.old) : false;
      // An object that starts or stops matching a filtered watch is ADDED or DELETED for that watch.
      if (e.type === 'MODIFIED' && now !== before) onEvent({ type: now ? 'ADDED' : 'DELETED', object: this.read(resource, e.object) });
      else if (now || (e.type === 'DELETED' && before)) onEvent({ type: e.type, object: this.read(resource, e.object) });
    };
    const rv = opts.resourceVersion;
    if (!rv || rv === '0') {
      for (const o of this.store.list(resource, ns)) if (matches(o)) onEvent({ type: 'ADDED', object: this.read(resource, o) });
    } else {
      const since = this.store.changesSince(Number(rv));
      if (!since) throw new ApiError(410, 'Expired', `too old resource version: ${rv} (${this.store.compacted})`);
      since.forEach(deliver);
    }
    return this.store.subscribe(deliver);
  }

  private write(t: ResourceType, old: KubeObject, obj: KubeObject, opts: WriteOptions, track?: Track): KubeObject {
    const resource = qualifiedName(t);
    this.checkKind(t, obj);
    const ctx = this.context('UPDATE', opts.subresource);
    if (opts.subresource === 'status') {
      // Like the apps and core status strategies: spec and labels stay; status and annotations
      // come from the request (the deployment controller writes its revision annotation so).
      const annotations = obj.metadata?.annotations ?? old.metadata.annotations;
      // Nothing but status and annotations changes, so when no rule mutates on a status write the
      // new version shares the stored one's other parts (stored objects are never mutated); the
      // no-op check below then compares little more than the status.
      const shared = noMutationOnStatus(rulesFor(resource));
      obj = shared ? { ...old, metadata: { ...old.metadata }, status: obj.status } : { ...clone(old), status: obj.status };
      // The stored annotations (kept or repeated by reference) are never mutated: shared, not copied.
      if (annotations) obj.metadata.annotations = annotations === old.metadata.annotations ? annotations : clone(annotations);
      else delete obj.metadata.annotations;
    } else if (opts.subresource === 'finalize') {
      obj = { ...clone(old), spec: { ...clone(old.spec ?? {}), finalizers: obj.spec?.finalizers ?? [] } };
    } else {
      if (t.statusSubresource) obj.status = clone(old.status);
      const m = obj.metadata;
      m.uid = old.metadata.uid;
      m.creationTimestamp = old.metadata.creationTimestamp;
      m.namespace = old.metadata.namespace;
      m.deletionTimestamp = old.metadata.deletionTimestamp;
      m.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      if (old.metadata.deletionTimestamp && hasNewFinalizer(obj, old)) {
        throw this.invalid(t, obj, [{ type: 'FieldValueForbidden', field: 'metadata.finalizers', hasValue: false, detail: 'no new finalizers can be added if the object is being deleted' }]);
      }
      m.generation = old.metadata.generation;
      if (t.generation && !deepEqual(obj.spec, old.spec)) m.generation = (old.metadata.generation ?? 0) + 1;
      for (const r of rulesFor(resource)) r.prepareForUpdate?.(obj, old, ctx);
    }
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    // managedFields a request leaves out or repeats stay as stored; a request that changes them
    // (kubectl's client-side to server-side apply migration) sets them, `[]` clears them.
    const requested = obj.metadata.managedFields;
    if (requested === undefined || deepEqual(requested, old.metadata.managedFields)) {
      if (old.metadata.managedFields) obj.metadata.managedFields = old.metadata.managedFields;
      else delete obj.metadata.managedFields;
    } else if (requested.length === 0) delete obj.metadata.managedFields;
    this.admit(t, obj, old, ctx);
    // An apply may change ownership alone; an update that changes nothing records nothing.
    const applying = track !== undefined;
    if (!applying && deepEqual(obj, old)) return this.read(resource, old);
    if (track) setManagedFields(obj, track(obj, old));
    else if (opts.fieldManager) {
      // What updateTracker's closure would do, without a closure per write.
      setManagedFields(obj, trackUpdate(old, obj, this.tracking(opts.fieldManager, opts.fieldSubresource ?? opts.subresource)));
    }
    if (applying && deepEqual(obj, old)) return this.read(resource, old);
    if (opts.dryRun) return obj;
    const m = obj.metadata;
    if (m.deletionTimestamp && (m.finalizers ?? []).length === 0 && (m.deletionGracePeriodSeconds ?? 0) === 0 && !this.retained(resource, obj)) {
      this.store.remove(resource, m.namespace, m.name);
      return obj;
    }
    return this.read(resource, this.store.put(resource, obj));
  }

  private updateTracker(fieldManager: string, subresource?: string): Track {
    const tracking = this.tracking(fieldManager, subresource);
    return (final, old) => trackUpdate(old, final, tracking);
  }

  /**
   * What a tracked write by `fieldManager` records with; the writes of one manager at one instant
   * (a kubelet's status posts, a controller's syncs) share one, which trackUpdate only reads.
   */
  private tracking(fieldManager: string, subresource: string | undefined): Tracking {
    const now = this.now();
    const last = this.lastTracking;
    if (last !== undefined && last.now === now && last.fieldManager === fieldManager && last.subresource === subresource) return last;
    return (this.lastTracking = Object.freeze({ fieldManager, subresource, now }));
  }

  private admit(t: ResourceType, obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): void {
    const resource = qualifiedName(t);
    const rules = rulesFor(resource);
    // Loops by index, the answers appended one by one: every write comes here, and the rules'
    // answers are nearly always empty (no iterator or spread per rule).
    for (let i = 0; i < rules.length; i++) rules[i].mutate?.(obj, old, ctx);
    const errors: FieldError[] = old
      ? validateObjectMetaUpdate(obj.metadata, old.metadata)
      : validateObjectMeta(obj.metadata, t.namespaced, nameRuleFor(resource));
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      if (old && r.validateUpdate) appendAll(errors, r.validateUpdate(obj, old, ctx));
      else if (r.validate) appendAll(errors, r.validate(obj, ctx));
    }
    if (errors.length) throw this.invalid(t, obj, errors);
  }

  private invalid(t: ResourceType, obj: KubeObject, errors: FieldError[]): ApiError {
    return invalidError(t.kind, t.group, obj.metadata?.name ?? '', errors);
  }

  private checkKind(t: ResourceType, obj: KubeObject): void {
    if (obj.kind === undefined && obj.apiVersion === undefined) {
      obj.kind = t.kind;
      obj.apiVersion = t.group ? `${t.group}/${t.version}` : t.version;
      return;
    }
    const found = resourceTypeForKind(obj.apiVersion, obj.kind);
    if (found !== t) throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${t.group ? t.group + '/' : ''}${t.version})`);
  }

  private checkNamespaceOpen(namespace: string, resource: string, name: string | undefined): void {
    const ns = this.store.get('namespaces', undefined, namespace);
    if (!ns) throw notFound('namespaces', namespace);
    if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') {
      throw forbidden(resource, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  /** Whether a rule keeps this object while it is being deleted (ShouldDeleteDuringUpdate says no). */
  private retained(resource: string, obj: KubeObject): boolean {
    return rulesFor(resource).some((r) => r.retainWhileDeleting?.(obj));
  }

  /** The current time in RFC 3339, as creationTimestamp and the like record it. */
  private timestamp(): string {
    const now = this.now();
    if (now !== this.stampedAt) {
      this.stamp = formatRFC3339(now);
      this.stampedAt = now;
    }
    return this.stamp;
  }

  /**
   * The admission context of a write: one per operation and subresource for the current instant,
   * shared by the writes made at it (rules only read it; frozen so none can change it).
   */
  private context(operation: Operation, subresource?: 'status' | 'finalize'): AdmissionContext {
    const now = this.now();
    if (now !== this.contextsAt) {
      this.contexts.fill(undefined);
      this.contextsAt = now;
    }
    const slot = (operation === 'CREATE' ? 0 : 3) + (subresource === undefined ? 0 : subresource === 'status' ? 1 : 2);
    return (this.contexts[slot] ??= Object.freeze({ now, random: this.random, store: this.store, operation, subresource }));
  }

  private read(resource: string, obj: KubeObject): KubeObject {
    const hooks = this.readHooks.get(resource);
    if (!hooks) return obj;
    const now = this.now();
    return hooks.reduce((o, hook) => hook(o, now), obj);
  }
}

/** What a create may not set: the server assigns these (or leaves them out). */
const SERVER_SET_META = ['uid', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields'] as const;

function appendAll(errors: FieldError[], more: readonly FieldError[]): void {
  for (let i = 0; i < more.length; i++) errors.push(more[i]);
}

/** Whether no rule mutates on a status write (a loop, not a closure per write). */
function noMutationOnStatus(rules: readonly ResourceRules[]): boolean {
  for (const r of rules) if (r.mutate && !r.mutateSkipsStatus) return false;
  return true;
}

function setManagedFields(obj: KubeObject, entries: ManagedFieldsEntry[] | undefined): void {
  if (entries) obj.metadata.managedFields = entries as KubeObject['metadata']['managedFields'];
  else delete obj.metadata.managedFields;
}

/**
 * A copy of an update's body. managedFields the request repeats by reference (a controller's
 * working copy of the stored object) are the stored, never mutated ones: kept by reference, not
 * copied and then compared field by field.
 */
function updateRequest(input: KubeObject, old: KubeObject): KubeObject {
  const managed = input.metadata?.managedFields;
  if (managed === undefined || managed !== old.metadata.managedFields) return clone(input);
  const out = {} as Record<string, unknown>;
  for (const key in input) {
    const v = (input as unknown as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key !== 'metadata') {
      out[key] = clone(v);
      continue;
    }
    const meta: Record<string, unknown> = {};
    const src = v as Record<string, unknown>;
    for (const k in src) {
      const mv = src[k];
      if (mv !== undefined) meta[k] = k === 'managedFields' ? mv : clone(mv);
    }
    out.metadata = meta;
  }
  return out as unknown as KubeObject;
}

/** The parts of an update that a status write reads: kind, annotations and status. */
function statusRequest(input: KubeObject, handOver: boolean): KubeObject {
  const metadata = { name: input.metadata.name } as KubeObject['metadata'];
  if (input.metadata.annotations !== undefined) metadata.annotations = input.metadata.annotations;
  const obj: KubeObject = { apiVersion: input.apiVersion, kind: input.kind, metadata };
  if (input.status !== undefined) obj.status = handOver ? input.status : clone(input.status);
  return obj;
}

function hasNewFinalizer(obj: KubeObject, old: KubeObject): boolean {
  const before = new Set(old.metadata.finalizers ?? []);
  return (obj.metadata.finalizers ?? []).some((f) => !before.has(f));
}

/** apiserver's SimpleNameGenerator: the base cut to 58 characters plus 5 random ones. */
export function generateName(base: string, random: Random): string {
  return base.slice(0, 58) + random.string(5, 'bcdfghjklmnpqrstvwxz2456789');
}

/** A version-4 UUID drawn from the simulation's random source. */
export function uuid(random: Random): string {
  // 32 hex digits drawn in order, then the variant digit; the version digit replaces the 13th.
  // Built from character codes in one go: a flat string, not a tree of slices (every object
  // keeps its uid for life).
  const codes = UUID_CODES;
  let j = 0;
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) codes[j++] = DASH;
    codes[j++] = HEX.charCodeAt(random.int(16));
  }
  codes[14] = FOUR;
  codes[19] = VARIANT.charCodeAt(random.int(4));
  return String.fromCharCode(...codes);
}

/** uuid's scratch buffer: every slot is rewritten per call, so one array serves all. */
const UUID_CODES = new Array<number>(36).fill(0);
const HEX = '0123456789abcdef';
const VARIANT = '89ab';
const DASH = '-'.charCodeAt(0);
const FOUR = '4'.charCodeAt(0);
