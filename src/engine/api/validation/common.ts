/**
 * Small helpers shared by every kind's validation, after apimachinery's `pkg/api/validation`
 * (`ValidateNonnegativeField`, `ValidateImmutableField`) and the way 1.34 renders complex values
 * in field errors: `json.Marshal` of the Go value, so maps print with sorted keys.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { deepEqual } from '../../util/clone';
import { invalid, type FieldError } from '../fieldErrors';

export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE = 'field is immutable';

export function validateNonnegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value !== null && value < 0 ? [invalid(path, value, IS_NEGATIVE)] : [];
}

export function validateImmutable(value: unknown, old: unknown, path: string): FieldError[] {
  return deepEqual(value ?? null, old ?? null) ? [] : [invalid(path, value ?? null, FIELD_IMMUTABLE)];
}

/** A string map as Go's json.Marshal prints it: keys sorted. `undefined` stays null. */
export function goMap(m: Record<string, string> | undefined | null): Record<string, string> | null {
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

/** A metav1.LabelSelector as json.Marshal prints it (field order matchLabels, matchExpressions; empty ones omitted). */
export function goSelector(sel: LabelSelector | undefined | null): unknown {
  if (!sel) return null;
  const out: Record<string, unknown> = {};
  if (sel.matchLabels && Object.keys(sel.matchLabels).length) out.matchLabels = goMap(sel.matchLabels);
  if (sel.matchExpressions?.length)
    out.matchExpressions = sel.matchExpressions.map((e) => (e.values?.length ? { key: e.key, operator: e.operator, values: e.values } : { key: e.key, operator: e.operator }));
  return out;
}

/** `a.b[0].c` style paths, as field.Path prints them. */
export const child = (path: string, name: string) => (path ? `${path}.${name}` : name);
export const index = (path: string, i: number) => `${path}[${i}]`;
export const key = (path: string, k: string) => `${path}[${k}]`;
