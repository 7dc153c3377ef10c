/**
 * What the apps/v1 workloads share (apps validation's `ValidatePodTemplateSpecForReplicaSet`,
 * `ValidatePositiveIntOrPercent`, the selector rules and the strategies' generation handling),
 * so Deployment, ReplicaSet and DaemonSet stay thin.
 */
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../objects';
import { deepEqual } from '../../util/clone';
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../fieldErrors';
import { selectorMatches } from '../selectors';
import { goMap, goSelector, IS_NEGATIVE, validateImmutable } from '../validation/common';
import { isValidPercent } from '../validation/names';
import { validateLabelSelector } from '../validation/objectMeta';
import { validatePodTemplateSpec } from '../validation/podSpec';
import { setPodSpecDefaults } from './podDefaults';

export type IntOrString = number | string;

export function setTemplateDefaults(obj: KubeObject): void {
  const spec = (obj.spec ??= {});
  const template = (spec.template ??= {}) as PodTemplateSpec;
  setPodSpecDefaults((template.spec ??= {} as PodSpec), obj.kind);
}

/**
 * Generation as the strategies keep it: bumped when the (defaulted) spec changes. The server
 * compares specs before defaulting runs, so kinds redo the comparison after defaulting here.
 */
export function refreshGeneration(obj: KubeObject, old: KubeObject, alsoWhen = false): void {
  const base = old.metadata.generation ?? 0;
  (obj.metadata as { generation?: number }).generation = !deepEqual(obj.spec, old.spec) || alsoWhen ? base + 1 : base;
}

/** spec.selector: required, valid, not empty (`empty selector is invalid for <what>`). Returns whether it is usable. */
export function validateWorkloadSelector(sel: LabelSelector | undefined, what: string, errs: FieldError[]): boolean {
  if (!sel) {
    errs.push(required('spec.selector'));
    return true;
  }
  const selErrs = validateLabelSelector(sel, 'spec.selector');
  errs.push(...selErrs);
  if (!Object.keys(sel.matchLabels ?? {}).length && !sel.matchExpressions?.length)
    errs.push(invalid('spec.selector', goSelector(sel), `empty selector is invalid for ${what}`));
  if (selErrs.length) {
    errs.push(invalid('spec.selector', goSelector(sel), 'invalid label selector'));
    return false;
  }
  return true;
}

/**
 * The pod template of a controller: selector must match its labels, the spec must be a valid pod
 * spec, restartPolicy Always and no activeDeadlineSeconds (`<Kind> is not Supported`).
 */
export function validateControllerTemplate(template: PodTemplateSpec | undefined, selector: LabelSelector | undefined, owner: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!template) return [required('spec.template')];
  const labels = template.metadata?.labels;
  const empty = !!selector && !Object.keys(selector.matchLabels ?? {}).length && !selector.matchExpressions?.length;
  if (!empty && !selectorMatches(selector, labels))
    errs.push(invalid('spec.template.metadata.labels', goMap(labels), '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  const rp = template.spec?.restartPolicy;
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined)
    errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${owner} is not Supported`));
  return errs;
}

/** apps/v1 may not change a workload's selector. */
export function validateSelectorUnchanged(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateImmutable(obj.spec?.selector, old.spec?.selector, 'spec.selector');
  return errs.map((e) => ({ ...e, value: goSelector(obj.spec?.selector) }));
}

export function validateIntOrPercent(v: IntOrString | undefined, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, v, m));
  if (typeof v === 'number' && v < 0) return [invalid(path, v, IS_NEGATIVE)];
  return [];
}

/** getIntOrPercentValue: the number, or a valid percentage's number; anything else is 0. */
export function intOrPercentValue(v: IntOrString | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && isValidPercent(v).length === 0) return Number(v.slice(0, -1));
  return 0;
}

export function validateNotMoreThan100Percent(v: IntOrString | undefined, path: string): FieldError[] {
  return typeof v === 'string' && isValidPercent(v).length === 0 && Number(v.slice(0, -1)) > 100
    ? [invalid(path, v, 'must not be greater than 100%')]
    : [];
}
