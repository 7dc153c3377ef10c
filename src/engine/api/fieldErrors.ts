/**
 * Field validation errors as apimachinery's field.Error prints them, and the Invalid status error
 * that aggregates them: `Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: ...]`.
 */
import { ApiError } from './errors';

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueNotFound'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid';

const TYPE_STRINGS: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotFound: 'Not found',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTypeInvalid: 'Invalid value',
};

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** Omitted for Required/Forbidden, as field.Error omits the value there. */
  value?: unknown;
  hasValue: boolean;
  detail: string;
}

export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, hasValue: false, detail });
export const invalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, value, hasValue: true, detail });
export const forbiddenField = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, hasValue: false, detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value, hasValue: true, detail: '' });
export const notFoundField = (field: string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field, value, hasValue: true, detail: '' });
export function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  const detail = supported.length ? 'supported values: ' + supported.map((s) => JSON.stringify(s)).join(', ') : '';
  return { type: 'FieldValueNotSupported', field, value, hasValue: true, detail };
}

/** Renders a value the way field.Error does: strings quoted, numbers and bools bare, others as Go prints them. */
function renderValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  return JSON.stringify(v);
}

/** The body of one error: `Invalid value: -1: must be greater than or equal to 0`. */
export function fieldErrorBody(e: FieldError): string {
  let s = TYPE_STRINGS[e.type];
  if (e.hasValue) s += `: ${renderValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * The 422 Invalid error for `kind` (`Deployment.apps`, `Pod`) named `name`. The message uses
 * apimachinery's aggregate form: one error bare, several as `[e1, e2]`.
 */
export function invalidError(kind: string, group: string, name: string, errors: FieldError[]): ApiError {
  const unique: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const s = fieldErrorString(e);
    if (!seen.has(s)) {
      seen.add(s);
      unique.push(e);
    }
  }
  const parts = unique.map(fieldErrorString);
  const aggregate = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${aggregate}`, {
    name,
    group: group || undefined,
    kind,
    causes: unique.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field })),
  });
}
