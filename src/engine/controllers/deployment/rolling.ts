/**
 * rolling.go: one step of a RollingUpdate per sync — scale the new ReplicaSet up within maxSurge,
 * or else scale old ones down within maxUnavailable (unhealthy replicas first), or else clean up.
 */
import type { KubeObject } from '../../objects';
import { cleanupDeployment } from './cleanup';
import { syncRolloutStatus } from './progress';
import type { SyncState } from './state';
import { getAllReplicaSetsAndSyncRevision } from './sync';
import { deploymentComplete } from './util/conditions';
import {
  activeReplicaSets,
  availableReplicaSum,
  byCreation,
  desiredReplicas,
  maxUnavailable,
  newRSNewReplicas,
  rsReplicas,
  rsStatus,
  specReplicaSum,
} from './util/replicas';

export function rolloutRolling(s: SyncState): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, true);
  if (!newRS) return; // hash collision: the status carries the new collisionCount
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(s, allRSs, newRS) || reconcileOldReplicaSets(s, allRSs, activeReplicaSets(oldRSs), newRS)) {
    syncRolloutStatus(s, allRSs, newRS);
    return;
  }
  if (deploymentComplete(s.d, s.status)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, allRSs, newRS);
}

function reconcileNewReplicaSet(s: SyncState, allRSs: KubeObject[], newRS: KubeObject): boolean {
  const want = desiredReplicas(s.d);
  if (rsReplicas(newRS) === want) return false;
  if (rsReplicas(newRS) > want) return s.scaleAndRecord(newRS, want);
  return s.scaleAndRecord(newRS, newRSNewReplicas(s.d, allRSs, newRS));
}

function reconcileOldReplicaSets(s: SyncState, allRSs: KubeObject[], oldRSs: KubeObject[], newRS: KubeObject): boolean {
  if (specReplicaSum(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const newUnavailable = rsReplicas(newRS) - (rsStatus(newRS).availableReplicas ?? 0);
  const maxScaledDown = specReplicaSum(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, [...oldRSs, newRS], oldRSs);
  return cleaned + scaledDown > 0;
}

/** Scales old ReplicaSets down by their unavailable replicas, oldest first. */
function cleanupUnhealthyReplicas(s: SyncState, oldRSs: KubeObject[], maxCleanup: number): number {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const replicas = rsReplicas(rs);
    const available = rsStatus(rs).availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanup - total, replicas - available);
    s.scaleAndRecord(rs, replicas - count);
    total += count;
  }
  return total;
}

/** Scales old ReplicaSets down, oldest first, as far as availability above minAvailable allows. */
function scaleDownOldReplicaSetsForRollingUpdate(s: SyncState, allRSs: KubeObject[], oldRSs: KubeObject[]): number {
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const available = availableReplicaSum(allRSs);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (rsReplicas(rs) === 0) continue;
    const count = Math.min(rsReplicas(rs), target - total);
    s.scaleAndRecord(rs, rsReplicas(rs) - count);
    total += count;
  }
  return total;
}
