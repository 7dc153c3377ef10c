/**
 * cleanupDeployment (sync.go): keeps at most revisionHistoryLimit old ReplicaSets, deleting the
 * lowest revisions first, and only those scaled to zero whose status has caught up.
 */
import type { KubeObject } from '../../objects';
import type { SyncState } from './state';
import { revisionOf } from './util/annotations';
import { byCreation, deploymentSpec, rsReplicas } from './util/replicas';

export function cleanupDeployment(s: SyncState, oldRSs: KubeObject[]): void {
  const limit = deploymentSpec(s.d).revisionHistoryLimit;
  if (limit === undefined || limit === null) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort((a, b) => (revisionOf(a) ?? 0) - (revisionOf(b) ?? 0) || byCreation(a, b));
  for (const rs of cleanable.slice(0, diff)) {
    const status = rs.status ?? {};
    if ((status.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) continue;
    s.deleteRS(rs);
  }
}
