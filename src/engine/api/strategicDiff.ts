/**
 * Computing strategic merge patches, as `kubectl apply` does (apimachinery strategicpatch
 * `CreateThreeWayMergePatch`): the patch is the difference from the live object to the new
 * manifest without deletions, plus the deletions from the last-applied configuration to the new
 * manifest. Fields other actors set (defaults, a controller's annotations, `kubectl scale`) are
 * left alone unless the manifest itself once set them.
 * Output keys are sorted as Go's encoding/json sorts map keys, so `{}` means "unchanged".
 */
import { deepEqual } from '../util/clone';
import { lookupField, rootType, type SchemaType } from './patchMeta';
import { isObj, mergeMap } from './strategicMerge';
import { goFormat } from './strictDecoding';

type Obj = Record<string, unknown>;

interface DiffOptions {
  setElementOrder: boolean;
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  buildRetainKeys: boolean;
}

export function createThreeWayMergePatch(kind: string, lastApplied: unknown, modified: unknown, current: unknown): Obj {
  const t = rootType(kind);
  const o = isObj(lastApplied) ? lastApplied : {};
  const m = isObj(modified) ? modified : {};
  const c = isObj(current) ? current : {};
  const base = { setElementOrder: true, ignoreChangesAndAdditions: false, ignoreDeletions: false, buildRetainKeys: false };
  const delta = diffMaps(c, m, t, { ...base, ignoreDeletions: true });
  const deletions = diffMaps(o, m, t, { ...base, ignoreChangesAndAdditions: true });
  return sortKeys(mergeMap(deletions, delta, t, { parallel: false })) as Obj;
}

/** The patch that turns `original` into `modified` (CreateTwoWayMergePatch). */
export function createTwoWayMergePatch(kind: string, original: unknown, modified: unknown): Obj {
  const base = { setElementOrder: true, ignoreChangesAndAdditions: false, ignoreDeletions: false, buildRetainKeys: false };
  return sortKeys(diffMaps(isObj(original) ? original : {}, isObj(modified) ? modified : {}, rootType(kind), base)) as Obj;
}

function goKind(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  return typeof v;
}

function diffMaps(original: Obj, modified: Obj, t: SchemaType, opts: DiffOptions): Obj {
  const patch: Obj = {};
  const retain: string[] = [];
  for (const [key, mod] of Object.entries(modified)) {
    if (opts.buildRetainKeys && mod !== null) retain.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mod;
      continue;
    }
    const orig = original[key];
    if (key === '$patch') {
      if (orig !== mod) patch[key] = mod;
      continue;
    }
    if (goKind(orig) !== goKind(mod)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mod;
      continue;
    }
    const field = lookupField(t, key);
    if (isObj(orig) && isObj(mod)) {
      if (field.meta.strategy === 'replace') {
        if (!opts.ignoreChangesAndAdditions) patch[key] = mod;
      } else {
        const sub = diffMaps(orig, mod, field.type, { ...opts, buildRetainKeys: !!field.meta.retainKeys });
        if (Object.keys(sub).length) patch[key] = sub;
      }
    } else if (Array.isArray(orig) && Array.isArray(mod) && field.meta.strategy === 'merge') {
      const { add, del, order } = diffLists(orig, mod, field.elem, field.meta.key, { ...opts, buildRetainKeys: !!field.meta.retainKeys });
      if (add.length) patch[key] = add;
      if (del.length) patch[`$deleteFromPrimitiveList/${key}`] = del;
      if (order.length) patch[`$setElementOrder/${key}`] = order;
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(orig, mod)) {
      patch[key] = mod;
    }
  }
  if (!opts.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  const extra = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
  if (retain.length && (Object.keys(patch).length || extra)) patch.$retainKeys = sortScalars(retain);
  return patch;
}

interface ListDiff {
  add: unknown[];
  del: unknown[];
  order: unknown[];
}

function diffLists(original: unknown[], modified: unknown[], elem: SchemaType, key: string | undefined, opts: DiffOptions): ListDiff {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return { add: [], del: [], order: [] };
    return { add: modified, del: [], order: [] };
  }
  if ([...original, ...modified].some(isObj) && key) {
    const { patch, deletions } = diffListsOfMaps(original, modified, elem, key, opts);
    const sorted = sortByOrder(patch, modified, key).concat(deletions);
    const orderSame = original.length === modified.length && modified.every((m, i) => (original[i] as Obj)[key] === (m as Obj)[key]);
    const want = opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (sorted.length > 0 || !orderSame)) || (!opts.ignoreDeletions && sorted.length > 0));
    return { add: sorted, del: [], order: want ? modified.map((m) => ({ [key]: (m as Obj)[key] })) : [] };
  }
  const origSet = new Set(original.map((v) => goFormat(v)));
  const modSet = new Set(modified.map((v) => goFormat(v)));
  const add = opts.ignoreChangesAndAdditions ? [] : sortScalars(modified.filter((v) => !origSet.has(goFormat(v))));
  const del = opts.ignoreDeletions ? [] : dedupe(sortScalars(original.filter((v) => !modSet.has(goFormat(v)))));
  const want = opts.setElementOrder && ((!opts.ignoreDeletions && del.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)));
  return { add: sortByOrder(add, modified, undefined), del, order: want ? modified : [] };
}

function diffListsOfMaps(original: unknown[], modified: unknown[], elem: SchemaType, key: string, opts: DiffOptions): { patch: unknown[]; deletions: unknown[] } {
  const id = (v: unknown) => goFormat((v as Obj)[key]);
  const byId = (a: unknown, b: unknown) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
  const os = original.slice().sort(byId);
  const ms = modified.slice().sort(byId);
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < os.length || j < ms.length) {
    if (i < os.length && j < ms.length && id(os[i]) === id(ms[j])) {
      const sub = diffMaps(os[i] as Obj, ms[j] as Obj, elem, opts);
      if (Object.keys(sub).length) patch.push({ ...sub, [key]: (ms[j] as Obj)[key] });
      i++;
      j++;
    } else if (i >= os.length || (j < ms.length && id(os[i]) > id(ms[j]))) {
      if (!opts.ignoreChangesAndAdditions) patch.push(ms[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ $patch: 'delete', [key]: (os[i] as Obj)[key] });
      i++;
    }
  }
  return { patch, deletions };
}

function sortByOrder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const id = (v: unknown) => (key && isObj(v) ? v[key] : v);
  const idx = (v: unknown) => order.findIndex((o) => id(o) === id(v));
  return list.slice().sort((a, b) => idx(a) - idx(b));
}

function sortScalars(list: unknown[]): unknown[] {
  return list.slice().sort((a, b) => (goFormat(a) < goFormat(b) ? -1 : goFormat(a) > goFormat(b) ? 1 : 0));
}

function dedupe(list: unknown[]): unknown[] {
  return list.filter((v, i) => list.indexOf(v) === i);
}

/** Recursively sorts object keys (Go marshals maps sorted by key). */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
}
