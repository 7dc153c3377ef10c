/**
 * The mutating admission plugins a real kube-apiserver runs on pod CREATE, in its order:
 * ServiceAccount (default account, the `kube-api-access-xxxxx` projected token volume mounted
 * into every container), Priority (priority 0 / PreemptLowerPriority without a class) and
 * DefaultTolerationSeconds (the two 300 s NoExecute tolerations). Errors are the plugins' own
 * Forbidden messages.
 */
import type { Container, Pod, PodSpec, ProjectedVolumeSource, Toleration, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../objects';
import { NAME_SUFFIX_ALPHABET } from '../../sim/random';
import type { AdmissionContext } from '../admission';
import { forbidden } from '../errors';
import { deepFreeze } from '../../util/clone';

export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export function admitPod(pod: KubeObject, ctx: AdmissionContext): void {
  serviceAccountAdmission(pod, ctx);
  priorityAdmission(pod);
  defaultTolerationSeconds(pod.spec as PodSpec);
}

function serviceAccountAdmission(pod: KubeObject, ctx: AdmissionContext): void {
  if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
  const spec = pod.spec as PodSpec;
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const ns = pod.metadata.namespace!;
  const sa = ctx.store.get('serviceaccounts', ns, spec.serviceAccountName);
  if (!sa)
    throw forbidden('pods', pod.metadata.name, `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`);
  const automount = spec.automountServiceAccountToken ?? (sa.automountServiceAccountToken as boolean | undefined) ?? true;
  if (automount) mountServiceAccountToken(spec, ctx);
  const pullSecrets = (sa.imagePullSecrets as { name: string }[] | undefined) ?? [];
  if (!spec.imagePullSecrets?.length && pullSecrets.length) spec.imagePullSecrets = pullSecrets.map((s) => ({ name: s.name }));
}

function mountServiceAccountToken(spec: PodSpec, ctx: AdmissionContext): void {
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  const volumeName = existing?.name ?? SERVICE_ACCOUNT_VOLUME_PREFIX + ctx.random.string(5, NAME_SUFFIX_ALPHABET);
  // Init containers first, then the others (both always: no short cut).
  const neededByInit = mountTokenInto(spec.initContainers, volumeName);
  const needed = mountTokenInto(spec.containers, volumeName) || neededByInit;
  if (!existing && needed) (spec.volumes ??= []).push(tokenVolume(volumeName));
}

/** Mounts the token volume into each container that has nothing at its path; whether any needed it. */
function mountTokenInto(containers: Container[] | undefined, volumeName: string): boolean {
  let needed = false;
  for (const c of containers ?? []) {
    if (mountsAt(c.volumeMounts, SERVICE_ACCOUNT_MOUNT_PATH)) continue;
    (c.volumeMounts ??= []).push({ mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name: volumeName, readOnly: true });
    needed = true;
  }
  return needed;
}

function mountsAt(mounts: VolumeMount[] | undefined, path: string): boolean {
  for (const m of mounts ?? []) if (m.mountPath === path) return true;
  return false;
}

/**
 * The token volume's projection, the same for every pod: all pods share this one (stored objects
 * are never changed) instead of each keeping its own copy of a dozen objects.
 */
const TOKEN_PROJECTION: ProjectedVolumeSource = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
    { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
  ],
});

function tokenVolume(name: string): Volume {
  return { name, projected: TOKEN_PROJECTION };
}

const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 };

function priorityAdmission(pod: KubeObject): void {
  const spec = pod.spec as NonNullable<Pod['spec']>;
  let priority = 0;
  if (spec.priorityClassName) {
    const p = SYSTEM_PRIORITY_CLASSES[spec.priorityClassName];
    if (p === undefined) throw forbidden('pods', pod.metadata.name, `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = p;
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority)
    throw forbidden(
      'pods',
      pod.metadata.name,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  spec.priority = priority;
  const policy = 'PreemptLowerPriority';
  if (spec.preemptionPolicy && spec.preemptionPolicy !== policy)
    throw forbidden(
      'pods',
      pod.metadata.name,
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    );
  spec.preemptionPolicy = policy;
}

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

function defaultTolerationSeconds(spec: PodSpec): void {
  const tolerates = (key: string) =>
    (spec.tolerations ?? []).some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const add: Toleration[] = [];
  if (!tolerates(NOT_READY_TAINT)) add.push({ effect: 'NoExecute', key: NOT_READY_TAINT, operator: 'Exists', tolerationSeconds: 300 });
  if (!tolerates(UNREACHABLE_TAINT)) add.push({ effect: 'NoExecute', key: UNREACHABLE_TAINT, operator: 'Exists', tolerationSeconds: 300 });
  if (add.length) spec.tolerations = [...(spec.tolerations ?? []), ...add];
}
