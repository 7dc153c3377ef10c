/**
 * resource.ParseQuantity and Quantity.Cmp, as much as `--sort-by` needs: kubectl's sorter compares
 * two strings as quantities when both parse as one ("500m" < "1", "1Gi" > "900Mi"), otherwise as
 * strings. Parsing follows apimachinery's parseQuantityString (so "m", "-" and "." are quantities
 * equal to zero, as in Go), values are rounded up to nano units and, on the slow path, capped at
 * the int64 maximum as ParseQuantity does.
 */

/** A parsed quantity: sign × mantissa × 10^scale. */
export interface Quantity {
  negative: boolean;
  mantissa: bigint;
  scale: number;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const INT64_MAX = 2n ** 63n - 1n;
const NANO = -9;

interface Parts {
  negative: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, integer digits (leading zeros dropped), fraction digits, suffix. */
function splitQuantity(str: string): Parts | undefined {
  const m = /^([+-]?)0*(\d*)(?:\.(\d*))?([eEinumkKMGTP]*)([+-]?\d*)$/.exec(str);
  if (!m) return undefined;
  const [, sign, num, denom = '', letters, exponent] = m;
  // A sign or digits after the suffix letters are only valid as part of an exponent suffix.
  if (exponent !== '' && letters === '') return undefined;
  return { negative: sign === '-', num: num || '0', denom, suffix: letters + exponent };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number } | undefined {
  if (suffix in DECIMAL) return { base: 10, exponent: DECIMAL[suffix] };
  if (suffix in BINARY) return { base: 2, exponent: BINARY[suffix] };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number(suffix.slice(1)) };
  }
  return undefined;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Divides rounding away from zero (inf.RoundUp on a magnitude). */
const divUp = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

export function parseQuantity(str: string): Quantity | undefined {
  if (str === '') return undefined;
  const parts = splitQuantity(str);
  if (!parts) return undefined;
  const suffix = interpretSuffix(parts.suffix);
  if (!suffix) return undefined;
  const { negative, num, denom } = parts;
  const digits = BigInt(num + denom);

  if (suffix.base === 10) {
    const scale = suffix.exponent - denom.length;
    // The int64 fast path keeps the value exactly as written.
    if (num.length + denom.length <= 18 && scale >= NANO) return { negative, mantissa: digits, scale };
    if (digits === 0n) return { negative: false, mantissa: 0n, scale: 0 };
    const rounded: Quantity =
      scale >= NANO ? { negative, mantissa: digits, scale } : { negative, mantissa: divUp(digits, pow10(NANO - scale)), scale: NANO };
    return capped(rounded);
  }
  // Binary suffixes: value = digits × 2^exponent / 10^len(denom), in nano units rounded up.
  const numerator = digits * (1n << BigInt(suffix.exponent)) * pow10(-NANO);
  const nanos = divUp(numerator, pow10(denom.length));
  return capped({ negative: negative && nanos !== 0n, mantissa: nanos, scale: NANO });
}

function capped(q: Quantity): Quantity {
  return magnitudeCmp(q, { negative: false, mantissa: INT64_MAX, scale: 0 }) > 0 ? { ...q, mantissa: INT64_MAX, scale: 0 } : q;
}

const digitCount = (n: bigint): number => (n === 0n ? 0 : n.toString().length);

function magnitudeCmp(a: Quantity, b: Quantity): number {
  if (a.mantissa === 0n || b.mantissa === 0n) return a.mantissa === b.mantissa ? 0 : a.mantissa === 0n ? -1 : 1;
  const ma = digitCount(a.mantissa) + a.scale;
  const mb = digitCount(b.mantissa) + b.scale;
  if (ma !== mb) return ma < mb ? -1 : 1;
  const common = Math.min(a.scale, b.scale);
  const x = a.mantissa * pow10(a.scale - common);
  const y = b.mantissa * pow10(b.scale - common);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const sa = a.mantissa === 0n ? 0 : a.negative ? -1 : 1;
  const sb = b.mantissa === 0n ? 0 : b.negative ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return sa >= 0 ? magnitudeCmp(a, b) : -magnitudeCmp(a, b);
}
