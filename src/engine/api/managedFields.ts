/**
 * Field ownership as the apiserver's fieldmanager and sigs.k8s.io/structured-merge-diff keep it:
 * `metadata.managedFields` entries (manager, operation Apply|Update, apiVersion, time, FieldsV1,
 * subresource); server-side apply's merge, conflicts and pruning are in serverSideApply.ts.
 *
 * Field sets are kept in their wire encoding, FieldsV1 (fieldSet.ts): working on it directly costs
 * no conversion on every write.
 *
 * Lists follow the strategic-merge metadata (patchMeta.ts): keyed lists are associative (with the
 * structured-merge-diff keys where they differ: ports by port and protocol), lists merged without
 * a key are sets, every other list is atomic. LabelSelector is an atomic struct.
 *
 * Update (create, update, patch): the manager gains what changed (added or modified), every manager
 * loses what was removed and what the write took over. Apply: the manager owns exactly the fields
 * it applied; changing a field another manager owns is a conflict unless forced; a field the
 * manager applied before and no longer applies is removed when nobody else owns it.
 */
import type { KubeObject } from '../objects';
import { deepEqual } from '../util/clone';
import { formatRFC3339 } from '../util/time';
import { lookupField, rootType, type SchemaType } from './patchMeta';
import { fieldsOf } from './unknownFields';
import { difference, fkey, isEmpty, isSubset, LEAF, NodeStack, scalarShape, union, type Fields } from './fieldSet';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Fields;
  subresource?: string;
}

export type Obj = Record<string, unknown>;

/** How a list merges: by keys (associative), as a set, or whole. */
type ListKind = { keys: string[] } | 'set' | 'atomic';

/** Structured-merge-diff's list keys where they differ from the strategic merge key. */
const LIST_KEYS: Record<string, Record<string, string[]>> = {
  Container: { ports: ['containerPort', 'protocol'] },
  EphemeralContainer: { ports: ['containerPort', 'protocol'] },
  ServiceSpec: { ports: ['port', 'protocol'] },
  PodSpec: { topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'] },
};
/** Key fields the apiserver defaults, filled in when an item leaves them out. */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };
const ATOMIC_STRUCTS = new Set(['LabelSelector', 'NodeSelector']);

export interface FieldInfo {
  /** Struct type or `{T}` map type of the value, when it is a map. */
  type: SchemaType;
  /** For lists: the element type and how the list merges. */
  elem: SchemaType;
  list: ListKind;
  atomic: boolean;
}

const infoCache = new Map<string, Map<string, FieldInfo>>();
export const UNKNOWN: FieldInfo = { type: undefined, elem: undefined, list: 'atomic', atomic: false };

export function fieldInfo(t: SchemaType, key: string): FieldInfo {
  if (!t) return UNKNOWN;
  let byKey = infoCache.get(t);
  if (!byKey) infoCache.set(t, (byKey = new Map()));
  let info = byKey.get(key);
  if (info) return info;
  const { meta, type, elem } = lookupField(t, key);
  const raw = t.startsWith('{') ? t.slice(1, -1) : fieldsOf(t)?.[key];
  let list: ListKind = 'atomic';
  const keys = LIST_KEYS[t]?.[key] ?? (meta.key ? [meta.key] : undefined);
  if (keys && meta.strategy === 'merge') list = { keys: [...keys].sort() };
  else if (meta.strategy === 'merge') list = 'set';
  info = { type, elem, list, atomic: (raw !== undefined && ATOMIC_STRUCTS.has(raw)) || meta.strategy === 'replace' };
  byKey.set(key, info);
  return info;
}

const elemInfos = new Map<SchemaType, FieldInfo>();

/** The (shared, never mutated) FieldInfo of a list's items. */
export function elemInfo(info: FieldInfo): FieldInfo {
  let e = elemInfos.get(info.elem);
  if (e === undefined) elemInfos.set(info.elem, (e = { ...UNKNOWN, type: info.elem }));
  return e;
}


const rootTypes = new Map<string, SchemaType>();

/** rootType(kind), remembered: it searches the schema's roots on every call. */
export function rootTypeOfKind(kind: string): SchemaType {
  let t = rootTypes.get(kind);
  if (t === undefined && !rootTypes.has(kind)) rootTypes.set(kind, (t = rootType(kind)));
  return t;
}

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}


const ITEM_KEY_CACHE_SIZE = 1024;
const itemKeys = new Map<string, Map<unknown, string>>();

/**
 * `k:{"type":"Ready"}`, the path element of an item keyed by one field. Condition types,
 * container names and ports repeat on every object: those strings are built once (per field, the
 * first values seen; unique ones like IPs just miss).
 */
function singleItemKey(field: string, v: unknown): string {
  let byValue = itemKeys.get(field);
  if (byValue === undefined) itemKeys.set(field, (byValue = new Map()));
  let k = byValue.get(v);
  if (k === undefined) {
    k = `k:{${JSON.stringify(field)}:${JSON.stringify(v)}}`;
    if (typeof v !== 'object' && byValue.size < ITEM_KEY_CACHE_SIZE) byValue.set(v, k);
  }
  return k;
}

/** The path element of a list item: `k:{...}` for associative lists, `v:...` for sets, `i:N` else. */
export function itemKey(item: unknown, list: ListKind, index: number): string {
  if (list === 'set') return `v:${JSON.stringify(item)}`;
  if (list !== 'atomic' && isObj(item)) {
    const keys = list.keys;
    if (keys.length === 1) {
      const v = item[keys[0]];
      if (v !== undefined) return singleItemKey(keys[0], v);
    } else {
      const key: Obj = {};
      let any = false;
      for (const k of keys) {
        const v = item[k] ?? KEY_DEFAULTS[k];
        if (v !== undefined) {
          key[k] = v;
          any = true;
        }
      }
      if (any) return `k:${JSON.stringify(key)}`;
    }
  }
  return `i:${index}`;
}

/**
 * The fields a value sets (structured-merge-diff's ToFieldSet), below the path it sits at; LEAF
 * for none. With `mem`, the node of a path that is itself a member: `.` after the children.
 */
function valueFields(v: unknown, info: FieldInfo, mem: boolean): Fields {
  if (v === null || typeof v !== 'object' || info.atomic) return LEAF;
  if (Array.isArray(v)) {
    if (info.list === 'atomic' || !v.length) return LEAF;
    const mark = changes.top;
    const elem = elemInfo(info);
    for (let i = 0; i < v.length; i++) changes.pushItem(mark, itemKey(v[i], info.list, i), valueFields(v[i], elem, true));
    if (mem) changes.push('.', LEAF);
    return changes.finish(mark)!;
  }
  return objectFields(v as Obj, info.type, mem);
}

/**
 * The nodes of object fields being built: those of changed and other sets on `changes`, those of
 * removed sets on `removals` (compareObjects builds one of each at once).
 */
const changes = new NodeStack();
const removals = new NodeStack();

/** Before a whole set is built (builds never nest across these entry points). */
function startBuild(): void {
  changes.reset();
  removals.reset();
}

function objectFields(obj: Obj, t: SchemaType, mem: boolean): Fields {
  const known = scalarShape(obj, mem);
  if (known) return known;
  const mark = changes.top;
  const granular = t?.startsWith('{') ?? false;
  for (const key in obj) {
    const v = obj[key];
    if (v !== undefined) changes.push(fkey(key), valueFields(v, fieldInfo(t, key), granular));
  }
  if (changes.top === mark) return LEAF;
  // member: the path itself is a member too.
  if (mem) changes.push('.', LEAF);
  return changes.finish(mark)!;
}

/** What an applied configuration owns (apiVersion, kind, identity and status excluded). */
export function appliedFields(obj: KubeObject, statusOnly: boolean): Fields {
  startBuild();
  return strip(objectFields(obj as Obj, rootTypeOfKind(obj.kind), false), statusOnly);
}

/**
 * The second result of compareObjects and compareValues: what was removed below the compared path
 * (undefined: nothing). Read right after the call. Returning both sets instead of filling ones the
 * caller made allocates nothing for the many subtrees walked where nothing changed.
 */
let removedBelow: Fields | undefined;

/**
 * What changed from `old` to `neu` (structured-merge-diff's Compare, Added ∪ Modified), undefined
 * when nothing did; what was removed in `removedBelow`. Unchanged subtrees cost one structural
 * comparison.
 */
function compareObjects(old: Obj, neu: Obj, t: SchemaType): Fields | undefined {
  const changedMark = changes.top;
  const removedMark = removals.top;
  for (const key in neu) {
    const nv = neu[key];
    if (nv === undefined) continue;
    const ov = old[key];
    if (ov === nv) continue;
    const f = fkey(key);
    if (ov === undefined) {
      changes.push(f, valueFields(nv, fieldInfo(t, key), true));
      continue;
    }
    const info = fieldInfo(t, key);
    // Maps and merged lists are compared by walking them once; everything else whole first.
    const walk = !info.atomic && ((isObj(ov) && isObj(nv)) || (Array.isArray(ov) && Array.isArray(nv) && info.list !== 'atomic'));
    if (!walk && deepEqual(ov, nv)) continue;
    const c = compareValues(ov, nv, info);
    const r = removedBelow;
    if (c) changes.push(f, c);
    if (r) removals.push(f, r);
  }
  for (const key in old) {
    if (old[key] !== undefined && neu[key] === undefined) removals.push(fkey(key), valueFields(old[key], fieldInfo(t, key), true));
  }
  // Shared: what a write adds is kept in the writer's set, and shared removed sets let
  // difference reuse its results (a kubelet's Ready condition losing its reason and message).
  removedBelow = removals.finish(removedMark);
  return changes.finish(changedMark);
}

/**
 * Compares two different values below one path: `{}` when the path itself changed as a whole
 * (scalars, atomics, a value that changed shape), else what changed below it (undefined: nothing),
 * with what was removed in `removedBelow`.
 */
function compareValues(ov: unknown, nv: unknown, info: FieldInfo): Fields | undefined {
  removedBelow = undefined;
  if (info.atomic) return LEAF;
  if (isObj(ov) && isObj(nv)) return compareObjects(ov, nv, info.type);
  if (Array.isArray(ov) && Array.isArray(nv) && info.list !== 'atomic') {
    const elem = elemInfo(info);
    if (sameOrder(ov, nv, info.list)) {
      // The usual case: the same items in the same places, some of them changed.
      const changedMark = changes.top;
      const removedMark = removals.top;
      for (let i = 0; i < nv.length; i++) {
        if (ov[i] === nv[i] || deepEqual(ov[i], nv[i])) continue;
        const c = compareValues(ov[i], nv[i], elem);
        const r = removedBelow;
        if (!c && !r) continue;
        const k = itemKey(nv[i], info.list, i);
        if (c) changes.pushItem(changedMark, k, c);
        if (r) removals.pushItem(removedMark, k, r);
      }
      removedBelow = removals.finish(removedMark);
      return changes.finish(changedMark);
    }
    return compareReordered(ov, nv, info.list, elem);
  }
  return LEAF;
}

/**
 * compareValues for two lists whose items moved, came or went: matched by key. Apart from
 * compareValues, whose every call would otherwise allocate the context these loops' closures need.
 */
function compareReordered(ov: unknown[], nv: unknown[], list: ListKind, elem: FieldInfo): Fields | undefined {
  const changedMark = changes.top;
  const removedMark = removals.top;
  const before = new Map<string, unknown>();
  for (let i = 0; i < ov.length; i++) before.set(itemKey(ov[i], list, i), ov[i]);
  for (let i = 0; i < nv.length; i++) {
    const item = nv[i];
    const k = itemKey(item, list, i);
    const prev = before.get(k);
    before.delete(k);
    if (prev === undefined) changes.pushItem(changedMark, k, valueFields(item, elem, true));
    else if (!deepEqual(prev, item)) {
      const c = compareValues(prev, item, elem);
      const r = removedBelow;
      if (c) changes.pushItem(changedMark, k, c);
      if (r) removals.pushItem(removedMark, k, r);
    }
  }
  for (const [k, item] of before) removals.pushItem(removedMark, k, valueFields(item, elem, true));
  removedBelow = removals.finish(removedMark);
  return changes.finish(changedMark);
}

/** Whether two lists hold items of the same keys at the same places. */
function sameOrder(ov: unknown[], nv: unknown[], list: ListKind): boolean {
  if (ov.length !== nv.length) return false;
  for (let i = 0; i < nv.length; i++) if (ov[i] !== nv[i] && !sameItemKey(ov[i], nv[i], list, i)) return false;
  return true;
}

/** itemKey(a) === itemKey(b), without building the keys for items keyed by one string. */
function sameItemKey(a: unknown, b: unknown, list: ListKind, index: number): boolean {
  if (list !== 'set' && list !== 'atomic' && list.keys.length === 1 && isObj(a) && isObj(b)) {
    const x = a[list.keys[0]];
    const y = b[list.keys[0]];
    if (typeof x === 'string' && typeof y === 'string') return x === y;
  }
  return itemKey(a, list, index) === itemKey(b, list, index);
}

/**
 * The fields a create sets. Compared with the API type's empty object, as the apiserver does:
 * maps and lists absent from it (labels, conditions) are members themselves too.
 */
function createdFields(obj: Obj, t: SchemaType): Fields {
  const mark = changes.top;
  for (const key in obj) {
    const v = obj[key];
    if (v === undefined) continue;
    const info = fieldInfo(t, key);
    if (isObj(v) && !info.atomic && !info.type?.startsWith('{')) changes.push(fkey(key), createdFields(v, info.type));
    else changes.push(fkey(key), valueFields(v, info, (isObj(v) || Array.isArray(v)) && key !== 'containers'));
  }
  return changes.finish(mark) ?? LEAF;
}

/** The fields an update sets and removes (identity, apiVersion and kind left out). */
export function changedFields(old: KubeObject, neu: KubeObject, statusOnly: boolean): { changed: Fields; removed: Fields } {
  const changed = compareWrite(old, neu, statusOnly) ?? {};
  return { changed, removed: removedBelow ?? {} };
}

/** changedFields with undefined for an empty set, and the removed set in `removedBelow`. */
function compareWrite(old: KubeObject, neu: KubeObject, statusOnly: boolean): Fields | undefined {
  startBuild();
  const t = rootTypeOfKind(neu.kind);
  if (statusOnly) {
    // Sets of these two objects hold `f:status` alone: they are what strip would keep, if not empty.
    const changed = compareObjects({ status: old.status }, { status: neu.status }, t);
    removedBelow = removedBelow && !isEmpty(removedBelow['f:status']) ? removedBelow : undefined;
    return changed && !isEmpty(changed['f:status']) ? changed : undefined;
  }
  const changed = compareObjects(old as Obj, neu as Obj, t);
  const removed = removedBelow && nonEmpty(strip(removedBelow, false));
  removedBelow = removed;
  return changed && nonEmpty(strip(changed, false));
}

function nonEmpty(f: Fields): Fields | undefined {
  return isEmpty(f) ? undefined : f;
}

const STRIPPED_META = ['f:name', 'f:namespace', 'f:uid', 'f:creationTimestamp', 'f:generation', 'f:resourceVersion', 'f:managedFields', 'f:selfLink', 'f:deletionTimestamp', 'f:deletionGracePeriodSeconds'];

/** The fieldmanager's stripMeta and reset fields: identity never, status only for status writes. */
function strip(f: Fields, statusOnly: boolean): Fields {
  if (statusOnly) return f['f:status'] && !isEmpty(f['f:status']) ? { 'f:status': f['f:status'] } : {};
  const out: Fields = {};
  for (const k in f) {
    if (k === 'f:apiVersion' || k === 'f:kind' || k === 'f:status') continue;
    if (k === 'f:metadata') {
      const meta: Fields = {};
      for (const m in f[k]) if (!STRIPPED_META.includes(m) && m !== '.') meta[m] = f[k][m];
      if (!isEmpty(meta)) out[k] = meta;
      continue;
    }
    out[k] = f[k];
  }
  return out;
}


// ---- entries ----

export function entriesOf(obj: KubeObject): ManagedFieldsEntry[] {
  return (obj.metadata.managedFields as ManagedFieldsEntry[] | undefined) ?? [];
}

export const sameManager = (e: ManagedFieldsEntry, manager: string, operation: string, apiVersion: string, subresource?: string) =>
  e.manager === manager && e.operation === operation && (e.subresource ?? '') === (subresource ?? '') && (operation === 'Apply' || e.apiVersion === apiVersion);

/** The apiserver's order: Apply entries first, then by time, manager, apiVersion, subresource. */
function sortEntries(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  // An insertion sort, stable as Array.prototype.sort is: lists are a few entries, mostly in
  // order already, and sort() allocates a work array on every call (every tracked write).
  for (let i = 1; i < entries.length; i++) {
    const e = entries[i];
    let j = i;
    for (; j > 0 && compareEntries(entries[j - 1], e) > 0; j--) entries[j] = entries[j - 1];
    entries[j] = e;
  }
  return entries;
}
function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return cmp(p.operation, q.operation) || cmp(p.time, q.time) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource ?? '', q.subresource ?? '');
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function entry(manager: string, operation: 'Apply' | 'Update', apiVersion: string, time: string, fields: Fields, subresource?: string): ManagedFieldsEntry {
  // Whole literals: adding `subresource` afterwards would grow the object a second time.
  return subresource
    ? { manager, operation, apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: fields, subresource }
    : { manager, operation, apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: fields };
}

/**
 * Rebuilds the entry list: `owned` is the new set of the writing manager; every other entry loses
 * the union of `lost`, built only when an entry shares a top-level field with it (a status write
 * takes nothing from the entry of the pod's creator). Entries whose set did not change keep their
 * time; empty ones go.
 */
export function rebuild(
  previous: ManagedFieldsEntry[],
  self: { manager: string; operation: 'Apply' | 'Update'; apiVersion: string; subresource?: string },
  owned: Fields,
  lost: Fields[],
  now: number,
): ManagedFieldsEntry[] | undefined {
  // Sized up front: the first push to an empty array makes room for 16 entries.
  const out = new Array<ManagedFieldsEntry>(previous.length + 1);
  let n = 0;
  let found = false;
  let lostAll: Fields | undefined;
  for (const e of previous) {
    if (sameManager(e, self.manager, self.operation, self.apiVersion, self.subresource)) {
      found = true;
      if (isEmpty(owned)) continue;
      const same = e.fieldsV1 === owned || deepEqual(e.fieldsV1, owned);
      out[n++] = same && self.operation === 'Apply' ? e : entry(self.manager, self.operation, self.apiVersion, formatRFC3339(now), same ? e.fieldsV1 : owned, self.subresource);
      continue;
    }
    const left = sharesField(e.fieldsV1, lost) ? difference(e.fieldsV1, (lostAll ??= lost.reduce((a, b) => union(a, b)))) : e.fieldsV1;
    if (isEmpty(left)) continue;
    out[n++] = left === e.fieldsV1 ? e : { ...e, fieldsV1: left };
  }
  if (!found && !isEmpty(owned)) out[n++] = entry(self.manager, self.operation, self.apiVersion, formatRFC3339(now), owned, self.subresource);
  out.length = n;
  return n ? sortEntries(out) : undefined;
}

/** Whether some set of `sets` has a top-level field of `f` (else difference(f, their union) is f). */
function sharesField(f: Fields, sets: Fields[]): boolean {
  for (const set of sets) for (const k in set) if (k !== '.' && f[k]) return true;
  return false;
}

export interface Tracking {
  fieldManager: string;
  subresource?: string;
  now: number;
}

/**
 * Sets of recent creates by their shape. A controller creates many objects from one template
 * (a ReplicaSet's pods): they own the same fields, so they share one (never mutated) set instead
 * of each building and keeping its own.
 */
const CREATED_CACHE_SIZE = 64;
const createdCache = new Map<string, Fields>();

/**
 * Per kind, the creates in a row whose key missed; past MISS_LIMIT the next SKIP_CREATES build
 * their set without a key. A pod's spec holds its own kube-api-access-xxxxx volume, so pods never
 * hit and their key (a JSON of the whole spec) would only cost. Sharing never changes a set.
 */
const missStreaks = new Map<string, number>();
const MISS_LIMIT = 16;
const SKIP_CREATES = 256;

function createdSet(obj: KubeObject, statusOnly: boolean): Fields {
  startBuild();
  const streak = missStreaks.get(obj.kind) ?? 0;
  if (streak >= MISS_LIMIT) {
    missStreaks.set(obj.kind, streak < MISS_LIMIT + SKIP_CREATES ? streak + 1 : 0);
    return strip(createdFields(obj as Obj, rootTypeOfKind(obj.kind)), statusOnly);
  }
  const m = obj.metadata;
  // Only objects whose set the key below captures whole are shared (not RBAC rules, webhooks…).
  const cacheable = Object.keys(obj).every((k) => CACHE_TOP.has(k)) && Object.keys(m).every((k) => CACHE_META.has(k));
  if (!cacheable) return strip(createdFields(obj as Obj, rootTypeOfKind(obj.kind)), statusOnly);
  // Everything the set depends on; names, uids and times are stripped from it anyway.
  const key = JSON.stringify([obj.kind, statusOnly, m.generateName, m.labels, m.annotations, m.ownerReferences, m.finalizers, obj.spec, obj.status, obj.data, obj.stringData]);
  const known = createdCache.get(key);
  missStreaks.set(obj.kind, known ? 0 : streak + 1);
  if (known) return known;
  const set = strip(createdFields(obj as Obj, rootTypeOfKind(obj.kind)), statusOnly);
  if (createdCache.size >= CREATED_CACHE_SIZE) createdCache.delete(createdCache.keys().next().value!);
  createdCache.set(key, set);
  return set;
}
const CACHE_TOP = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status', 'data', 'stringData']);
const CACHE_META = new Set(['name', 'namespace', 'uid', 'creationTimestamp', 'generation', 'resourceVersion', 'generateName', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']);

/** managedFields after an Update-style write (create when `old` is undefined). */
export function trackUpdate(old: KubeObject | undefined, neu: KubeObject, tr: Tracking): ManagedFieldsEntry[] | undefined {
  const statusOnly = tr.subresource === 'status';
  // The entries the write starts from: the stored ones, or those the request set.
  const previous = old ? entriesOf(neu) : [];
  // Undefined for nothing: the sets are fresh trees, which are costly to ask whether they are empty.
  let changed: Fields | undefined;
  let removed: Fields | undefined;
  if (!old) changed = nonEmpty(createdSet(neu, statusOnly));
  else {
    changed = compareWrite(old, neu, statusOnly);
    removed = removedBelow;
  }
  if (!changed && !removed) return previous.length ? previous : undefined;
  const self = { manager: tr.fieldManager, operation: 'Update' as const, apiVersion: neu.apiVersion, subresource: tr.subresource };
  let mine: ManagedFieldsEntry | undefined;
  for (const e of previous) if (sameManager(e, self.manager, 'Update', self.apiVersion, self.subresource)) mine ??= e;
  const kept = mine?.fieldsV1 ?? {};
  // The common controller write changes values of fields its manager already owns: the set stays.
  const owned = mine && !removed && isSubset(changed!, kept) ? kept : union(removed ? difference(kept, removed) : kept, changed ?? {});
  // Every other manager loses what the write removed and what it set.
  const lost = removed && changed ? [removed, changed] : [(removed ?? changed)!];
  return rebuild(previous, self, owned, lost, tr.now);
}
