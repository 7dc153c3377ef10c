/**
 * What a DaemonSet's pod looks like and where it belongs (kubernetes `pkg/controller/daemon/util`
 * and `NodeShouldRunDaemonPod`): the template with the daemon tolerations, the
 * `controller-revision-hash` and `pod-template-generation` labels, and a required node affinity
 * `matchFields metadata.name In [<node>]` that the default scheduler binds.
 */
import type { Affinity, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../objects';
import { termMatches } from '../../scheduler/plugins/nodeAffinity';
import { clone } from '../../util/clone';
import { newControllerRef } from '../podUtil';
import {
  firstUntolerated,
  nodeTaints,
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
} from '../nodeTaints';

export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** AddOrUpdateTolerationInPodSpec: a toleration equal to an existing one is not added twice. */
function addToleration(spec: PodSpec, t: Toleration): void {
  const list = (spec.tolerations ??= []);
  const i = list.findIndex((x) => x.key === t.key && x.effect === t.effect && (x.operator ?? 'Equal') === t.operator && (x.value ?? '') === '');
  if (i >= 0) list[i] = t;
  else list.push(t);
}

/** AddOrUpdateDaemonPodTolerations. */
export function addDaemonTolerations(spec: PodSpec): void {
  addToleration(spec, { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' });
  addToleration(spec, { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' });
  addToleration(spec, { key: TAINT_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addToleration(spec, { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addToleration(spec, { key: TAINT_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addToleration(spec, { key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork) addToleration(spec, { key: TAINT_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity. */
export function pinToNode(affinity: Affinity | undefined, node: string): Affinity {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] };
  const a = affinity ? clone(affinity) : {};
  a.nodeAffinity = { ...(a.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: required };
  return a;
}

/** The template generation: the apiserver's deprecated annotation, else metadata.generation. */
export function templateGeneration(ds: KubeObject): number | undefined {
  const a = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (a !== undefined && /^\d+$/.test(a)) return Number(a);
  return ds.metadata.generation;
}

/** CreatePodTemplate + GetPodFromTemplate + the node affinity: the pod to create on `node` (no nodeName). */
export function newDaemonPod(ds: KubeObject, node: string, hash: string): KubeObject {
  const template = clone((ds as DaemonSet).spec?.template ?? {});
  const spec = (template.spec ?? {}) as PodSpec;
  addDaemonTolerations(spec);
  spec.affinity = pinToNode(spec.affinity, node);
  const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
  const generation = templateGeneration(ds);
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(generation);
  labels[REVISION_HASH_LABEL] = hash;
  const metadata: KubeObject['metadata'] = { generateName: `${ds.metadata.name}-`, namespace: ds.metadata.namespace, labels } as KubeObject['metadata'];
  if (template.metadata?.annotations) metadata.annotations = template.metadata.annotations;
  if (template.metadata?.finalizers) metadata.finalizers = template.metadata.finalizers;
  metadata.ownerReferences = [newControllerRef(ds)];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** NodeShouldRunDaemonPod: whether a pod should be created there, and whether one may keep running. */
export function nodeShouldRunDaemonPod(node: KubeObject, ds: KubeObject): { shouldRun: boolean; shouldContinue: boolean } {
  const template = (ds as DaemonSet).spec?.template;
  const spec = clone(template?.spec ?? {}) as PodSpec;
  addDaemonTolerations(spec);
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinue: false };
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return { shouldRun: false, shouldContinue: false };
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t) => termMatches(t, labels, node.metadata.name))) return { shouldRun: false, shouldContinue: false };
  const tolerations = spec.tolerations ?? [];
  const taints = nodeTaints(node);
  if (!firstUntolerated(taints, tolerations, ['NoSchedule', 'NoExecute'])) return { shouldRun: true, shouldContinue: true };
  return { shouldRun: false, shouldContinue: !firstUntolerated(taints, tolerations, ['NoExecute']) };
}

/** GetTargetNodeName: spec.nodeName, else the node pinned by the `metadata.name In` match field. */
export function targetNodeName(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = (pod.spec as PodSpec | undefined)?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  return undefined;
}
