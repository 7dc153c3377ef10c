/**
 * How Go prints the values kubectl's printers see. kubectl decodes objects into
 * `map[string]interface{}` (unstructured): JSON integers become int64, other numbers float64.
 * A JS number is treated as int64 when it is an integer within int64's range, else as float64 —
 * the one place we cannot tell `1.0` from `1` (Go would print the float `1` the same way anyway).
 *
 * - `goSprint`   — fmt.Sprint / %v (custom-columns cells, JSONPath scalars, error messages)
 * - `goSharpV`   — %#v (the "object given to jsonpath engine was" dump)
 * - `goQuote`    — strconv.Quote / %q
 * - `goJsonMarshal`, `goJsonIndent` — encoding/json (sorted keys, HTML-safe escaping)
 */

/** The kind Go's reflect would report for a decoded JSON value; `invalid` is the zero reflect.Value. */
export type GoKind = 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'slice' | 'map';

const INT64_LIMIT = 2 ** 63;

export function goKind(v: unknown): GoKind {
  if (v === undefined) return 'invalid';
  if (v === null) return 'nil';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < INT64_LIMIT ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    default:
      return Array.isArray(v) ? 'slice' : 'map';
  }
}

/** The Go type name, as `%v` of `reflect.Value.Type()` prints it. */
export function goTypeName(v: unknown): string {
  switch (goKind(v)) {
    case 'bool':
      return 'bool';
    case 'int':
      return 'int64';
    case 'float':
      return 'float64';
    case 'string':
      return 'string';
    case 'slice':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    default:
      return 'interface {}';
  }
}

/** strconv.FormatFloat(f, 'g', -1, 64) — what %v prints for a float64. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(f);
}

function goNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  return goKind(n) === 'int' ? BigInt(n).toString() : goFloat(n);
}

function sortedKeys(m: object): string[] {
  // Go sorts map keys by byte order; for strings that is code point order.
  return Object.keys(m).sort(compareGoStrings);
}

/** Go's `<` on strings: byte-wise UTF-8 order, which equals code point order. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** fmt.Sprint(v) for a decoded JSON value. */
export function goSprint(v: unknown): string {
  switch (goKind(v)) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return '<nil>';
    case 'bool':
    case 'string':
      return String(v);
    case 'int':
    case 'float':
      return goNumber(v as number);
    case 'slice':
      return `[${(v as unknown[]).map(goSprint).join(' ')}]`;
    default: {
      const m = v as Record<string, unknown>;
      return `map[${sortedKeys(m).map((k) => `${k}:${goSprint(m[k])}`).join(' ')}]`;
    }
  }
}

/** fmt.Sprintf("%#v", v) for a decoded JSON value held in an interface{}. */
export function goSharpV(v: unknown): string {
  switch (goKind(v)) {
    case 'invalid':
    case 'nil':
      return 'interface {}(nil)';
    case 'bool':
      return String(v);
    case 'string':
      return goQuote(v as string);
    case 'int':
    case 'float':
      return goNumber(v as number);
    case 'slice':
      return `[]interface {}{${(v as unknown[]).map(goSharpV).join(', ')}}`;
    default: {
      const m = v as Record<string, unknown>;
      const entries = sortedKeys(m).map((k) => `${goQuote(k)}:${goSharpV(m[k])}`);
      return `map[string]interface {}{${entries.join(', ')}}`;
    }
  }
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.IsPrint for one code point. */
export function goIsPrint(ch: string): boolean {
  return PRINTABLE.test(ch);
}

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** strconv.Quote: a double-quoted Go string literal. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (goIsPrint(ch)) out += ch;
    else {
      const cp = ch.codePointAt(0)!;
      const hex = cp.toString(16);
      if (cp < 0x80) out += `\\x${hex.padStart(2, '0')}`;
      else if (cp < 0x10000) out += `\\u${hex.padStart(4, '0')}`;
      else out += `\\U${hex.padStart(8, '0')}`;
    }
  }
  return out + '"';
}

/** `%#U`: `U+0026 '&'`, or just `U+0009` when the rune is not printable. */
export function goRuneU(ch: string): string {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return goIsPrint(ch) ? `${code} '${ch}'` : code;
}

function withSortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withSortedKeys);
  if (v !== null && typeof v === 'object') {
    const m = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of sortedKeys(m)) out[k] = withSortedKeys(m[k]);
    return out;
  }
  return v;
}

const HTML_UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function goJson(v: unknown, indent?: number): string {
  const text = JSON.stringify(withSortedKeys(v === undefined ? null : v), null, indent) ?? 'null';
  // These characters can only occur inside string literals, so a global replace is safe.
  return text.replace(/[<>&\u2028\u2029]/g, (c) => HTML_UNSAFE[c]);
}

/** json.Marshal(v). */
export function goJsonMarshal(v: unknown): string {
  return goJson(v);
}

/** json.MarshalIndent(v, "", "    "). */
export function goJsonIndent(v: unknown): string {
  return goJson(v, 4);
}
