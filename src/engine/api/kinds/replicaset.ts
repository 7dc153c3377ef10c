/**
 * ReplicaSets (apps/v1), after apps validation's `ValidateReplicaSetSpec` and the registry
 * strategy: replicas default to 1, status starts as `{replicas: 0}` (the field has no omitempty),
 * selector immutable.
 */
import type { KubeObject } from '../../objects';
import { registerRules } from '../admission';
import type { FieldError } from '../fieldErrors';
import { validateNonnegative } from '../validation/common';
import { refreshGeneration, setTemplateDefaults, validateControllerTemplate, validateSelectorUnchanged, validateWorkloadSelector } from './workload';

function setReplicaSetDefaults(rs: KubeObject): void {
  const spec = (rs.spec ??= {});
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  setTemplateDefaults(rs);
}

export function validateReplicaSetSpec(rs: KubeObject): FieldError[] {
  const spec = rs.spec ?? {};
  const errs = [...validateNonnegative(spec.replicas, 'spec.replicas'), ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds')];
  // "deployment" is what the apiserver says here too.
  if (validateWorkloadSelector(spec.selector, 'deployment', errs)) errs.push(...validateControllerTemplate(spec.template, spec.selector, 'ReplicaSet'));
  return errs;
}

registerRules('replicasets.apps', {
  prepareForCreate(rs) {
    rs.status = { replicas: 0 };
  },
  prepareForUpdate(rs, old) {
    setReplicaSetDefaults(rs);
    refreshGeneration(rs, old);
  },
  mutateSkipsStatus: true,
  mutate(rs, _old, ctx) {
    if (ctx.subresource !== 'status') setReplicaSetDefaults(rs);
  },
  validate: validateReplicaSetSpec,
  validateUpdate(rs, old, ctx) {
    if (ctx.subresource === 'status') return [];
    return [...validateReplicaSetSpec(rs), ...validateSelectorUnchanged(rs, old)];
  },
});
