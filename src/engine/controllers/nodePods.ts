/** Pod writes the node controllers share: MarkPodsNotReady for one pod (`controller/util/node`). */
import type { KubeObject } from '../objects';
import { formatRFC3339 } from '../util/time';
import type { Change } from './manager';

/** Index of pods by spec.nodeName (getPodsAssignedToNode). */
export const PODS_BY_NODE_INDEX = 'spec.nodeName';

export function podsByNodeIndexValues(pod: KubeObject): readonly string[] {
  return pod.spec?.nodeName ? [pod.spec.nodeName] : NO_NODE;
}

const NO_NODE: readonly string[] = [];

/**
 * Ready=False on a pod whose node is not ready (the rest of the condition kept, lastTransitionTime
 * moved only when the status changes), then the Warning `NodeNotReady` `Node is not ready` event —
 * only when the condition changed, as UpdatePodCondition reports.
 */
export function markPodNotReady(pod: KubeObject, now: number): Change[] {
  const conditions: any[] = pod.status?.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === 'Ready');
  if (i < 0 || conditions[i].status === 'False') return [];
  const next = conditions.map((c, j) => (j === i ? { ...c, status: 'False', lastTransitionTime: formatRFC3339(now) } : c));
  return [
    { op: 'updateStatus', resource: 'pods', object: { ...pod, metadata: { ...pod.metadata, resourceVersion: undefined }, status: { ...pod.status, conditions: next } } },
    { op: 'event', object: pod, type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready' },
  ];
}
