/**
 * Pods, after `pkg/registry/core/pod/strategy.go`: defaulting, the CREATE-only admission plugins,
 * status reset to Pending with the computed QoS class, spec validation, the narrow set of spec
 * updates a pod allows, and the graceful-deletion period.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../objects';
import { registerRules, type ResourceRules } from '../admission';
import { forbiddenField, type FieldError } from '../fieldErrors';
import { validateContainersOnlyForPod } from '../validation/containers';
import { validatePodSpec } from '../validation/podSpec';
import { validatePodSpecUpdate } from '../validation/podUpdate';
import { admitPod } from './podAdmission';
import { setPodDefaults, setPodSpecDefaults } from './podDefaults';
import { podQOSClass } from './qos';
import { refreshGeneration } from './workload';

const DEFAULT_GRACE_PERIOD = 30;

function specOf(pod: KubeObject): PodSpec {
  return (pod.spec ??= {}) as PodSpec;
}

function setDefaults(pod: KubeObject): PodSpec {
  const spec = specOf(pod);
  setPodSpecDefaults(spec, 'Pod');
  setPodDefaults(spec);
  return spec;
}

function validatePod(pod: KubeObject): FieldError[] {
  const spec = specOf(pod);
  return [...validatePodSpec(spec, 'spec'), ...validateContainersOnlyForPod(spec.containers, 'spec.containers'), ...validateContainersOnlyForPod(spec.initContainers, 'spec.initContainers')];
}

/**
 * The grace period a delete gets: what was asked for, else the pod's own
 * terminationGracePeriodSeconds; 0 (immediate) for a pod never scheduled or already finished.
 */
export function podGracePeriod(pod: KubeObject, requested: number | undefined): number {
  let period = requested ?? (pod.spec?.terminationGracePeriodSeconds as number | undefined) ?? DEFAULT_GRACE_PERIOD;
  if (!pod.spec?.nodeName) period = 0;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') period = 0;
  return period < 0 ? 1 : period;
}

export const podRules: ResourceRules = {
  prepareForCreate(pod) {
    pod.status = { phase: 'Pending' };
  },
  prepareForUpdate(pod, old) {
    setDefaults(pod);
    refreshGeneration(pod, old);
  },
  // As upstream's status strategy: a status write keeps the stored spec (defaulted when it was
  // stored), so there is nothing to default again.
  mutateSkipsStatus: true,
  mutate(pod, _old, ctx) {
    if (ctx.subresource === 'status') return;
    const spec = setDefaults(pod);
    if (ctx.operation !== 'CREATE') return;
    admitPod(pod, ctx);
    pod.status = { ...pod.status, qosClass: podQOSClass(spec) };
  },
  validate(pod) {
    const spec = specOf(pod);
    const errs = validatePod(pod);
    if (spec.ephemeralContainers?.length) errs.push(forbiddenField('spec.ephemeralContainers', 'cannot be set on create'));
    if (spec.nodeName && spec.schedulingGates?.length) errs.push(forbiddenField('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
    return errs;
  },
  validateUpdate(pod, old, ctx) {
    if (ctx.subresource === 'status') {
      // The status subresource keeps the spec; only nodeName drift would show here.
      if (pod.spec?.nodeName !== old.spec?.nodeName) return [forbiddenField('status.nodeName', 'may not be changed directly')];
      return [];
    }
    return [...validatePod(pod), ...validatePodSpecUpdate(specOf(pod), (old.spec ?? {}) as PodSpec)];
  },
  defaultGracePeriod: podGracePeriod,
};

registerRules('pods', podRules);
