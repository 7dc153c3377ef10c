/** NodeName: a pod naming a node in spec.nodeName fits only that node. */
import { unresolvable, type FilterPlugin, type PodInfo, type Status } from '../framework';
import type { NodeInfo } from '../nodeInfo';

export const NODE_NAME = 'NodeName';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

const REJECTED = unresolvable(NODE_NAME, ERR_REASON_NODE_NAME);

export const nodeName: FilterPlugin = {
  name: NODE_NAME,
  skips(p: PodInfo): boolean {
    return !p.pod.spec?.nodeName;
  },
  filter(p: PodInfo, n: NodeInfo): Status | null {
    const wanted = p.pod.spec?.nodeName;
    return !wanted || wanted === n.name ? null : REJECTED;
  },
};
