/**
 * PodSpec and PodTemplateSpec validation after core validation's `ValidatePodSpec` and
 * `ValidatePodTemplateSpec`. Runs on defaulted objects, so `Required value` for a defaulted field
 * (restartPolicy, dnsPolicy, terminationGracePeriodSeconds) only shows when a client clears it.
 */
import type { PodSpec, PodTemplateSpec, Toleration, Volume } from 'kubernetes-types/core/v1';
import { duplicate, forbiddenField, invalid, notSupported, required, type FieldError } from '../fieldErrors';
import { child, index } from './common';
import { validateContainers, validateInitContainers } from './containers';
import { inclusiveRangeError, isDNS1123Label, isValidLabelValue, nameIsDNSSubdomain } from './names';
import { validateAnnotations, validateLabelName, validateLabels } from './objectMeta';

const MAX_INT32 = 2147483647;

export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(template?.metadata?.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(template?.metadata?.annotations, child(path, 'annotations')));
  errs.push(...validatePodSpec(template?.spec ?? ({} as PodSpec), child(path, 'spec')));
  return errs;
}

export function validatePodSpec(spec: PodSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined) errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  const grace = spec.terminationGracePeriodSeconds;
  const volumes = validateVolumes(spec.volumes, child(path, 'volumes'), errs);
  errs.push(...validateContainers(spec.containers, volumes, grace, child(path, 'containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, volumes, grace, child(path, 'initContainers')));
  errs.push(...oneOf(spec.restartPolicy, ['Always', 'OnFailure', 'Never'], child(path, 'restartPolicy')));
  errs.push(...oneOf(spec.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], child(path, 'dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  if (spec.serviceAccountName)
    nameIsDNSSubdomain(spec.serviceAccountName, false).forEach((m) => errs.push(invalid(child(path, 'serviceAccountName'), spec.serviceAccountName, m)));
  if (spec.nodeName) nameIsDNSSubdomain(spec.nodeName, false).forEach((m) => errs.push(invalid(child(path, 'nodeName'), spec.nodeName, m)));
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) errs.push(invalid(child(path, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  if (spec.hostname) isDNS1123Label(spec.hostname).forEach((m) => errs.push(invalid(child(path, 'hostname'), spec.hostname, m)));
  if (spec.subdomain) isDNS1123Label(spec.subdomain).forEach((m) => errs.push(invalid(child(path, 'subdomain'), spec.subdomain, m)));
  errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  if (spec.priorityClassName)
    nameIsDNSSubdomain(spec.priorityClassName, false).forEach((m) => errs.push(invalid(child(path, 'priorityClassName'), spec.priorityClassName, m)));
  if (spec.preemptionPolicy !== undefined) errs.push(...oneOf(spec.preemptionPolicy, ['Never', 'PreemptLowerPriority'], child(path, 'preemptionPolicy')));
  return errs;
}

/** A field with a closed set of values: `Required value` when empty, `Unsupported value` otherwise. */
function oneOf(value: string | undefined, supported: string[], path: string): FieldError[] {
  if (!value) return [required(path)];
  return supported.includes(value) ? [] : [notSupported(path, value, supported)];
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
];

/** Validates volumes into `errs`; returns the names that volume mounts may refer to. */
function validateVolumes(volumes: Volume[] | undefined, path: string, errs: FieldError[]): Set<string> {
  const names = new Set<string>();
  (volumes ?? []).forEach((v, i) => {
    const p = index(path, i);
    if (!v.name) errs.push(required(child(p, 'name')));
    else {
      isDNS1123Label(v.name).forEach((m) => errs.push(invalid(child(p, 'name'), v.name, m)));
      if (names.has(v.name)) errs.push(duplicate(child(p, 'name'), v.name));
      else names.add(v.name);
    }
    const sources = VOLUME_SOURCES.filter((s) => (v as unknown as Record<string, unknown>)[s] !== undefined);
    if (sources.length === 0) errs.push(required(p, 'must specify a volume type'));
    for (const extra of sources.slice(1)) errs.push(forbiddenField(child(p, extra), 'may not specify more than 1 volume type'));
  });
  return names;
}

export function validateTolerations(tolerations: Toleration[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = index(path, i);
    if (t.key) errs.push(...validateLabelName(t.key, child(p, 'key')));
    if (!t.key && t.operator !== 'Exists')
      errs.push(invalid(child(p, 'operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.push(invalid(child(p, 'effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (!t.operator || t.operator === 'Equal') {
      const msgs = isValidLabelValue(t.value ?? '');
      if (msgs.length) errs.push(invalid(child(p, 'operator'), t.value ?? '', msgs.join(';')));
    } else if (t.operator === 'Exists') {
      if (t.value) errs.push(invalid(child(p, 'operator'), goToleration(t), "value must be empty when `operator` is 'Exists'"));
    } else errs.push(notSupported(child(p, 'operator'), t.operator, ['Equal', 'Exists']));
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect))
      errs.push(notSupported(child(p, 'effect'), t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  });
  return errs;
}

/** The internal core.Toleration as json.Marshal prints it (internal types carry no json tags). */
function goToleration(t: Toleration) {
  return { Key: t.key ?? '', Operator: t.operator ?? '', Value: t.value ?? '', Effect: t.effect ?? '', TolerationSeconds: t.tolerationSeconds ?? null };
}
