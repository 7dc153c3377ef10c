/**
 * Strategic merge patch (apimachinery `pkg/util/strategicpatch`), applied as the apiserver applies
 * `application/strategic-merge-patch+json`:
 * - maps merge key by key, `null` deletes a key;
 * - lists tagged `patchStrategy: merge` (see patchMeta.ts) merge by their `patchMergeKey`, or as sets
 *   for primitives (finalizers); every other list is replaced whole;
 * - directives: `$patch: replace | delete | merge` (in a map or as a list element),
 *   `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`.
 * Ordering follows upstream: `$setElementOrder` first, then the patch's order, then the live order.
 * The same merge combines the two halves of a three-way patch (strategicDiff.ts), where directives
 * are carried over rather than executed (`parallel: false`).
 */
import { clone, deepEqual } from '../util/clone';
import { badRequest } from './errors';
import { lookupField, rootType, type SchemaType } from './patchMeta';
import { goFormat } from './strictDecoding';

export { createThreeWayMergePatch, createTwoWayMergePatch } from './strategicDiff';

type Obj = Record<string, unknown>;

export interface MergeOptions {
  /** Execute `$deleteFromPrimitiveList` and drop unmatched nulls (server side); false when merging two patches. */
  parallel: boolean;
}

const SERVER: MergeOptions = { parallel: true };
const DELETE_PREFIX = '$deleteFromPrimitiveList/';
const ORDER_PREFIX = '$setElementOrder/';

export function strategicMerge(kind: string, original: unknown, patch: unknown): unknown {
  if (!isObj(patch)) throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
  return mergeMap(isObj(original) ? clone(original) : {}, clone(patch), rootType(kind), SERVER);
}

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function mergeMap(original: Obj | undefined, patch: Obj, t: SchemaType, opts: MergeOptions): Obj {
  if ('$patch' in patch) {
    const directive = patch.$patch;
    if (directive === 'delete') return {};
    const rest = { ...patch };
    delete rest.$patch;
    if (directive === 'replace') return opts.parallel ? mergeMap({}, rest, t, opts) : rest;
    if (directive !== 'merge') throw badRequest(`unknown patch type: ${String(directive)} in map: ${goFormat(patch)}`);
    patch = rest;
  }
  const out: Obj = original ?? {};
  retainKeys(out, patch, opts);
  setElementOrders(out, patch, t, opts);
  for (const [rawKey, patchV] of Object.entries(patch)) {
    let k = rawKey;
    let deleteList = false;
    if (k.startsWith(DELETE_PREFIX)) {
      if (!opts.parallel) {
        out[k] = patchV;
        continue;
      }
      k = k.slice(DELETE_PREFIX.length);
      deleteList = true;
    }
    if (patchV === null) {
      delete out[k];
      if (opts.parallel) continue;
      out[k] = null;
      continue;
    }
    const field = lookupField(t, k);
    if (!(k in out) || out[k] === null) {
      if (deleteList) continue;
      out[k] = opts.parallel ? fresh(patchV, field) : patchV;
      continue;
    }
    const cur = out[k];
    if (isObj(cur) && isObj(patchV)) {
      out[k] = field.meta.strategy === 'replace' ? patchV : mergeMap(cur, patchV, field.type, opts);
    } else if (Array.isArray(cur) && Array.isArray(patchV)) {
      out[k] = field.meta.strategy === 'merge' ? mergeList(cur, patchV, field.elem, field.meta.key, deleteList, opts) : patchV;
    } else {
      out[k] = patchV;
    }
  }
  return out;
}

/** A value added where nothing was: directives inside it are executed against an empty original. */
function fresh(v: unknown, field: ReturnType<typeof lookupField>): unknown {
  if (isObj(v)) return field.meta.strategy === 'replace' ? v : mergeMap({}, v, field.type, SERVER);
  if (Array.isArray(v) && field.meta.strategy === 'merge') return mergeList([], v, field.elem, field.meta.key, false, SERVER);
  return v;
}

function retainKeys(out: Obj, patch: Obj, opts: MergeOptions): void {
  if (!('$retainKeys' in patch)) return;
  const keep = patch.$retainKeys;
  delete patch.$retainKeys;
  if (!opts.parallel) {
    if (!('$retainKeys' in out)) out.$retainKeys = keep;
    return;
  }
  if (!Array.isArray(keep)) throw badRequest('invalid patch: $retainKeys must be a list of strings');
  const allowed = new Set(keep);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_PREFIX) || k.startsWith(ORDER_PREFIX) || k === '$patch') continue;
    if (!allowed.has(k)) throw badRequest('doesn\'t match $retainKeys directive');
  }
  for (const k of Object.keys(out)) if (!allowed.has(k)) delete out[k];
}

function setElementOrders(out: Obj, patch: Obj, t: SchemaType, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw badRequest('invalid patch: $setElementOrder must be a list');
    if (!opts.parallel) {
      if (key in out && !deepEqual(out[key], order)) throw badRequest('invalid patch: $setElementOrder lists differ');
      out[key] = order;
    }
    const field = key.slice(ORDER_PREFIX.length);
    const { meta, elem } = lookupField(t, field);
    const cur = Array.isArray(out[field]) ? (out[field] as unknown[]) : undefined;
    const add = Array.isArray(patch[field]) ? (patch[field] as unknown[]) : undefined;
    if (!cur && !add) continue;
    let merged: unknown[];
    if (cur && add) merged = meta.strategy === 'merge' ? mergeList(cur, add, elem, meta.key, false, opts) : add;
    else merged = cur ?? (opts.parallel ? mergeList([], add!, elem, meta.key, false, opts) : add!);
    const [inOrder, serverOnly] = partition(merged, order, meta.key);
    out[field] = normalizeOrder(inOrder, serverOnly, order, cur ?? [], meta.key);
    delete patch[field];
  }
}

/** Merges a `patchStrategy: merge` list. */
function mergeList(original: unknown[], patch: unknown[], elem: SchemaType, key: string | undefined, deleteList: boolean, opts: MergeOptions): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const maps = [...original, ...patch].some(isObj);
  if (!maps) {
    if (deleteList && opts.parallel) return original.filter((v) => !patch.some((p) => p === v));
    const merged = dedupe([...original, ...patch]);
    const [inPatch, serverOnly] = partition(merged, patch, undefined);
    return normalizeOrder(inPatch, serverOnly, patch, original, undefined);
  }
  if (!key) throw badRequest('cannot merge lists without merge key');
  let base = original.slice();
  let items: Obj[] = [];
  let replace = false;
  for (const v of patch) {
    if (!isObj(v)) throw badRequest(`invalid patch: list element is not a map: ${goFormat(v)}`);
    const directive = v.$patch;
    if (directive === undefined || !opts.parallel) items.push(v);
    else if (directive === 'delete') {
      if (!(key in v)) throw badRequest(`map: ${goFormat(v)} does not contain declared merge key: ${key}`);
      base = base.filter((o) => !(isObj(o) && o[key] === v[key]));
    } else if (directive === 'replace') replace = true;
    else throw badRequest(`unknown patch type: ${String(directive)} in map: ${goFormat(v)}`);
  }
  if (replace) {
    base = items.map((v) => mergeMap({}, v, elem, opts));
    items = [];
  }
  const serverOrder = base.slice();
  const merged = base.slice();
  for (const v of items) {
    if (!(key in v)) throw badRequest(`map: ${goFormat(v)} does not contain declared merge key: ${key}`);
    const i = merged.findIndex((o) => isObj(o) && o[key] === v[key]);
    if (i >= 0) merged[i] = mergeMap(merged[i] as Obj, v, elem, opts);
    else merged.push(opts.parallel ? mergeMap({}, v, elem, opts) : v);
  }
  const [inPatch, serverOnly] = partition(merged, items, key);
  return normalizeOrder(inPatch, serverOnly, items, serverOrder, key);
}

function identity(v: unknown, key: string | undefined): unknown {
  return key && isObj(v) ? v[key] : v;
}

function indexIn(list: unknown[], v: unknown, key: string | undefined): number {
  const id = identity(v, key);
  return list.findIndex((x) => identity(x, key) === id);
}

function partition(list: unknown[], by: unknown[], key: string | undefined): [unknown[], unknown[]] {
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const v of list) (indexIn(by, v, key) >= 0 ? inBy : rest).push(v);
  return [inBy, rest];
}

/** Patch items in patch order, server-only items in live order, interleaved as upstream does. */
export function normalizeOrder(patchItems: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], key: string | undefined): unknown[] {
  const byOrder = (order: unknown[]) => (a: unknown, b: unknown) => indexIn(order, a, key) - indexIn(order, b, key);
  const deletes = patchItems.filter((v) => isObj(v) && v.$patch === 'delete');
  const right = patchItems.filter((v) => !deletes.includes(v)).sort(byOrder(patchOrder)).concat(deletes);
  const left = serverOnly.slice().sort(byOrder(serverOrder));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], key);
      const ri = indexIn(serverOrder, right[j], key);
      out.push(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
    }
  }
  return out;
}

function dedupe(list: unknown[]): unknown[] {
  return list.filter((v, i) => list.indexOf(v) === i);
}
