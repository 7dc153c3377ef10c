/**
 * recreate.go: scale every old ReplicaSet to zero, wait until no old pod is left (terminating pods
 * count until they are gone), then create or scale the new ReplicaSet straight to spec.replicas.
 */
import type { KubeObject } from '../../objects';
import { cleanupDeployment } from './cleanup';
import { syncRolloutStatus } from './progress';
import type { SyncState } from './state';
import { getAllReplicaSetsAndSyncRevision } from './sync';
import { deploymentComplete } from './util/conditions';
import { activeReplicaSets, actualReplicaSum, desiredReplicas, rsReplicas } from './util/replicas';

export function rolloutRecreate(s: SyncState): void {
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  let allRSs = [...oldRSs, ...(newRS ? [newRS] : [])];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if (rsReplicas(rs) === 0) continue;
    s.scaleAndRecord(rs, 0);
    scaledDown = true;
  }
  if (scaledDown || oldPodsRunning(s, newRS, oldRSs)) {
    syncRolloutStatus(s, allRSs, newRS);
    return;
  }
  if (!newRS) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, true));
    if (!newRS) return; // hash collision
    allRSs = [...oldRSs, newRS];
  }
  s.scaleAndRecord(newRS, desiredReplicas(s.d));
  if (deploymentComplete(s.d, s.status)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, allRSs, newRS);
}

/** oldPodsRunning: old ReplicaSets still report pods, or a non-terminal pod of theirs exists. */
function oldPodsRunning(s: SyncState, newRS: KubeObject | undefined, oldRSs: KubeObject[]): boolean {
  if (actualReplicaSum(oldRSs) > 0) return true;
  for (const [uid, pods] of s.podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
