/**
 * Queueing hints (EventsToRegister + QueueingHintFn of each plugin): which cluster events may make
 * a parked pod schedulable, judged by the plugins that rejected it. An event no rejecting plugin
 * cares about leaves the pod parked (until the 5-minute flush), so a pending pod is not retried on
 * every unrelated change, as in a real cluster.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { PodInfo } from './framework';
import { NodeInfo, type PodEntry } from './nodeInfo';
import { NODE_AFFINITY, requiredAffinityMatches } from './plugins/nodeAffinity';
import { NODE_NAME } from './plugins/nodeName';
import { NODE_PORTS } from './plugins/nodePorts';
import { insufficientResources, NODE_RESOURCES_FIT } from './plugins/nodeResourcesFit';
import { NODE_UNSCHEDULABLE, podToleratesUnschedulable } from './plugins/nodeUnschedulable';
import { firstUntoleratedTaint, TAINT_TOLERATION } from './plugins/taintToleration';

export type ClusterEvent =
  | { kind: 'NodeAdd'; node: NodeInfo }
  | { kind: 'NodeUpdate'; old: NodeInfo; node: NodeInfo }
  | { kind: 'AssignedPodDelete'; entry: PodEntry }
  | { kind: 'AssignedPodScaleDown'; old: PodEntry; entry: PodEntry };

/** A bare NodeInfo for a Node object: allocatable and labels, no pods. */
export function nodeInfoOf(node: Node): NodeInfo {
  const n = new NodeInfo(node.metadata!.name!);
  n.setNode(node);
  return n;
}

function resourcesGrew(p: PodInfo, old: NodeInfo, n: NodeInfo): boolean {
  if (n.allowedPods > old.allowedPods) return true;
  const r = p.requests;
  if (r.cpu > 0 && n.allocatable.cpu > old.allocatable.cpu) return true;
  if (r.memory > 0 && n.allocatable.memory > old.allocatable.memory) return true;
  if (r.ephemeral > 0 && n.allocatable.ephemeral > old.allocatable.ephemeral) return true;
  for (const k in r.scalar ?? {}) if (r.scalar![k] > 0 && (n.allocatable.scalar?.[k] ?? 0) > (old.allocatable.scalar?.[k] ?? 0)) return true;
  return false;
}

function fitsEmpty(p: PodInfo, n: NodeInfo): boolean {
  const empty = new NodeInfo(n.name);
  empty.allocatable = n.allocatable;
  empty.allowedPods = n.allowedPods;
  return insufficientResources(p, empty).length === 0;
}

function shrank(p: PodInfo, old: PodEntry, now: PodEntry): boolean {
  const r = p.requests;
  if (r.cpu > 0 && now.requests.cpu < old.requests.cpu) return true;
  if (r.memory > 0 && now.requests.memory < old.requests.memory) return true;
  if (r.ephemeral > 0 && now.requests.ephemeral < old.requests.ephemeral) return true;
  for (const k in r.scalar ?? {}) if ((now.requests.scalar?.[k] ?? 0) < (old.requests.scalar?.[k] ?? 0)) return true;
  return false;
}

function pluginHint(plugin: string, p: PodInfo, ev: ClusterEvent): boolean {
  const old = ev.kind === 'NodeUpdate' ? ev.old : undefined;
  switch (plugin) {
    case NODE_UNSCHEDULABLE:
      if (ev.kind === 'NodeAdd') return !ev.node.unschedulable || podToleratesUnschedulable(p);
      return ev.kind === 'NodeUpdate' && old!.unschedulable && !ev.node.unschedulable;
    case NODE_NAME:
      return ev.kind === 'NodeAdd';
    case TAINT_TOLERATION:
      if (ev.kind !== 'NodeAdd' && ev.kind !== 'NodeUpdate') return false;
      return (!old || !!firstUntoleratedTaint(old.hardTaints, p.tolerations)) && !firstUntoleratedTaint(ev.node.hardTaints, p.tolerations);
    case NODE_AFFINITY:
      if (ev.kind !== 'NodeAdd' && ev.kind !== 'NodeUpdate') return false;
      return requiredAffinityMatches(p, ev.node) && (!old || !requiredAffinityMatches(p, old));
    case NODE_PORTS:
      return ev.kind === 'NodeAdd' || (ev.kind === 'AssignedPodDelete' && ev.entry.hostPorts.length > 0);
    case NODE_RESOURCES_FIT:
      if (ev.kind === 'AssignedPodDelete') return true;
      if (ev.kind === 'AssignedPodScaleDown') return shrank(p, ev.old, ev.entry);
      if (!fitsEmpty(p, ev.node)) return false;
      return ev.kind === 'NodeAdd' || resourcesGrew(p, old!, ev.node);
    default:
      // Plugins without hints (and PreFilter narrowing): any event may help.
      return true;
  }
}

/** Whether the event may make the pod, rejected by `plugins`, schedulable. */
export function eventMayHelp(plugins: string[], p: PodInfo, ev: ClusterEvent): boolean {
  if (plugins.length === 0) return true;
  return plugins.some((pl) => pluginHint(pl, p, ev));
}
