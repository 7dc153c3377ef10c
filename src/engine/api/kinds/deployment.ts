/**
 * Deployments (apps/v1), after `pkg/apis/apps/v1/defaults.go`, apps validation's
 * `ValidateDeploymentSpec` and the registry strategy: status cleared on create, generation bumped
 * by spec or annotation changes, selector immutable.
 */
import type { KubeObject } from '../../objects';
import { deepEqual } from '../../util/clone';
import { registerRules } from '../admission';
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../fieldErrors';
import { validateNonnegative } from '../validation/common';
import {
  intOrPercentValue,
  refreshGeneration,
  setTemplateDefaults,
  validateControllerTemplate,
  validateIntOrPercent,
  validateNotMoreThan100Percent,
  validateSelectorUnchanged,
  validateWorkloadSelector,
} from './workload';

function setDeploymentDefaults(d: KubeObject): void {
  const spec = (d.spec ??= {});
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const strategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
  setTemplateDefaults(d);
}

/** The internal apps.DeploymentStrategy as json.Marshal prints it (no json tags on internal types). */
function goStrategy(s: { type?: string; rollingUpdate?: { maxUnavailable?: unknown; maxSurge?: unknown } }) {
  const ru = s.rollingUpdate ? { MaxUnavailable: s.rollingUpdate.maxUnavailable ?? 0, MaxSurge: s.rollingUpdate.maxSurge ?? 0 } : null;
  return { Type: s.type ?? '', RollingUpdate: ru };
}

function validateStrategy(strategy: any): FieldError[] {
  const s = strategy ?? {};
  const path = 'spec.strategy';
  if (s.type === 'Recreate')
    return s.rollingUpdate ? [forbiddenField(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
  if (s.type !== 'RollingUpdate') return [notSupported(path, goStrategy(s), ['Recreate', 'RollingUpdate'])];
  const ru = s.rollingUpdate;
  if (!ru) return [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
  const p = `${path}.rollingUpdate`;
  const errs = [...validateIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`), ...validateIntOrPercent(ru.maxSurge, `${p}.maxSurge`)];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
    errs.push(invalid(`${p}.maxUnavailable`, ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  errs.push(...validateNotMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
  return errs;
}

export function validateDeploymentSpec(d: KubeObject): FieldError[] {
  const spec = d.spec ?? {};
  const errs = validateNonnegative(spec.replicas, 'spec.replicas');
  if (validateWorkloadSelector(spec.selector, 'deployment', errs)) errs.push(...validateControllerTemplate(spec.template, spec.selector, 'ReplicaSet'));
  errs.push(...validateStrategy(spec.strategy));
  errs.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const pds = spec.progressDeadlineSeconds;
  if (pds !== undefined && pds !== null) {
    errs.push(...validateNonnegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= (spec.minReadySeconds ?? 0)) errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

registerRules('deployments.apps', {
  prepareForCreate(d) {
    d.status = {};
  },
  prepareForUpdate(d, old) {
    setDeploymentDefaults(d);
    // Annotations are copied to the ReplicaSets, so changing them is a new generation too.
    refreshGeneration(d, old, !deepEqual(d.metadata.annotations ?? {}, old.metadata.annotations ?? {}));
  },
  mutateSkipsStatus: true,
  mutate(d, _old, ctx) {
    if (ctx.subresource !== 'status') setDeploymentDefaults(d);
  },
  validate: validateDeploymentSpec,
  validateUpdate(d, old, ctx) {
    if (ctx.subresource === 'status') return [];
    return [...validateDeploymentSpec(d), ...validateSelectorUnchanged(d, old)];
  },
});
