/**
 * Deep copy of plain JSON data. Objects in the store are shared and must never be mutated in place:
 * writers clone, change and hand the copy back through the API.
 */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = clone(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  const src = value as Record<string, unknown>;
  // for-in over plain JSON objects: their own keys in Object.keys order, without allocating the
  // array of keys (stored objects are plain data; nothing enumerable is inherited).
  for (const key in src) {
    const v = src[key];
    if (v !== undefined) out[key] = clone(v);
  }
  return out as T;
}

/** Structural equality of JSON data (key order does not matter; undefined keys are absent keys). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const aa = a as unknown[];
    const bb = b as unknown[];
    if (aa.length !== bb.length) return false;
    for (let i = 0; i < aa.length; i++) if (!deepEqual(aa[i], bb[i])) return false;
    return true;
  }
  // Loops instead of filter/every: the same answer without allocating per object compared.
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let defined = 0;
  for (const k in ao) {
    const v = ao[k];
    if (v === undefined) continue;
    defined++;
    if (!deepEqual(v, bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) defined--;
  return defined === 0;
}

/**
 * A shallow copy of a plain object, keys in the same order — what `{ ...src }` gives, but built
 * by adding keys one by one so that copies of same-shaped objects share one V8 hidden class
 * (a spread can give every copy a map of its own once its call site sees many shapes, which
 * makes every later property read on the copies slow).
 */
export function shallowCopy<T extends object>(src: T): T {
  const out: Record<string, unknown> = {};
  const s = src as Record<string, unknown>;
  const keys = Object.keys(s);
  for (let i = 0; i < keys.length; i++) out[keys[i]] = s[keys[i]];
  return out as T;
}

/**
 * `next` with every part that is the same as the matching part of `prev` — the same keys in the
 * same order, the same values — taken from `prev`: `prev` itself when all of it is, else a copy
 * of the levels that changed around the unchanged parts (neither argument is changed). The result
 * serializes exactly as `next` does; a writer that rebuilds an object on every write (the kubelet's
 * pod status) so stores versions that share what did not change.
 */
export function reuseUnchanged<T>(prev: unknown, next: T): T {
  if (prev === next || prev === null || next === null || typeof prev !== 'object' || typeof next !== 'object') return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    const out = new Array(next.length);
    let same = next.length === prev.length;
    for (let i = 0; i < next.length; i++) {
      out[i] = i < prev.length ? reuseUnchanged(prev[i], next[i]) : next[i];
      if (same && out[i] !== prev[i]) same = false;
    }
    return (same ? prev : out) as T;
  }
  if (Array.isArray(prev)) return next;
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const prevKeys = Object.keys(p);
  const out: Record<string, unknown> = {};
  let same = true;
  let i = 0;
  for (const k in n) {
    const v = Object.hasOwn(p, k) ? reuseUnchanged(p[k], n[k]) : n[k];
    out[k] = v;
    if (same && (prevKeys[i] !== k || v !== p[k])) same = false;
    i++;
  }
  if (i !== prevKeys.length) same = false;
  return (same ? prev : out) as T;
}
