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
import { eachUtf8Byte } from '../../../util/utf8';

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
 * fnv32a over the UTF-8 bytes of `s`, fed one by one: no list of a template's bytes (nor an
 * iterator result per byte) on each ReplicaSet a Deployment creates.
 */
export function fnv32aUtf8(s: string, seed = FNV_OFFSET_32): number {
  let h = seed >>> 0;
  eachUtf8Byte(s, (b) => {
    h = fnvStep(h, b);
  });
  return h;
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
