/**
 * Writes the scheduler's decisions through the API: the binding, and the PodScheduled condition
 * (with nominatedNodeName) of a pod that could not be placed.
 */
import type { PodCondition } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/server';
import type { KubeObject } from '../objects';
import { clone } from '../util/clone';
import { formatRFC3339 } from '../util/time';

/** podutil.UpdatePodCondition: the transition time moves only when the status changes. Returns whether anything changed. */
export function setPodCondition(pod: KubeObject, cond: PodCondition, now: number): boolean {
  const status = (pod.status ??= {});
  const conditions: PodCondition[] = (status.conditions ??= []);
  const i = conditions.findIndex((c) => c.type === cond.type);
  const old = i >= 0 ? conditions[i] : undefined;
  const next: PodCondition = {
    type: cond.type,
    status: cond.status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: old && old.status === cond.status ? old.lastTransitionTime : formatRFC3339(now),
  };
  if (cond.reason) next.reason = cond.reason;
  if (cond.message) next.message = cond.message;
  if (old && old.status === next.status && old.reason === next.reason && old.message === next.message) return false;
  if (i >= 0) conditions[i] = next;
  else conditions.push(next);
  return true;
}

/**
 * DefaultBinder: POST pods/binding. The apiserver sets spec.nodeName (once) and PodScheduled=True
 * in one write, and refuses a pod already bound or being deleted (Conflict).
 */
export function bindPod(api: ApiServer, pod: KubeObject, nodeName: string): KubeObject {
  return api.bind(pod.metadata.namespace ?? 'default', pod.metadata.name, nodeName);
}

/** Records PodScheduled=False (reason Unschedulable) with the FitError message, if it changed. */
export function setUnschedulable(api: ApiServer, pod: KubeObject, message: string, nominatedNodeName?: string): void {
  const updated = clone(pod);
  let changed = setPodCondition(updated, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }, api.now());
  if (nominatedNodeName !== undefined && (updated.status.nominatedNodeName ?? '') !== nominatedNodeName) {
    if (nominatedNodeName) updated.status.nominatedNodeName = nominatedNodeName;
    else delete updated.status.nominatedNodeName;
    changed = true;
  }
  if (changed) api.updateStatus('pods', updated, { fieldManager: 'kube-scheduler' });
}
