/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate
 * `node.kubernetes.io/unschedulable:NoSchedule`.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { tolerationsTolerate, unresolvable, type FilterPlugin, type PodInfo, type Status } from '../framework';
import type { NodeInfo } from '../nodeInfo';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const REJECTED = unresolvable(NODE_UNSCHEDULABLE, ERR_REASON_UNSCHEDULABLE);

export function podToleratesUnschedulable(p: PodInfo): boolean {
  return tolerationsTolerate(p.tolerations, UNSCHEDULABLE_TAINT);
}

export const nodeUnschedulable: FilterPlugin = {
  name: NODE_UNSCHEDULABLE,
  filter(p: PodInfo, n: NodeInfo): Status | null {
    if (!n.unschedulable || podToleratesUnschedulable(p)) return null;
    return REJECTED;
  },
};
