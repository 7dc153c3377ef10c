/**
 * metadata validation as apimachinery's `ValidateObjectMeta` / `ValidateObjectMetaUpdate` plus the
 * core group's finalizer-name check. Which name rule applies depends on the kind (Pods: DNS-1123
 * subdomain, Namespaces: DNS-1123 label, Services: DNS-1035 label); kinds register theirs with
 * `registerNameRule`, and the API server asks `nameRuleFor(resource)`.
 */
import type { LabelSelector, ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import { forbiddenField, invalid, required, type FieldError } from '../fieldErrors';
import { child, index, validateNonnegative } from './common';
import {
  isDNS1123Label,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  byteLength,
  type NameRule,
} from './names';

export type { NameRule };

/** 256 kB: the total size of all annotation keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const nameRules = new Map<string, NameRule>([
  ['namespaces', nameIsDNSLabel],
  ['services', nameIsDNS1035Label],
]);

/** Sets the name rule for a resource (qualified name). Unregistered resources use DNS-1123 subdomains. */
export function registerNameRule(resource: string, rule: NameRule): void {
  nameRules.set(resource, rule);
}

export function nameRuleFor(resource: string): NameRule {
  return nameRules.get(resource) ?? nameIsDNSSubdomain;
}

/** Create-time metadata validation. `meta.name` has already been generated from generateName. */
export function validateObjectMeta(meta: ObjectMeta, namespaced: boolean, nameRule: NameRule = nameIsDNSSubdomain, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) for (const m of nameRule(meta.generateName, true)) errs.push(invalid(child(path, 'generateName'), meta.generateName, m));
  if (!meta.name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const m of nameRule(meta.name, false)) errs.push(invalid(child(path, 'name'), meta.name, m));
  if (namespaced) {
    if (!meta.namespace) errs.push(required(child(path, 'namespace')));
    else for (const m of isDNS1123Label(meta.namespace)) errs.push(invalid(child(path, 'namespace'), meta.namespace, m));
  } else if (meta.namespace) errs.push(forbiddenField(child(path, 'namespace'), 'not allowed on this type'));
  // Absent (undefined or null) parts have nothing to check: skipped before any path is built.
  if (present(meta.generation)) errs.push(...validateNonnegative(meta.generation, child(path, 'generation')));
  if (present(meta.labels)) errs.push(...validateLabels(meta.labels, child(path, 'labels')));
  if (present(meta.annotations)) errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  if (present(meta.ownerReferences)) errs.push(...validateOwnerReferences(meta.ownerReferences, child(path, 'ownerReferences')));
  if (present(meta.finalizers)) {
    errs.push(...validateFinalizers(meta.finalizers, child(path, 'finalizers')));
    errs.push(...validateKubeFinalizerNames(meta.finalizers, child(path, 'finalizers')));
  }
  return errs;
}

function present<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null;
}

/**
 * Update-time metadata validation. The API server already carries over uid, creationTimestamp,
 * namespace and the deletion fields, and refuses new finalizers on an object being deleted.
 */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if ((meta.generation ?? 0) < (old.generation ?? 0)) errs.push(invalid(child(path, 'generation'), meta.generation ?? 0, 'must not be decremented'));
  unlessKnownClean(errs, CLEAN.labels, meta.labels, old.labels, validateLabels, path, 'labels');
  unlessKnownClean(errs, CLEAN.annotations, meta.annotations, old.annotations, validateAnnotations, path, 'annotations');
  unlessKnownClean(errs, CLEAN.ownerReferences, meta.ownerReferences, old.ownerReferences, validateOwnerReferences, path, 'ownerReferences');
  unlessKnownClean(errs, CLEAN.finalizers, meta.finalizers, old.finalizers, validateKubeFinalizerNames, path, 'finalizers');
  return errs;
}

/**
 * Parts of stored metadata (the very objects: labels, annotations, ownerReferences, finalizers)
 * that one of the update checks found clean. Stored objects are never mutated, so when an update
 * keeps such a part by reference (a status write shares metadata with the stored version) the
 * check would find it clean again and is skipped. Only parts that are the stored version's own
 * are looked up, so an object a caller still holds and may change is never trusted.
 */
const CLEAN = {
  labels: new WeakSet<object>(),
  annotations: new WeakSet<object>(),
  ownerReferences: new WeakSet<object>(),
  finalizers: new WeakSet<object>(),
};

/**
 * Runs `check(value, path.field)` unless `value` is a stored part known clean. Absent parts
 * (undefined or null) have nothing to check: skipped before the path is even built.
 */
function unlessKnownClean<T extends object>(
  errs: FieldError[],
  clean: WeakSet<object>,
  value: T | undefined,
  stored: T | undefined,
  check: (value: T | undefined, path: string) => FieldError[],
  path: string,
  field: string,
): void {
  if (!present(value)) return;
  if (typeof value !== 'object') {
    errs.push(...check(value, child(path, field)));
    return;
  }
  if (value === stored && clean.has(value)) return;
  const found = check(value, child(path, field));
  if (found.length) errs.push(...found);
  else if (value === stored) clean.add(value);
}

// These two loop with for-in, not over Object.entries: every pod create checks its labels, and
// the pairs would only be thrown away.

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k in labels) {
    const v = labels[k];
    for (const m of isQualifiedName(k)) errs.push(invalid(path, k, m));
    for (const m of isValidLabelValue(String(v))) errs.push(invalid(path, v, m));
  }
  return errs;
}

export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(path, name, m));
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const k in annotations) {
    const v = annotations[k];
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    size += byteLength(k) + byteLength(String(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT)
    errs.push({ type: 'FieldValueTooLong', field: path, hasValue: false, detail: `may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` });
  return errs;
}

/** metav1 `ValidateLabelSelector` (strict label values, as apps/v1 workloads use). */
export function validateLabelSelector(sel: LabelSelector | undefined | null, path: string): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, child(path, 'matchLabels'));
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const p = index(child(path, 'matchExpressions'), i);
    const values = e.values ?? [];
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (values.length === 0) errs.push(required(child(p, 'values'), 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbiddenField(child(p, 'values'), 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    } else errs.push(invalid(child(p, 'operator'), e.operator, 'not a valid selector operator'));
    errs.push(...validateLabelName(e.key, child(p, 'key')));
    values.forEach((v, j) => isValidLabelValue(v).forEach((m) => errs.push(invalid(index(child(p, 'values'), j), v, m))));
  });
  return errs;
}

function validateOwnerReferences(refs: OwnerReference[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const version = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/')[1] : (ref.apiVersion ?? '');
    const group = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/')[0] : '';
    if (!version) errs.push(invalid(child(path, 'apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(child(path, 'kind'), ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(invalid(child(path, 'name'), ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(invalid(child(path, 'uid'), ref.uid ?? '', 'must not be empty'));
    if (group === '' && version === 'v1' && ref.kind === 'Event') errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (ref.controller) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController)
        errs.push(invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      else firstController = current;
    }
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) for (const m of isQualifiedName(f)) errs.push(invalid(path, f, m));
  const list = finalizers ?? [];
  if (list.includes('orphan') && list.includes('foregroundDeletion'))
    errs.push(invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** The core group's extra rule: a finalizer without a `/` must be one of the standard ones. */
function validateKubeFinalizerNames(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (finalizers ?? []).forEach((f, i) => {
    const p = index(path, i);
    for (const m of isQualifiedName(f)) errs.push(invalid(p, f, m));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  return errs;
}
