/**
 * RollingUpdate without surge (kubernetes `pkg/controller/daemon/update.go` rollingUpdate) and the
 * DaemonSet status (updateDaemonSetStatus). With maxUnavailable N, old pods are deleted on at most
 * N nodes whose daemon pod is available, counting nodes already unavailable; old pods that are not
 * available are always replaced. The manage pass then creates the new pod on the emptied node.
 */
import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import { intOrPercentValue } from '../../api/kinds/workload';
import type { KubeObject } from '../../objects';
import { parseTime } from '../../util/time';
import { podIsAvailable, podIsReady } from '../podUtil';
import { REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL, templateGeneration } from './pods';

/** IsPodUpdated: the revision hash matches, or the deprecated template generation does. */
export function podIsUpdated(pod: KubeObject, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return labels[REVISION_HASH_LABEL] === hash || (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation));
}

/** GetScaledValueFromIntOrPercent, rounding up. */
export function scaledValue(v: number | string | undefined, total: number): number {
  if (typeof v === 'string' && v.endsWith('%')) return Math.ceil((intOrPercentValue(v) * total) / 100);
  return typeof v === 'number' ? v : 0;
}

/** The old pods to delete now (rollingUpdate with maxSurge 0). `nodePods` holds live pods per eligible node. */
export function rollingUpdateDeletions(ds: KubeObject, nodePods: Map<string, KubeObject[]>, desired: number, hash: string, now: number): KubeObject[] {
  const spec = (ds as DaemonSet).spec;
  const maxUnavailable = scaledValue(spec?.updateStrategy?.rollingUpdate?.maxUnavailable as number | string | undefined, desired);
  const minReady = spec?.minReadySeconds ?? 0;
  const generation = templateGeneration(ds);
  let unavailable = 0;
  const replacements: KubeObject[] = [];
  const candidates: KubeObject[] = [];
  for (const node of [...nodePods.keys()].sort()) {
    const pods = nodePods.get(node)!;
    const fresh = pods.filter((p) => podIsUpdated(p, hash, generation));
    const old = pods.filter((p) => !podIsUpdated(p, hash, generation));
    if (fresh.length > 1 || old.length > 1 || (fresh.length === 0) === (old.length === 0)) {
      unavailable++;
    } else if (fresh.length) {
      if (!podIsAvailable(fresh[0], minReady, now)) unavailable++;
    } else if (!podIsAvailable(old[0], minReady, now)) {
      replacements.push(old[0]);
    } else if (unavailable < maxUnavailable) {
      candidates.push(old[0]);
    }
  }
  const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  return [...replacements, ...candidates.slice(0, room)];
}

export interface NodePlacement {
  shouldRun: boolean;
  /** Daemon pods of this DaemonSet targeting the node (bound or pinned), oldest first. */
  pods: KubeObject[];
}

/** updateDaemonSetStatus: the counters over every node, or undefined when unchanged. */
export function daemonSetStatus(ds: KubeObject, placements: NodePlacement[], hash: string, now: number): DaemonSetStatus {
  const minReady = (ds as DaemonSet).spec?.minReadySeconds ?? 0;
  const generation = templateGeneration(ds);
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const p of placements) {
    if (!p.shouldRun) {
      if (p.pods.length) misscheduled++;
      continue;
    }
    desired++;
    if (!p.pods.length) continue;
    current++;
    const pod = p.pods[0];
    if (podIsReady(pod)) {
      ready++;
      if (podIsAvailable(pod, minReady, now)) available++;
    }
    if (podIsUpdated(pod, hash, generation)) updated++;
  }
  const status: DaemonSetStatus = { currentNumberScheduled: current, desiredNumberScheduled: desired, numberMisscheduled: misscheduled, numberReady: ready };
  if (ds.metadata.generation) status.observedGeneration = ds.metadata.generation;
  if (updated) status.updatedNumberScheduled = updated;
  if (available) status.numberAvailable = available;
  if (desired - available) status.numberUnavailable = desired - available;
  if (ds.status?.collisionCount) status.collisionCount = ds.status.collisionCount;
  if (ds.status?.conditions?.length) status.conditions = ds.status.conditions;
  return status;
}

/** Oldest first (podByCreationTimestampAndPhase without the phase refinement). */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = parseTime(a.metadata.creationTimestamp ?? '') ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp ?? '') ?? 0;
  return ta - tb || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
}
