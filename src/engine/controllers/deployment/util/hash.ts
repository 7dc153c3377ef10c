/**
 * The `pod-template-hash`: FNV-32a over the pod template (plus the Deployment's collisionCount),
 * printed as a decimal number and mapped character by character through apimachinery's
 * `rand.SafeEncodeString`, as `controller.ComputeHash` does.
 *
 * Upstream feeds FNV the template as printed by Go's spew (`%#v` with sorted keys); that byte
 * stream cannot be reproduced from JSON, so we hash a canonical JSON of the template instead
 * (object keys sorted, undefined dropped). The hashes therefore differ from a real cluster's for
 * the same template, but have the same shape (`7c5ddbdf54`), the same stability (same template ⇒
 * same hash) and the same collision handling (collisionCount as 8 little-endian bytes).
 */
import { NAME_SUFFIX_ALPHABET } from '../../../sim/random';

const FNV_OFFSET_32 = 0x811c9dc5;
const FNV_PRIME_32 = 0x01000193;

/** FNV-1a, 32 bits, over bytes. */
export function fnv32a(bytes: Iterable<number>, seed = FNV_OFFSET_32): number {
  let h = seed >>> 0;
  for (const b of bytes) h = fnvStep(h, b);
  return h;
}

/** One byte into an FNV-1a hash. */
function fnvStep(h: number, b: number): number {
  return Math.imul(h ^ b, FNV_PRIME_32) >>> 0;
}

/**
 * fnv32a(utf8(s)), fed byte by byte: the generator makes an iterator result per byte of a
 * template, on each ReplicaSet a Deployment creates.
 */
export function fnv32aUtf8(s: string, seed = FNV_OFFSET_32): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++; // the second half of a surrogate pair
    if (c < 0x80) h = fnvStep(h, c);
    else if (c < 0x800) h = fnvStep(fnvStep(h, 0xc0 | (c >> 6)), 0x80 | (c & 63));
    else if (c < 0x10000) h = fnvStep(fnvStep(fnvStep(h, 0xe0 | (c >> 12)), 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63));
    else h = fnvStep(fnvStep(fnvStep(fnvStep(h, 0xf0 | (c >> 18)), 0x80 | ((c >> 12) & 63)), 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63));
  }
  return h;
}

/** The UTF-8 bytes of a string (the engine has no TextEncoder: ES libraries only). */
export function* utf8(s: string): Generator<number> {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) yield c;
    else if (c < 0x800) yield* [0xc0 | (c >> 6), 0x80 | (c & 63)];
    else if (c < 0x10000) yield* [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
    else yield* [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
  }
}

/** rand.SafeEncodeString: each character's code modulo the alphabet length picks a safe character. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += NAME_SUFFIX_ALPHABET[ch.codePointAt(0)! % NAME_SUFFIX_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  return `{${parts.join(',')}}`;
}

/** controller.ComputeHash for a pod template and an optional collisionCount. */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32aUtf8(canonicalJson(template));
  if (collisionCount !== undefined && collisionCount !== null) {
    const n = collisionCount >>> 0;
    h = fnv32a([n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24, 0, 0, 0, 0], h);
  }
  return safeEncodeString(String(h));
}
