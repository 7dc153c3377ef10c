/**
 * Kubernetes resource.Quantity (apimachinery pkg/api/resource), exactly: parsing, the apiserver's
 * error messages, canonical String() form, Value()/MilliValue() rounding and Add.
 *
 * A quantity is held as an exact decimal `unscaled × 10^scale` (BigInt, never a float) plus the
 * format its suffix implied. Like Go, a quantity whose input string was already canonical
 * remembers that string (`cached`), so `01` or `+1` print back as written, while `0.5` prints
 * `500m`, `1000` prints `1k` and `1024Mi` prints `1Gi`.
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  readonly unscaled: bigint;
  /** Base-10 exponent: the value is unscaled × 10^scale. */
  readonly scale: number;
  /** '' only for the zero value that sums start from (Go's `Quantity{}`). */
  readonly format: QuantityFormat | '';
  /** The parsed string, kept when it was already canonical. */
  readonly cached?: string;
}

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** Thrown by parseQuantity; `message` is the apiserver's text. */
export class QuantityError extends Error {}

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const NANO = -9;
const MAX_INT64 = 2n ** 63n - 1n;

interface Scanned {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** parseQuantityString: a permissive scanner; the suffix is checked afterwards. */
function scan(str: string): Scanned {
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos++;
  }
  while (str[pos] === '0') pos++;
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    const start = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) throw new QuantityError(ERR_FORMAT_WRONG);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(s: string): Suffix {
  if (s in DECIMAL_SUFFIX) return { base: 10, exponent: DECIMAL_SUFFIX[s], format: 'DecimalSI' };
  if (s in BINARY_SUFFIX) return { base: 2, exponent: BINARY_SUFFIX[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?\d+$/.test(s.slice(1))) {
    return { base: 10, exponent: Number(s.slice(1)), format: 'DecimalExponent' };
  }
  throw new QuantityError(ERR_SUFFIX);
}

/** Whether Go's int64 fast path would keep the input string as the canonical form. */
function keepsString(sc: Scanned, sfx: Suffix): boolean {
  const shifted = sc.num + sc.denom;
  if (sfx.format === 'BinarySI') {
    if (sc.denom !== '') return false;
    const precision = 15 - sc.num.length - Math.trunc((sfx.exponent * 3) / 10) - 1;
    const value = BigInt(sc.num);
    return precision >= 0 && value * 2n ** BigInt(sfx.exponent) <= MAX_INT64 && (value & 7n) !== 0n;
  }
  const scale = sfx.exponent - sc.denom.length;
  return (
    18 - shifted.length >= 0 && scale >= NANO && scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0'
  );
}

/** Rounds |unscaled × 10^scale| up (away from zero) to scale `to`. */
function roundUpToScale(unscaled: bigint, scale: number, to: number): { unscaled: bigint; exact: boolean } {
  if (scale >= to) return { unscaled: unscaled * 10n ** BigInt(scale - to), exact: true };
  const div = 10n ** BigInt(to - scale);
  const q = unscaled / div;
  if (q * div === unscaled) return { unscaled: q, exact: true };
  return { unscaled: unscaled < 0n ? q - 1n : q + 1n, exact: false };
}

/** resource.ParseQuantity. Accepts a JSON number too. Throws QuantityError with the apiserver's message. */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? String(input) : input.trim();
  if (str === '') throw new QuantityError(ERR_FORMAT_WRONG);
  if (str === '0') return { unscaled: 0n, scale: 0, format: 'DecimalSI', cached: '0' };
  const sc = scan(str);
  const sfx = interpretSuffix(sc.suffix);
  let unscaled = BigInt(sc.num + sc.denom);
  let scale = -sc.denom.length;
  if (sfx.base === 10) scale += sfx.exponent;
  else unscaled *= 2n ** BigInt(sfx.exponent);
  if (!sc.positive) unscaled = -unscaled;
  if (keepsString(sc, sfx)) return { unscaled, scale, format: sfx.format, cached: str };
  if (scale < NANO && unscaled !== 0n) {
    // Too precise: round up to 1n rather than to zero ("if you want some, you get some").
    unscaled = roundUpToScale(unscaled, scale, NANO).unscaled;
    scale = NANO;
  }
  let format = sfx.format;
  if (format === 'BinarySI') {
    const abs = unscaled < 0n ? -unscaled : unscaled;
    if (cmpParts(abs, scale, MAX_INT64, 0) > 0) {
      unscaled = unscaled < 0n ? -MAX_INT64 : MAX_INT64;
      scale = 0;
    } else if (abs !== 0n && cmpParts(abs, scale, 1n, 0) < 0) {
      format = 'DecimalSI';
    }
  }
  return { unscaled, scale, format };
}

/** parseQuantity that returns null instead of throwing. */
export function tryParseQuantity(input: string | number): Quantity | null {
  try {
    return parseQuantity(input);
  } catch {
    return null;
  }
}

/** null when `input` unmarshals as a quantity, else the apiserver's error detail. */
export function validateQuantity(input: unknown): string | null {
  if (typeof input !== 'string' && typeof input !== 'number') return ERR_FORMAT_WRONG;
  try {
    parseQuantity(input);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function cmpParts(a: bigint, as: number, b: bigint, bs: number): number {
  const s = Math.min(as, bs);
  const x = a * 10n ** BigInt(as - s);
  const y = b * 10n ** BigInt(bs - s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return cmpParts(a.unscaled, a.scale, b.unscaled, b.scale);
}

export function isZeroQuantity(q: Quantity): boolean {
  return q.unscaled === 0n;
}

const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIX).map(([s, e]) => [e, s]));

/** Moves factors of `base` out of |v| (only while |v| >= base), as Go's removeInt64Factors. */
function removeFactors(v: bigint, base: bigint): { rest: bigint; times: number } {
  let rest = v < 0n ? -v : v;
  let times = 0;
  while (rest >= base && rest % base === 0n) {
    rest /= base;
    times++;
  }
  return { rest: v < 0n ? -rest : rest, times };
}

/** AsCanonicalBytes: mantissa and an exponent that is a multiple of 3. */
function canonicalDecimal(q: Quantity): { mantissa: bigint; exponent: number } {
  const { rest, times } = removeFactors(q.unscaled, 10n);
  let mantissa = rest;
  let exponent = q.scale + times;
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  return { mantissa, exponent };
}

/** Quantity.String(): the canonical form (`500m`, `1Gi`, `1536Mi`, `1k`, `1e3`), or the kept input. */
export function formatQuantity(q: Quantity): string {
  if (q.cached !== undefined) return q.cached;
  if (q.unscaled === 0n) return '0';
  let format = q.format || 'DecimalExponent';
  let whole = 0n;
  if (format === 'BinarySI') {
    const small = cmpParts(q.unscaled, q.scale, -1024n, 0) > 0 && cmpParts(q.unscaled, q.scale, 1024n, 0) < 0;
    const rounded = roundUpToScale(q.unscaled, q.scale, 0);
    // Fractions and small numbers would lose precision or confuse in binary units.
    if (small || !rounded.exact) format = 'DecimalSI';
    else whole = rounded.unscaled;
  }
  if (format === 'BinarySI') {
    const { rest, times } = removeFactors(whole, 1024n);
    return `${rest}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][times] ?? ''}`;
  }
  const { mantissa, exponent } = canonicalDecimal(q);
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Beyond E (1e21 and up) Go finds no suffix and prints the bare mantissa.
  return `${mantissa}${DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? ''}`;
}

/** The canonical form of a quantity string, e.g. `0.5` -> `500m`; throws QuantityError when invalid. */
export function canonicalQuantity(input: string | number): string {
  return formatQuantity(parseQuantity(input));
}

const asQuantity = (q: Quantity | string | number): Quantity => (typeof q === 'object' ? q : parseQuantity(q));

/** ScaledValue: ceil(|q| / 10^scale) with q's sign (rounded away from zero). */
function scaledValue(q: Quantity, scale: number): number {
  return Number(roundUpToScale(q.unscaled, q.scale, scale).unscaled);
}

/** Quantity.MilliValue(): cpu `250m` -> 250, `0.5` -> 500, `2` -> 2000 (rounded up). */
export function toMilli(q: Quantity | string | number): number {
  return scaledValue(asQuantity(q), -3);
}

/** Quantity.Value(): whole units rounded up, e.g. memory `128Mi` -> 134217728, `1.5` -> 2. */
export function toValue(q: Quantity | string | number): number {
  return scaledValue(asQuantity(q), 0);
}

/** Memory and storage are read with Value(). */
export const toBytes = toValue;

/** Go's zero Quantity{}: prints `0`, and a sum starting from it takes the first addend's format. */
export const ZERO_QUANTITY: Quantity = { unscaled: 0n, scale: 0, format: '' };

/** Quantity.Add: exact; the result keeps a's format unless a is zero. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const s = Math.min(a.scale, b.scale);
  const unscaled = a.unscaled * 10n ** BigInt(a.scale - s) + b.unscaled * 10n ** BigInt(b.scale - s);
  return { unscaled, scale: s, format: a.unscaled === 0n ? b.format : a.format };
}

/**
 * A total as kubectl describe builds it: the first value copied as is (keeping its string),
 * each further one added. An empty list is the zero quantity (`0`).
 */
export function sumQuantities(values: readonly (Quantity | string | number)[]): Quantity {
  let total: Quantity | undefined;
  for (const v of values) {
    const q = asQuantity(v);
    total = total === undefined ? q : addQuantities(total, q);
  }
  return total ?? ZERO_QUANTITY;
}

/** The larger of two quantities (a wins ties), as resource max() in kubectl's helpers. */
export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return compareQuantities(b, a) > 0 ? b : a;
}

/** A DecimalSI quantity of `milli` thousandths, e.g. 850 -> `850m`, 2000 -> `2`. */
export function quantityFromMilli(milli: number): Quantity {
  return { unscaled: BigInt(Math.trunc(milli)), scale: -3, format: 'DecimalSI' };
}

/** A quantity of whole units, e.g. (134217728, 'BinarySI') -> `128Mi`. */
export function quantityFromValue(value: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { unscaled: BigInt(Math.trunc(value)), scale: 0, format };
}
