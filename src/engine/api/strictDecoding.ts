/**
 * The errors the apiserver returns when a request body does not decode into the kind's Go type
 * under `fieldValidation=Strict` (kubectl's default): unknown fields and JSON type mismatches.
 * - create/update: `400 BadRequest` `Deployment in version "v1" cannot be handled as a Deployment:
 *   strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`;
 * - strategic merge patch: `422 Invalid` with one cause on `patch` whose value is the patch as Go's
 *   `%+v` prints a map (`map[spec:map[foo:1]]`) — kubectl renders it `The request is invalid: patch: …`.
 */
import { ApiError, badRequest } from './errors';
import { fieldTypeError, unknownFields } from './unknownFields';

interface Typed {
  apiVersion?: unknown;
  kind?: unknown;
}

function problem(obj: Typed): string | undefined {
  const kind = String(obj.kind ?? '');
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : undefined;
  const typeError = fieldTypeError(kind, obj, apiVersion);
  if (typeError) return typeError;
  const unknown = unknownFields(kind, obj, apiVersion);
  if (unknown.length) return `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`;
  return undefined;
}

/** The error a create or update (PUT) of `obj` gets, or undefined when it decodes cleanly. */
export function decodeError(obj: Typed): ApiError | undefined {
  const why = problem(obj);
  if (!why) return undefined;
  const kind = String(obj.kind);
  const apiVersion = String(obj.apiVersion ?? '');
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${why}`);
}

/** The error a strategic merge patch gets when `patched` (the result) does not decode. */
export function patchDecodeError(patch: unknown, patched: Typed): ApiError | undefined {
  const why = problem(patched);
  if (!why) return undefined;
  const message = `Invalid value: ${JSON.stringify(goFormat(patch))}: ${why}`;
  return new ApiError(422, 'Invalid', ` "" is invalid: patch: ${message}`, {
    causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }],
  });
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
