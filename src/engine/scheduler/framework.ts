/**
 * The scheduling framework's shapes, cut down to what the default profile needs: filter and
 * score plugins named after kube-scheduler's, a per-cycle view of the pod (`PodInfo`, computed once
 * like the framework's PreFilter/PreScore state) and a `Status` carrying the reasons that end up in
 * the FailedScheduling message.
 */
import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { hostPortsOf, type NodeInfo } from './nodeInfo';
import { podRequests, type Resources } from './resources';

export const SCHEDULER_NAME = 'default-scheduler';
export const MAX_NODE_SCORE = 100;

export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Status {
  code: Code;
  /** Each reason is counted once per node in the FitError message. */
  reasons: string[];
  plugin: string;
}

export function unschedulable(plugin: string, ...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons, plugin };
}

export function unresolvable(plugin: string, ...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons, plugin };
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** What the plugins need to know about the pod being scheduled, computed once per cycle. */
export interface PodInfo {
  pod: Pod;
  namespace: string;
  name: string;
  priority: number;
  /** Requests as the fit filter counts them. */
  requests: Resources;
  /** Requests with the 100m / 200Mi defaults, for LeastAllocated. */
  nonZeroRequests: Resources;
  tolerations: Toleration[];
  hostPorts: HostPort[];
  /** Filled in by plugins' preFilter/preScore: keyed by plugin name. */
  state: Record<string, unknown>;
}

export function podInfoOf(pod: Pod): PodInfo {
  const hostPorts = hostPortsOf(pod);
  return {
    pod,
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    priority: pod.spec?.priority ?? 0,
    requests: podRequests(pod),
    nonZeroRequests: podRequests(pod, true),
    tolerations: pod.spec?.tolerations ?? [],
    hostPorts,
    state: {},
  };
}

/** A PreFilter may narrow the nodes to consider (NodeAffinity with matchFields metadata.name). */
export interface PreFilterResult {
  /** undefined: all nodes. */
  nodeNames?: Set<string>;
  /** The whole pod is unschedulable (a PreFilter rejection). */
  status?: Status;
}

export interface FilterPlugin {
  readonly name: string;
  preFilter?(p: PodInfo): PreFilterResult | undefined;
  /**
   * True when `filter` passes every node for this pod (the framework's PreFilter Skip): the cycle
   * then leaves the plugin out of the per-node loop. Only an answer that cannot change the result.
   */
  skips?(p: PodInfo): boolean;
  /** null when the node passes. */
  filter(p: PodInfo, n: NodeInfo): Status | null;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** Returns false to skip this plugin for the pod (the framework's Skip status). */
  preScore?(p: PodInfo, nodes: NodeInfo[], all: readonly NodeInfo[]): boolean;
  score(p: PodInfo, n: NodeInfo): number;
  /** NormalizeScore, in place; `nodes[i]` is the node of `scores[i]`. */
  normalize?(p: PodInfo, scores: Float64Array, nodes: NodeInfo[]): void;
}

/** v1helper.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator) {
    case 'Exists':
      return true;
    case undefined:
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export function tolerationsTolerate(ts: Toleration[], taint: Taint): boolean {
  for (const t of ts) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** helper.DefaultNormalizeScore: scale to 0..100 by the maximum, optionally reversed. */
export function defaultNormalizeScore(scores: Float64Array, reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
