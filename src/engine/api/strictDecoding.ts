/**
 * The errors the apiserver returns when a request body does not decode into the kind's Go type
 * under `fieldValidation=Strict` (kubectl's default): unknown fields and JSON type mismatches.
 * - create/update: `400 BadRequest` `Deployment in version "v1" cannot be handled as a Deployment:
 *   strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`;
 * - strategic merge patch: `422 Invalid` with one cause on `patch` whose value is the patch as Go's
 *   `%+v` prints a map (`map[spec:map[foo:1]]`) — kubectl renders it `The request is invalid: patch: …`;
 *   type errors there are the unstructured converter's (`unrecognized type: int32`);
 * - JSON and merge patches: the same `422 Invalid`, whose value is the patched object's JSON.
 * Type errors (typedDecoding.ts) are errors whatever `fieldValidation` says; unknown fields only
 * under Strict. The API server itself checks types on every write (`typedDecodeFailure`).
 */
import { ApiError, badRequest } from './errors';
import type { PatchType } from './patch';
import { typedDecode, typedDecodeError, type Decoder } from './typedDecoding';
import { unknownFields } from './unknownFields';

interface Typed {
  apiVersion?: unknown;
  kind?: unknown;
}

function problem(obj: Typed, decoder: Decoder = 'json'): string | undefined {
  const kind = String(obj.kind ?? '');
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : undefined;
  const typeError = typedDecodeError(obj, decoder, kind, apiVersion);
  if (typeError) return typeError;
  const unknown = unknownFields(kind, obj, apiVersion);
  if (unknown.length) return `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`;
  return undefined;
}

function cannotBeHandled(obj: Typed, why: string): ApiError {
  const kind = String(obj.kind);
  const apiVersion = String(obj.apiVersion ?? '');
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${why}`);
}

function invalidPatch(value: string, why: string): ApiError {
  const message = `Invalid value: ${JSON.stringify(value)}: ${why}`;
  return new ApiError(422, 'Invalid', ` "" is invalid: patch: ${message}`, {
    causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }],
  });
}

/** The error a create or update (PUT) of `obj` gets, or undefined when it decodes cleanly. */
export function decodeError(obj: Typed): ApiError | undefined {
  const why = problem(obj);
  return why ? cannotBeHandled(obj, why) : undefined;
}

/** The error a strategic merge patch gets when `patched` (the result) does not decode. */
export function patchDecodeError(patch: unknown, patched: Typed): ApiError | undefined {
  const why = problem(patched, 'unstructured');
  return why ? invalidPatch(goFormat(patch), why) : undefined;
}

/** The error a JSON or merge patch gets when `patched` (the result) does not decode. */
export function jsonPatchDecodeError(patched: Typed): ApiError | undefined {
  const why = problem(patched);
  return why ? invalidPatch(JSON.stringify(patched), why) : undefined;
}

/**
 * Which request brought the object: a patch (`patch`, `type`); `decoded` is the stored version
 * the request shares parts with (a status write built around the stored status).
 */
export interface DecodeHow {
  patch?: unknown;
  type?: PatchType;
  decoded?: unknown;
}

/**
 * The API server's own decoding step (any `fieldValidation`): the type error a write of `obj`
 * gets — `how` says which request brought it — or undefined after Go's null handling was applied
 * to `obj` in place.
 */
export function typedDecodeFailure(obj: Typed, how: DecodeHow = {}): ApiError | undefined {
  const decoder: Decoder = how.type === 'strategic' ? 'unstructured' : 'json';
  const why = typedDecode(obj, decoder, undefined, undefined, how.decoded);
  if (!why) return undefined;
  if (how.type === 'strategic') return invalidPatch(goFormat(how.patch), why);
  if (how.type) return invalidPatch(JSON.stringify(obj), why);
  return cannotBeHandled(obj, why);
}

/** A JSON value as Go's fmt prints `%+v` of the decoded `map[string]interface{}`. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goFormat(o[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}

/** float64 as %v prints it: shortest digits; exponent form when the exponent is < -4 or >= 6 (`1e+06`). */
function goFloat(n: number): string {
  if (n === 0) return '0';
  const [mantissa, exp] = n.toExponential().split('e');
  const e = Number(exp);
  if (e >= -4 && e < 6) return String(n);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** typedDecodeFailure, thrown. */
export function mustDecode(obj: Typed, how?: DecodeHow): void {
  const bad = typedDecodeFailure(obj, how);
  if (bad) throw bad;
}

/**
 * The scale subresource: the autoscaling/v1 Scale of a PUT, or the patched one, decodes (replicas
 * is an int32; absent or null is 0). Returns its replicas, or throws the error the request gets.
 */
export function scaleReplicas(scale: { spec?: { replicas?: unknown } }, request: 'patch' | 'update' = 'patch'): number {
  const replicas = scale.spec?.replicas ?? 0;
  const why = int32Error(replicas);
  if (why && request === 'update') throw badRequest(`Scale in version "v1" cannot be handled as a Scale: ${why}`);
  if (why) throw invalidPatch(JSON.stringify(scale), why);
  return replicas as number;
}

function int32Error(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) return undefined;
  const what = typeof v === 'number' ? `number ${v}` : Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v === 'object' ? 'object' : typeof v;
  return `json: cannot unmarshal ${what} into Go struct field ScaleSpec.spec.replicas of type int32`;
}
