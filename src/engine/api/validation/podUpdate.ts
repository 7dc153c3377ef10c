/**
 * Pod update validation after core validation's `ValidatePodUpdate`: a pod's spec is immutable
 * except container images, activeDeadlineSeconds (only shortened), added tolerations (existing
 * ones may only change tolerationSeconds), removed scheduling gates and a negative grace period
 * raised to 1. Anything else — spec.nodeName included, which only the binding subresource sets —
 * fails with the apiserver's Forbidden message followed by a diff of the spec.
 *
 * The diff in 1.34 is go-cmp's rendering of the internal `core.PodSpec`, which go-cmp deliberately
 * keeps unstable; `specDiff` gives the same shape (changed fields as `-`/`+` lines) without trying
 * to reproduce it byte for byte.
 */
import type { Container, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { clone, deepEqual } from '../../util/clone';
import { forbiddenField, invalid, required, type FieldError } from '../fieldErrors';
import { child, index } from './common';
import { inclusiveRangeError } from './names';
import { validateTolerations } from './podSpec';

const MAX_INT32 = 2147483647;

export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,' +
  '`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** The update-specific checks; the caller also runs full spec validation on the new pod. */
export function validatePodSpecUpdate(spec: PodSpec, old: PodSpec): FieldError[] {
  const errs: FieldError[] = [];
  for (const [field, list, oldList] of [
    ['containers', spec.containers, old.containers],
    ['initContainers', spec.initContainers, old.initContainers],
  ] as const) {
    const { errs: e, stop } = validateContainerUpdates(list ?? [], oldList ?? [], child('spec', field));
    errs.push(...e);
    if (stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null) {
    if (ads < 0 || ads > MAX_INT32) return [...errs, invalid('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, MAX_INT32))];
    if (old.activeDeadlineSeconds !== undefined && old.activeDeadlineSeconds < ads)
      return [...errs, invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value')];
  } else if (old.activeDeadlineSeconds !== undefined) {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations ?? [], old.tolerations ?? []));
  errs.push(...validateOnlyDeletedSchedulingGates(spec.schedulingGates ?? [], old.schedulingGates ?? []));
  if (deepEqual(spec, old)) return errs;

  const munged = clone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: old.containers[i].image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: old.initContainers![i].image }));
  if (!munged.initContainers?.length && !old.initContainers?.length) munged.initContainers = old.initContainers;
  munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  munged.schedulingGates = old.schedulingGates;
  munged.tolerations = old.tolerations;
  if ((old.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  if (!deepEqual(munged, old)) errs.push(forbiddenField('spec', `${POD_UPDATE_FORBIDDEN}\n${specDiff(old, munged)}`));
  return errs;
}

function validateContainerUpdates(list: Container[], old: Container[], path: string): { errs: FieldError[]; stop: boolean } {
  if (list.length !== old.length) return { errs: [forbiddenField(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  list.forEach((c, i) => {
    if (!c.image) errs.push(required(child(index(path, i), 'image')));
    if (c.image && c.image.trim() !== c.image) errs.push(invalid(child(index(path, i), 'image'), c.image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(list: Toleration[], old: Toleration[]): FieldError[] {
  for (const o of old) {
    const found = list.some((t) => deepEqual({ ...o, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbiddenField('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(list, 'spec.tolerations');
}

function validateOnlyDeletedSchedulingGates(list: { name: string }[], old: { name: string }[]): FieldError[] {
  const before = new Set(old.map((g) => g.name));
  const errs: FieldError[] = [];
  list.forEach((g, i) => {
    if (!before.has(g.name))
      errs.push(forbiddenField(child(index('spec.schedulingGates', i), 'name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`));
  });
  return errs;
}

const GO_FIELD_NAMES: Record<string, string> = { dnsPolicy: 'DNSPolicy', dnsConfig: 'DNSConfig', hostIPC: 'HostIPC', hostPID: 'HostPID', os: 'OS' };
const goFieldName = (k: string) => GO_FIELD_NAMES[k] ?? k[0].toUpperCase() + k.slice(1);

/** A go-cmp-shaped diff of two pod specs: unchanged fields counted, changed ones as -/+ lines. */
export function specDiff(old: PodSpec, cur: PodSpec): string {
  const o = old as unknown as Record<string, unknown>;
  const n = cur as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
  const lines = ['  core.PodSpec{'];
  let same = 0;
  const flush = () => {
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const k of keys) {
    if (deepEqual(o[k], n[k])) {
      same++;
      continue;
    }
    flush();
    if (o[k] !== undefined) lines.push(`- \t${goFieldName(k)}: ${JSON.stringify(o[k])},`);
    if (n[k] !== undefined) lines.push(`+ \t${goFieldName(k)}: ${JSON.stringify(n[k])},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n') + '\n';
}
