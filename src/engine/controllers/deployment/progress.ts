/**
 * progress.go: the Progressing condition (complete, progressing, timed out) and the requeue that
 * notices a stuck rollout when its progress deadline passes; plus checkPausedConditions.
 */
import type { KubeObject } from '../../objects';
import { deepEqual } from '../../util/clone';
import type { SyncState } from './state';
import { calculateStatus } from './sync';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  progressDeadline,
  REASON,
  removeCondition,
  setCondition,
  updateCondition,
} from './util/conditions';
import { deploymentSpec } from './util/replicas';

/** syncRolloutStatus: status plus the Progressing condition; requeues a rollout that may stall. */
export function syncRolloutStatus(s: SyncState, allRSs: KubeObject[], newRS: KubeObject | undefined): void {
  const d = s.d;
  const now = s.now();
  const next = calculateStatus(s, allRSs, newRS);
  if (!hasProgressDeadline(d)) removeCondition(next, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const isComplete = next.replicas === next.updatedReplicas && current?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !isComplete) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, next)) {
      updateCondition(next, 'Progressing', 'True', REASON.newRSAvailable, `${subject} has successfully progressed.`, now);
    } else if (deploymentProgressing(d, next)) {
      const cond = newCondition('Progressing', 'True', REASON.rsUpdated, `${subject} is progressing.`, now);
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, 'Progressing');
      }
      setCondition(next, cond);
    } else if (deploymentTimedOut(d, next, now)) {
      setCondition(next, newCondition('Progressing', 'False', REASON.timedOut, `${subject} has timed out progressing.`, now));
    }
  }
  const failure = replicaFailure(allRSs);
  if (failure) setCondition(next, failure);
  else removeCondition(next, 'ReplicaFailure');
  if (deepEqual(next, d.status)) {
    requeueStuckDeployment(s, next);
    return;
  }
  s.d.status = next;
}

/** getReplicaFailures: a ReplicaFailure condition of any ReplicaSet (the new one first), copied over. */
function replicaFailure(allRSs: KubeObject[]) {
  for (const rs of allRSs) {
    const c = (rs.status?.conditions ?? []).find((x: { type: string }) => x.type === 'ReplicaFailure');
    if (c) return { type: 'ReplicaFailure', status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  }
  return undefined;
}

/** requeueStuckDeployment: wake up one second after the progress deadline passes. */
function requeueStuckDeployment(s: SyncState, next: ReturnType<typeof calculateStatus>): void {
  const d = s.d;
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, next) || current.reason === REASON.timedOut) return;
  const after = progressDeadline(d, current) - s.now();
  s.requeueAfter(after < 1000 ? 0 : after + 1000);
}

/** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
export function checkPausedConditions(s: SyncState): void {
  const d = s.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(s.status, 'Progressing');
  if (cond?.reason === REASON.timedOut) return;
  const pausedCondExists = cond?.reason === REASON.paused;
  const paused = !!deploymentSpec(d).paused;
  if (paused && !pausedCondExists) {
    setCondition(s.status, newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', s.now()));
  } else if (!paused && pausedCondExists) {
    setCondition(s.status, newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', s.now()));
  }
}
