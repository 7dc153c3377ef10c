/**
 * Typed decoding: the apiserver decodes every request body into the kind's Go struct before
 * defaulting, admission and validation, so a value of the wrong JSON type never reaches them — nor
 * the controllers (a string `replicas` would otherwise be arithmetic on a string). The field types
 * come from `schema/knownFields.json` (scripts/gen-known-fields.mjs, from kubernetes-types).
 *
 * Two decoders, worded as upstream words them:
 * - `json` (create, update, JSON and merge patches, decoded by encoding/json):
 *   `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`;
 *   a number that is no integer or does not fit reads `number 1.5`, `number 3000000000`.
 * - `unstructured` (strategic merge patch: the patched map goes through runtime's
 *   DefaultUnstructuredConverter): `unrecognized type: int32`, `cannot convert int64 to string`,
 *   `cannot restore struct from: string`, `cannot restore slice from map`. An integer into an int32
 *   is converted as Go converts (it wraps), as the converter does.
 * Both: types with their own UnmarshalJSON answer for themselves — Quantity
 * (`quantities must match the regular expression …`), IntOrString (`json: cannot unmarshal bool
 * into Go value of type int32`), Time (`json: cannot unmarshal number into Go value of type string`,
 * `parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`).
 *
 * Decoding also does what Go does with `null`: null is the zero value, never a type error. A null
 * list element or map value becomes the element type's zero value (`""`, `0`, `{}`); a null field
 * stays null (Go omits it or marshals it as null, depending on tags the table does not carry).
 * Only the first error is reported, as Go's decoders do.
 */
import known from './schema/knownFields.json';
import { validateQuantity } from '../util/quantity';

type Schema = { roots: Record<string, string>; types: Record<string, Record<string, string>> };
const schema = known as Schema;

export type Decoder = 'json' | 'unstructured';

const SCALARS = new Set(['string', 'int32', 'int64', 'number', 'boolean', 'quantity', 'int-or-string', 'time', 'any']);

/** The schema type of a root kind (`apps/v1/Deployment` → `Deployment`), or undefined when not served with a schema. */
function rootOf(kind: string, apiVersion: string | undefined): string | undefined {
  if (apiVersion) {
    // Served kinds are cached by apiVersion and kind: every write decodes, and the key would be
    // built per write. Misses (whatever a request names) are not kept.
    const cached = rootsByVersion.get(apiVersion)?.get(kind);
    if (cached !== undefined) return cached;
    const root = schema.roots[`${apiVersion}/${kind}`];
    if (root === undefined) return undefined;
    let byKind = rootsByVersion.get(apiVersion);
    if (byKind === undefined) rootsByVersion.set(apiVersion, (byKind = new Map()));
    byKind.set(kind, root);
    return root;
  }
  const key = Object.keys(schema.roots).find((k) => k.endsWith(`/${kind}`));
  return key ? schema.roots[key] : undefined;
}

const rootsByVersion = new Map<string, Map<string, string>>();

interface Ctx {
  decoder: Decoder;
  error?: string;
  /** Go's field path to the value being checked, joined only when an error names it. */
  path: string[];
  /** Whether check met a value normalize would rewrite (a null list element or map value, an int32 to wrap). */
  normalize: boolean;
}

/**
 * The one Ctx every decode starts afresh: decodes never nest, and what they report (the error
 * string) outlives none of it. A context and a path stack grown per write otherwise.
 */
const CTX: Ctx = { decoder: 'json', error: undefined, path: [], normalize: false };

function freshCtx(decoder: Decoder): Ctx {
  CTX.decoder = decoder;
  CTX.error = undefined;
  CTX.path.length = 0;
  CTX.normalize = false;
  return CTX;
}

/**
 * Decodes `obj` (an object of `kind`) as the apiserver would: returns the first type error, or
 * undefined after normalizing nulls in place. Kinds without a schema decode as they are.
 */
export function typedDecode(obj: unknown, decoder: Decoder, kind?: string, apiVersion?: string, decoded?: unknown): string | undefined {
  const root = rootFor(obj, kind, apiVersion);
  if (!root) return undefined;
  const ctx = freshCtx(decoder);
  check(root, obj, root, ctx, decoded);
  if (ctx.error) return ctx.error;
  // Most bodies hold no null and no int32 to wrap: nothing for a second walk to change.
  if (ctx.normalize) normalize(root, obj, decoded);
  return undefined;
}

/**
 * The part of `decoded` (a stored version of the object being decoded) at the same place as a
 * child: what was stored there went through decoding when it was written, so a value that is
 * that very part needs no second look.
 */
function twinOf(twin: unknown, key: string | number): unknown {
  return twin !== null && typeof twin === 'object' ? (twin as Record<string, unknown>)[key] : undefined;
}

/** typedDecode's error alone: `obj` is left as it is. */
export function typedDecodeError(obj: unknown, decoder: Decoder, kind?: string, apiVersion?: string): string | undefined {
  const root = rootFor(obj, kind, apiVersion);
  if (!root) return undefined;
  const ctx = freshCtx(decoder);
  check(root, obj, root, ctx, undefined);
  return ctx.error;
}

function rootFor(obj: unknown, kind: string | undefined, apiVersion: string | undefined): string | undefined {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const o = obj as { kind?: unknown; apiVersion?: unknown };
  return rootOf(kind ?? String(o.kind ?? ''), apiVersion ?? (typeof o.apiVersion === 'string' ? o.apiVersion : undefined));
}

/** Go's `%v` of a JSON value's kind, as the unstructured converter names it (`reflect.Kind`). */
function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? 'int64' : 'float64';
    default:
      return 'map';
  }
}

/** encoding/json's name for a JSON value's type in UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * Checks `value` against schema type `t`; records the first error in ctx.
 * @param struct the Go struct holding the field (named in encoding/json's errors)
 */
function check(t: string, value: unknown, struct: string, ctx: Ctx, twin: unknown): void {
  if (ctx.error !== undefined) return;
  // A null field stays null (normalize leaves it): only null list elements and map values, which
  // checkElement sees, need the second walk (a pod condition's lastProbeTime: null needs none).
  if (value === null || value === undefined || t === 'any' || value === twin) return;
  const bad = scalarError(t, value, ctx.decoder);
  if (bad !== undefined) {
    ctx.error = bad === TYPE ? typeError(t, value, ctx.path.join('.'), struct, ctx.decoder) : bad;
    return;
  }
  // toInt32 changes it (-0 included, which a list element of int32 becomes 0).
  if (t === 'int32' && (((value as number) | 0) !== value || Object.is(value, -0))) ctx.normalize = true;
  const d = describe(t);
  if (d.shape === SCALAR) return;
  if (d.shape === LIST) {
    const elem = d.elem!;
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) checkElement(elem, list[i], struct, ctx, twinOf(twin, i));
  } else if (d.shape === MAP) {
    const elem = d.elem!;
    for (const k in value as object) checkElement(elem, (value as Record<string, unknown>)[k], struct, ctx, twinOf(twin, k));
  } else {
    const fields = d.fields!;
    const o = value as Record<string, unknown>;
    // Unknown fields are strict decoding's business (unknownFields.ts): skipped here.
    for (const k in o) {
      const ft = fields[k];
      if (ft === undefined) continue;
      const v = o[k];
      const vTwin = twinOf(twin, k);
      // What check returns on at once, without a step on the path: most fields of a status
      // write are the stored object's own.
      if (v === vTwin || v === null || v === undefined) continue;
      ctx.path.push(k);
      check(ft, v, t, ctx, vTwin);
      ctx.path.pop();
    }
  }
}

/** check for a list element or map value: a null one becomes the zero value (normalize). */
function checkElement(t: string, value: unknown, struct: string, ctx: Ctx, twin: unknown): void {
  if (value === null) ctx.normalize = true;
  else check(t, value, struct, ctx, twin);
}

const SCALAR = 0;
const LIST = 1;
const MAP = 2;
const STRUCT = 3;

/** A schema type taken apart once: its shape, element type and fields. */
interface Described {
  shape: typeof SCALAR | typeof LIST | typeof MAP | typeof STRUCT;
  elem?: string;
  fields?: Record<string, string>;
}

const described = new Map<string, Described>();

function describe(t: string): Described {
  let d = described.get(t);
  if (d === undefined) {
    if (SCALARS.has(t)) d = { shape: SCALAR };
    else if (t.startsWith('[')) d = { shape: LIST, elem: t.slice(1, -1) };
    else if (t.startsWith('{')) d = { shape: MAP, elem: t.slice(1, -1) };
    else d = { shape: STRUCT, fields: schema.types[t] };
    described.set(t, d);
  }
  return d;
}

/** Marker: a plain type mismatch, worded by typeError. */
const TYPE = '\0type';

/** undefined when `v` decodes as `t`; TYPE for a type mismatch; else the custom unmarshaller's own error. */
function scalarError(t: string, v: unknown, decoder: Decoder): string | undefined {
  switch (t) {
    case 'string':
      return typeof v === 'string' ? undefined : TYPE;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : TYPE;
    case 'number':
      return typeof v === 'number' ? undefined : TYPE;
    case 'int32':
    case 'int64': {
      if (typeof v !== 'number') return TYPE;
      if (decoder === 'unstructured') return Number.isInteger(v) ? undefined : TYPE;
      const limit = t === 'int32' ? 2 ** 31 : 2 ** 63;
      return Number.isInteger(v) && v >= -limit && v < limit ? undefined : TYPE;
    }
    case 'quantity':
      // Quantity.UnmarshalJSON parses the JSON text, unquoted: a bool or an object fails the same way.
      return validateQuantity(typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)) ?? undefined;
    case 'int-or-string': {
      // IntOrString.UnmarshalJSON: a string, else json.Unmarshal into an int32.
      if (typeof v === 'string') return undefined;
      if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) return undefined;
      return `json: cannot unmarshal ${typeof v === 'number' ? `number ${goNumber(v)}` : jsonKind(v)} into Go value of type int32`;
    }
    case 'time':
      if (typeof v !== 'string') return `json: cannot unmarshal ${jsonKind(v)} into Go value of type string`;
      return parseRFC3339Error(v);
    case 'any':
      return undefined;
  }
  if (describe(t).shape === LIST) return Array.isArray(v) ? undefined : TYPE;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? undefined : TYPE;
}

function typeError(t: string, v: unknown, goPath: string, struct: string, decoder: Decoder): string {
  if (decoder === 'json') {
    const what = typeof v === 'number' && (t === 'int32' || t === 'int64') ? `number ${goNumber(v)}` : jsonKind(v);
    return `json: cannot unmarshal ${what} into Go struct field ${struct.replace(/@.*$/, '')}.${goPath} of type ${goType(t)}`;
  }
  const from = goKind(v);
  if (t.startsWith('[')) return `cannot restore slice from ${from}`;
  if (t.startsWith('{')) return `cannot restore map from ${from}`;
  if (!SCALARS.has(t)) return `cannot restore struct from: ${from}`;
  const to = t === 'boolean' ? 'bool' : t === 'number' ? 'float64' : t;
  // reflect: int64 converts to string (and float to int) but JSON forbids it; other pairs are not convertible.
  if ((from === 'int64' && to === 'string') || (from === 'float64' && (to === 'int32' || to === 'int64'))) return `cannot convert ${from} to ${to}`;
  return `unrecognized type: ${to}`;
}

/** A JS number as Go's JSON literal would most likely have been written. */
function goNumber(n: number): string {
  return String(n).replace('e+', 'e');
}

function goType(t: string): string {
  if (t.startsWith('[')) return `[]${goType(t.slice(1, -1))}`;
  if (t.startsWith('{')) return t === '{quantity}' ? 'v1.ResourceList' : `map[string]${goType(t.slice(1, -1))}`;
  switch (t) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'quantity':
      return 'resource.Quantity';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'time':
      return 'v1.Time';
    case 'string':
    case 'int32':
    case 'int64':
      return t;
  }
  return `v1.${t.replace(/@.*$/, '')}`;
}

/** After a successful check: nulls become Go's zero values; int32s from the converter wrap. */
function normalize(t: string, value: unknown, twin: unknown): void {
  if (value === null || typeof value !== 'object' || value === twin) return;
  const d = describe(t);
  if (d.shape === SCALAR) return;
  if (d.shape === LIST) {
    const elem = d.elem!;
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) {
      if (list[i] === null) list[i] = zero(elem);
      else if (elem === 'int32' && typeof list[i] === 'number') list[i] = toInt32(list[i] as number);
      else normalize(elem, list[i], twinOf(twin, i));
    }
  } else if (d.shape === MAP) {
    const elem = d.elem!;
    const map = value as Record<string, unknown>;
    for (const k in map) {
      if (map[k] === null) map[k] = zero(elem);
      else normalize(elem, map[k], twinOf(twin, k));
    }
  } else {
    const fields = d.fields!;
    const o = value as Record<string, unknown>;
    for (const k in o) {
      const ft = fields[k];
      if (ft === undefined) continue;
      const v = o[k];
      if (v === null) continue;
      if (ft === 'int32' && typeof v === 'number' && (v | 0) !== v) {
        o[k] = toInt32(v);
      } else normalize(ft, v, twinOf(twin, k));
    }
  }
}

/** Go's int32(v): an int64 wraps; a float64 beyond int64 is what amd64 gives, the minimum. */
function toInt32(v: number): number {
  return Math.abs(v) < 2 ** 63 ? v | 0 : -(2 ** 31);
}

/** The zero value of a schema type as Go marshals it. */
function zero(t: string): unknown {
  switch (t) {
    case 'string':
      return '';
    case 'int32':
    case 'int64':
    case 'number':
    case 'int-or-string':
      return 0;
    case 'boolean':
      return false;
    case 'quantity':
      return '0';
    case 'time':
    case 'any':
      return null;
  }
  if (t.startsWith('[') || t.startsWith('{')) return null;
  return {};
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';

/**
 * time.Parse(time.RFC3339, s)'s error, or undefined when `s` parses. The layout is walked element
 * by element as Go does, so the error names the first element that does not match.
 */
export function parseRFC3339Error(s: string): string | undefined {
  // Fast path (every write carries timestamps): a well-formed, in-range time read in one pass.
  if (wellFormedRFC3339(s)) return undefined;
  return parseRFC3339Slow(s);
}

const ZERO = 48;

/** The number of the `n` digits at `at`, or -1 when one is no digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Whether time.Parse(time.RFC3339, s) succeeds; false sends `s` down the slow path for its error. */
function wellFormedRFC3339(s: string): boolean {
  if (s.length < 20 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return false;
  let i = 19;
  if (s[i] === '.') {
    const start = ++i;
    while (i < s.length && digits(s, i, 1) >= 0) i++;
    if (i === start) return false;
  }
  const rest = s.length - i;
  if (rest === 1) {
    if (s[i] !== 'Z') return false;
  } else if (rest === 6) {
    if ((s[i] !== '+' && s[i] !== '-') || digits(s, i + 1, 2) < 0 || s[i + 3] !== ':' || digits(s, i + 4, 2) < 0) return false;
  } else return false;
  return inRange(year, month, day, hour, minute, second);
}

function inRange(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second >= 60) return false;
  return day <= (month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : DAYS[month - 1]);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseRFC3339Slow(s: string): string | undefined {
  const fail = (rest: string, elem: string) => `parsing time ${JSON.stringify(s)} as "${RFC3339}": cannot parse ${JSON.stringify(rest)} as "${elem}"`;
  const steps: [string, RegExp][] = [
    ['2006', /^\d{4}/],
    ['-', /^-/],
    ['01', /^\d{2}/],
    ['-', /^-/],
    ['02', /^\d{2}/],
    ['T', /^T/],
    ['15', /^\d{2}/],
    [':', /^:/],
    ['04', /^\d{2}/],
    [':', /^:/],
    ['05', /^\d{2}(\.\d+)?/],
    ['Z07:00', /^(Z|[+-]\d{2}:\d{2})/],
  ];
  let rest = s;
  const parts: string[] = [];
  for (const [elem, re] of steps) {
    const m = re.exec(rest);
    if (!m) return fail(rest, elem);
    parts.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  if (rest) return `parsing time ${JSON.stringify(s)}: extra text: ${JSON.stringify(rest)}`;
  const [year, , month, , day, , hour, , minute, , second] = parts.map((p) => Number.parseFloat(p));
  const range = (what: string) => `parsing time ${JSON.stringify(s)}: ${what} out of range`;
  if (month < 1 || month > 12) return range('month');
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day < 1 || day > days) return range('day');
  if (hour > 23) return range('hour');
  if (minute > 59) return range('minute');
  if (second >= 60) return range('second');
  return undefined;
}
