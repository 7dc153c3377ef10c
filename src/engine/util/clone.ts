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

/**
 * `value` frozen all the way down, for a constant that stored objects share (stored objects are
 * never changed: freezing makes a slip that would change all of them at once throw instead).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
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
  if (Array.isArray(next)) return (Array.isArray(prev) ? reuseArray(prev, next) : next) as T;
  if (Array.isArray(prev)) return next;
  return reuseObject(prev as Record<string, unknown>, next as Record<string, unknown>) as T;
}

// Both helpers build their copy only once a part differs: an unchanged part costs no allocation.

function reuseArray(prev: unknown[], next: unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < next.length; i++) {
    const v = i < prev.length ? reuseUnchanged(prev[i], next[i]) : next[i];
    if (out === undefined && (i >= prev.length || v !== prev[i])) out = prev.slice(0, i);
    if (out !== undefined) out.push(v);
  }
  if (out !== undefined) return out;
  return next.length === prev.length ? prev : prev.slice(0, next.length);
}

function reuseObject(prev: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  let i = 0;
  for (const k in next) {
    const v = Object.hasOwn(prev, k) ? reuseUnchanged(prev[k], next[k]) : next[k];
    if (out === undefined && v !== prev[k]) out = firstKeys(prev, next, i);
    if (out !== undefined) out[k] = v;
    i++;
  }
  if (out !== undefined) return out;
  // Every value is prev's: prev itself if it has just these keys, in this order.
  return sameKeys(prev, next) ? prev : firstKeys(prev, next, i);
}

/** The first `count` keys of `next`, with prev's values (the same as next's so far). */
function firstKeys(prev: Record<string, unknown>, next: Record<string, unknown>, count: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let i = 0;
  for (const k in next) {
    if (i++ === count) break;
    out[k] = prev[k];
  }
  return out;
}

/** The same keys in the same order, with identical (===) values: `reuseUnchanged` one level deep. */
export function sameEntries(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const k in b) if (b[k] !== a[k]) return false;
  return sameKeys(a, b);
}

/** Scratch list of keys for sameKeys (which never recurses while using it). */
const scratchKeys: string[] = [];

/** Whether both objects have the same keys in the same order. */
function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let count = 0;
  for (const k in b) scratchKeys[count++] = k;
  let i = 0;
  for (const k in a) if (i >= count || scratchKeys[i++] !== k) return false;
  return i === count;
}
