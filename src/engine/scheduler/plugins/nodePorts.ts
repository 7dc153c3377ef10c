/** NodePorts: a pod's hostPorts must be free on the node (0.0.0.0 clashes with every host IP). */
import { unschedulable, type FilterPlugin, type PodInfo, type Status } from '../framework';
import type { NodeInfo } from '../nodeInfo';

export const NODE_PORTS = 'NodePorts';
export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

// Unschedulable (not Unresolvable): evicting the pod holding the port could help.
const REJECTED = unschedulable(NODE_PORTS, ERR_REASON_PORTS);

export const nodePorts: FilterPlugin = {
  name: NODE_PORTS,
  skips(p: PodInfo): boolean {
    return p.hostPorts.length === 0;
  },
  filter(p: PodInfo, n: NodeInfo): Status | null {
    if (p.hostPorts.length === 0 || n.usedPorts.size === 0) return null;
    for (const hp of p.hostPorts) if (n.portInUse(hp)) return REJECTED;
    return null;
  },
};
