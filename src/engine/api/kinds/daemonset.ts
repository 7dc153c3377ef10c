/**
 * DaemonSets (apps/v1), after `SetDefaults_DaemonSet` (RollingUpdate with maxUnavailable 1 and
 * maxSurge 0, revisionHistoryLimit 10), apps validation's `ValidateDaemonSetSpec` and the registry
 * strategy: status starts with its four required counters at 0, selector immutable.
 */
import type { KubeObject } from '../../objects';
import { registerRules } from '../admission';
import { invalid, notSupported, required, type FieldError } from '../fieldErrors';
import { goMap, goSelector, validateNonnegative } from '../validation/common';
import { validateLabelSelector } from '../validation/objectMeta';
import { selectorMatches } from '../selectors';
import {
  intOrPercentValue,
  refreshGeneration,
  setTemplateDefaults,
  validateControllerTemplate,
  validateIntOrPercent,
  validateNotMoreThan100Percent,
  validateSelectorUnchanged,
} from './workload';

function setDaemonSetDefaults(ds: KubeObject): void {
  const spec = (ds.spec ??= {});
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = 1;
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  setTemplateDefaults(ds);
}

function validateUpdateStrategy(s: any): FieldError[] {
  const path = 'spec.updateStrategy';
  if (s?.type === 'OnDelete') return [];
  if (s?.type !== 'RollingUpdate') {
    const ru = s?.rollingUpdate ? { MaxUnavailable: s.rollingUpdate.maxUnavailable ?? 0, MaxSurge: s.rollingUpdate.maxSurge ?? 0 } : null;
    return [notSupported(path, { Type: s?.type ?? '', RollingUpdate: ru }, ['RollingUpdate', 'OnDelete'])];
  }
  const ru = s.rollingUpdate;
  if (!ru) return [required(`${path}.rollingUpdate`)];
  const p = `${path}.rollingUpdate`;
  const errs = [
    ...validateIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`),
    ...validateIntOrPercent(ru.maxSurge, `${p}.maxSurge`),
    ...validateNotMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`),
    ...validateNotMoreThan100Percent(ru.maxSurge, `${p}.maxSurge`),
  ];
  const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const surge = intOrPercentValue(ru.maxSurge) !== 0;
  if (unavailable && surge) errs.push(invalid(`${p}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) errs.push(required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

export function validateDaemonSetSpec(ds: KubeObject): FieldError[] {
  const spec = ds.spec ?? {};
  const sel = spec.selector;
  const errs = validateLabelSelector(sel, 'spec.selector');
  const labels = spec.template?.metadata?.labels;
  // Unlike ReplicaSets, the selector is checked against the labels even when it is empty or missing.
  const empty = !!sel && !Object.keys(sel.matchLabels ?? {}).length && !sel.matchExpressions?.length;
  if (errs.length === 0 && !empty && !selectorMatches(sel, labels))
    errs.push(invalid('spec.template.metadata.labels', goMap(labels), '`selector` does not match template `labels`'));
  if (empty) errs.push(invalid('spec.selector', goSelector(sel), 'empty selector is invalid for daemonset'));
  // The template part of the shared check, without a second selector comparison.
  errs.push(...validateControllerTemplate(spec.template, { matchLabels: {} }, 'DaemonSet'));
  errs.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateUpdateStrategy(spec.updateStrategy));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

const INITIAL_STATUS = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };

registerRules('daemonsets.apps', {
  prepareForCreate(ds) {
    ds.status = { ...INITIAL_STATUS };
  },
  prepareForUpdate(ds, old) {
    setDaemonSetDefaults(ds);
    refreshGeneration(ds, old);
  },
  mutateSkipsStatus: true,
  mutate(ds, _old, ctx) {
    if (ctx.subresource !== 'status') setDaemonSetDefaults(ds);
  },
  validate: validateDaemonSetSpec,
  validateUpdate(ds, old, ctx) {
    if (ctx.subresource === 'status') return [];
    return [...validateDaemonSetSpec(ds), ...validateSelectorUnchanged(ds, old)];
  },
});
