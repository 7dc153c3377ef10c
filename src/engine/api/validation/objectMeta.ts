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
  if (meta.generateName) pushInvalid(errs, nameRule(meta.generateName, true), path, meta.generateName, 'generateName');
  if (!meta.name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else pushInvalid(errs, nameRule(meta.name, false), path, meta.name, 'name');
  if (namespaced) {
    if (!meta.namespace) errs.push(required(child(path, 'namespace')));
    else pushInvalid(errs, isDNS1123Label(meta.namespace), path, meta.namespace, 'namespace');
  } else if (meta.namespace) errs.push(forbiddenField(child(path, 'namespace'), 'not allowed on this type'));
  // Absent (undefined or null) parts have nothing to check: skipped before any path is built.
  if (present(meta.generation)) pushAll(errs, validateNonnegative(meta.generation, metaPath(path, 'generation')));
  if (present(meta.labels)) pushAll(errs, validateLabels(meta.labels, metaPath(path, 'labels')));
  if (present(meta.annotations)) pushAll(errs, validateAnnotations(meta.annotations, metaPath(path, 'annotations')));
  if (present(meta.ownerReferences)) pushAll(errs, validateOwnerReferences(meta.ownerReferences, metaPath(path, 'ownerReferences')));
  if (present(meta.finalizers)) {
    pushAll(errs, validateFinalizers(meta.finalizers, metaPath(path, 'finalizers')));
    pushAll(errs, validateKubeFinalizerNames(meta.finalizers, metaPath(path, 'finalizers')));
  }
  return errs;
}

// Every create and update checks metadata: the lists below are walked by index, without an
// iterator per list (most are empty).

function pushAll(errs: FieldError[], more: readonly FieldError[]): void {
  for (let i = 0; i < more.length; i++) errs.push(more[i]);
}

/** One `Invalid value` at `path` (`path.field` with a field) per message; the path is built only for an error. */
function pushInvalid(errs: FieldError[], messages: readonly string[], path: string, value: unknown, field?: string): void {
  for (let i = 0; i < messages.length; i++) errs.push(invalid(field === undefined ? path : child(path, field), value, messages[i]));
}

/**
 * `path.field`; for the usual `metadata` path built once per field, not per write (the checks
 * take their path up front, and nearly always find nothing to report with it).
 */
function metaPath(path: string, field: string): string {
  if (path !== 'metadata') return child(path, field);
  let built = METADATA_PATHS.get(field);
  if (built === undefined) METADATA_PATHS.set(field, (built = child(path, field)));
  return built;
}

/** metaPath's `metadata.<field>` strings: a handful, one per metadata field checked. */
const METADATA_PATHS = new Map<string, string>();

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
    pushAll(errs, check(value, metaPath(path, field)));
    return;
  }
  if (value === stored && clean.has(value)) return;
  const found = check(value, metaPath(path, field));
  if (found.length) pushAll(errs, found);
  else if (value === stored) clean.add(value);
}

// These two loop with for-in, not over Object.entries: every pod create checks its labels, and
// the pairs would only be thrown away.

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k in labels) {
    const v = labels[k];
    pushInvalid(errs, isQualifiedName(k), path, k);
    pushInvalid(errs, isValidLabelValue(String(v)), path, v);
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
    pushInvalid(errs, isQualifiedName(k.toLowerCase()), path, k);
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
  // Every pod's create checks its owner: strings are built only for an error (or an Event owner).
  let firstController: OwnerReference | undefined;
  for (const ref of refs ?? []) {
    const apiVersion = ref.apiVersion ?? '';
    if (!hasVersion(apiVersion)) errs.push(invalid(child(path, 'apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(child(path, 'kind'), ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(invalid(child(path, 'name'), ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(invalid(child(path, 'uid'), ref.uid ?? '', 'must not be empty'));
    if (ref.kind === 'Event' && apiVersion.indexOf('/') <= 0 && versionOf(apiVersion) === 'v1')
      errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (ref.controller) {
      if (firstController)
        errs.push(invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${controllerName(firstController)} and ${controllerName(ref)}`));
      else firstController = ref;
    }
  }
  return errs;
}

function controllerName(ref: OwnerReference): string {
  return `${ref.kind}/${ref.name}`;
}

/** The version of an apiVersion as split('/') gives it: after the first slash, up to any second one. */
function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return apiVersion;
  const end = apiVersion.indexOf('/', slash + 1);
  return apiVersion.slice(slash + 1, end < 0 ? apiVersion.length : end);
}

/** Whether versionOf(apiVersion) is not empty, without slicing it out. */
function hasVersion(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return apiVersion !== '';
  return slash + 1 < apiVersion.length && apiVersion[slash + 1] !== '/';
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
