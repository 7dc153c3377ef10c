/**
 * Node taint helpers shared by the node lifecycle, taint eviction and DaemonSet controllers:
 * the well-known taint keys, the condition → taint map of TaintNodesByCondition, taint/toleration
 * matching (`v1helper.GetMatchingTolerations`) and the node's zone key.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../objects';
import { parseTime } from '../util/time';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** nodeConditionToTaintKeyStatusMap. */
export const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};

/** Keys of taints the node controller manages from conditions (taintKeyToNodeConditionMap). */
export const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

export function nodeTaints(node: KubeObject): Taint[] {
  return (node.spec?.taints as Taint[] | undefined) ?? [];
}

export function nodeCondition(node: KubeObject, type: string): { type: string; status: string; [k: string]: unknown } | undefined {
  return (node.status?.conditions as any[] | undefined)?.find((c) => c.type === type);
}

export function nodeIsReady(node: KubeObject): boolean {
  return nodeCondition(node, 'Ready')?.status === 'True';
}

/** Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** GetMatchingTolerations: whether every taint is tolerated, and the first toleration matching each. */
export function matchingTolerations(taints: readonly Taint[], tolerations: Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** The first taint (optionally of some effects) that no toleration tolerates. */
export function firstUntolerated(taints: Taint[], tolerations: Toleration[], effects?: string[]): Taint | undefined {
  return taints.find((taint) => (!effects || effects.includes(taint.effect)) && !tolerations.some((t) => toleratesTaint(t, taint)));
}

export function taintTime(t: Taint): number | undefined {
  const ms = t.timeAdded ? parseTime(t.timeAdded) : null;
  return ms ?? undefined;
}

/** topology.GetZoneKey: region and zone labels joined, "" when the node has neither. */
export function zoneKey(node: KubeObject): string {
  const l = node.metadata.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}
