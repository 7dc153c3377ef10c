/**
 * PodSpec and PodTemplateSpec validation after core validation's `ValidatePodSpec` and
 * `ValidatePodTemplateSpec`. Runs on defaulted objects, so `Required value` for a defaulted field
 * (restartPolicy, dnsPolicy, terminationGracePeriodSeconds) only shows when a client clears it.
 */
import type { PodSpec, PodTemplateSpec, Toleration, Volume } from 'kubernetes-types/core/v1';
import { duplicate, forbiddenField, invalid, notSupported, required, type FieldError } from '../fieldErrors';
import { child, index } from './common';
import { hasVolume, validateContainers, validateInitContainers } from './containers';
import { inclusiveRangeError, isDNS1123Label, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from './names';
import { validateAnnotations, validateLabels } from './objectMeta';

const MAX_INT32 = 2147483647;

export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(template?.metadata?.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(template?.metadata?.annotations, child(path, 'annotations')));
  errs.push(...validatePodSpec(template?.spec ?? ({} as PodSpec), child(path, 'spec')));
  return errs;
}

export function validatePodSpec(spec: PodSpec, path: string): FieldError[] {
  // Every pod create runs this: paths are built only for an error, lists pushed element-wise.
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined) errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  const grace = spec.terminationGracePeriodSeconds;
  validateVolumes(spec.volumes, path, errs);
  pushAll(errs, validateContainers(spec.containers, spec.volumes, grace, child(path, 'containers')));
  pushAll(errs, validateInitContainers(spec.initContainers, spec.containers, spec.volumes, grace, child(path, 'initContainers')));
  oneOf(errs, spec.restartPolicy, RESTART_POLICIES, path, 'restartPolicy');
  oneOf(errs, spec.dnsPolicy, DNS_POLICIES, path, 'dnsPolicy');
  if (spec.nodeSelector != null) pushAll(errs, validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  if (spec.serviceAccountName) subdomainErrors(errs, spec.serviceAccountName, path, 'serviceAccountName');
  if (spec.nodeName) subdomainErrors(errs, spec.nodeName, path, 'nodeName');
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) errs.push(invalid(child(path, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  if (spec.hostname) labelErrors(errs, spec.hostname, path, 'hostname');
  if (spec.subdomain) labelErrors(errs, spec.subdomain, path, 'subdomain');
  if (spec.tolerations != null) pushAll(errs, validateTolerations(spec.tolerations, child(path, 'tolerations')));
  if (spec.priorityClassName) subdomainErrors(errs, spec.priorityClassName, path, 'priorityClassName');
  if (spec.preemptionPolicy !== undefined) oneOf(errs, spec.preemptionPolicy, PREEMPTION_POLICIES, path, 'preemptionPolicy');
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['Never', 'PreemptLowerPriority'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TOLERATION_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function pushAll(errs: FieldError[], more: FieldError[]): void {
  for (let i = 0; i < more.length; i++) errs.push(more[i]);
}

/** One `Invalid value` at `path.field` per message (by index: no iterator per check). */
function pushInvalid(errs: FieldError[], messages: readonly string[], path: string, field: string, value: string): void {
  for (let i = 0; i < messages.length; i++) errs.push(invalid(child(path, field), value, messages[i]));
}

/** A field with a closed set of values: `Required value` when empty, `Unsupported value` otherwise. */
function oneOf(errs: FieldError[], value: string | undefined, supported: string[], path: string, field: string): void {
  if (!value) errs.push(required(child(path, field)));
  else if (!supported.includes(value)) errs.push(notSupported(child(path, field), value, supported));
}

/** `path.field` must be a DNS-1123 subdomain. */
function subdomainErrors(errs: FieldError[], value: string, path: string, field: string): void {
  pushInvalid(errs, nameIsDNSSubdomain(value, false), path, field, value);
}

/** `path.field` must be a DNS-1123 label. */
function labelErrors(errs: FieldError[], value: string, path: string, field: string): void {
  pushInvalid(errs, isDNS1123Label(value), path, field, value);
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
];

/**
 * Validates the volumes of the spec at `specPath` into `errs`. Volume mounts find their volume
 * with `hasVolume`: a pod has a few volumes, so a search beats a Set per validated pod.
 */
function validateVolumes(volumes: Volume[] | undefined, specPath: string, errs: FieldError[]): void {
  if (!volumes) return;
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i];
    if (!v.name) errs.push(required(child(volumePath(specPath, i), 'name')));
    else {
      const messages = isDNS1123Label(v.name);
      if (messages.length) pushInvalid(errs, messages, volumePath(specPath, i), 'name', v.name);
      if (hasVolume(volumes, v.name, i)) errs.push(duplicate(child(volumePath(specPath, i), 'name'), v.name));
    }
    validateVolumeSource(v, specPath, i, errs);
  }
}

const VOLUME_SOURCE_NAMES = new Set(VOLUME_SOURCES);

/**
 * Exactly one volume source. Counted over the volume's own keys (a name and its source, as a
 * rule) rather than by looking each of the 30 sources up; more than one is reported in the order
 * of VOLUME_SOURCES.
 */
function validateVolumeSource(v: Volume, specPath: string, i: number, errs: FieldError[]): void {
  const fields = v as unknown as Record<string, unknown>;
  let sources = 0;
  for (const k in fields) if (fields[k] !== undefined && VOLUME_SOURCE_NAMES.has(k)) sources++;
  if (sources === 0) errs.push(required(volumePath(specPath, i), 'must specify a volume type'));
  else if (sources > 1) {
    let seen = 0;
    for (const s of VOLUME_SOURCES) {
      if (fields[s] !== undefined && ++seen > 1) errs.push(forbiddenField(child(volumePath(specPath, i), s), 'may not specify more than 1 volume type'));
    }
  }
}

function volumePath(specPath: string, i: number): string {
  return index(child(specPath, 'volumes'), i);
}

export function validateTolerations(tolerations: Toleration[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!tolerations) return errs;
  for (let i = 0; i < tolerations.length; i++) {
    const t = tolerations[i];
    if (t.key) {
      // validateLabelName, with the path built only for an error (every pod has tolerations).
      const messages = isQualifiedName(t.key);
      if (messages.length) pushInvalid(errs, messages, index(path, i), 'key', t.key);
    }
    if (!t.key && t.operator !== 'Exists')
      errs.push(invalid(child(index(path, i), 'operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.push(invalid(child(index(path, i), 'effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (!t.operator || t.operator === 'Equal') {
      const msgs = isValidLabelValue(t.value ?? '');
      if (msgs.length) errs.push(invalid(child(index(path, i), 'operator'), t.value ?? '', msgs.join(';')));
    } else if (t.operator === 'Exists') {
      if (t.value) errs.push(invalid(child(index(path, i), 'operator'), goToleration(t), "value must be empty when `operator` is 'Exists'"));
    } else errs.push(notSupported(child(index(path, i), 'operator'), t.operator, TOLERATION_OPERATORS));
    if (t.effect && !TOLERATION_EFFECTS.includes(t.effect)) errs.push(notSupported(child(index(path, i), 'effect'), t.effect, TOLERATION_EFFECTS));
  }
  return errs;
}

/** The internal core.Toleration as json.Marshal prints it (internal types carry no json tags). */
function goToleration(t: Toleration) {
  return { Key: t.key ?? '', Operator: t.operator ?? '', Value: t.value ?? '', Effect: t.effect ?? '', TolerationSeconds: t.tolerationSeconds ?? null };
}
