/**
 * Deployment conditions with the reasons and messages of deployment_util.go, and the progress
 * predicates progress.go relies on (complete, progressing, timed out).
 */
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../objects';
import { formatRFC3339 } from '../../../util/time';
import { timestampMs } from '../../podUtil';
import { deploymentSpec, desiredReplicas } from './replicas';

export const REASON = {
  /** Progressing: a new ReplicaSet was created. */
  newRS: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  failedRSCreate: 'ReplicaSetCreateError',
  minimumAvailable: 'MinimumReplicasAvailable',
  minimumUnavailable: 'MinimumReplicasUnavailable',
} as const;

const MAX_INT32 = 2147483647;

export function newCondition(type: string, status: string, reason: string, message: string, now: number): DeploymentCondition {
  const t = formatRFC3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

// Loops rather than find/filter with a closure over `type`: these run several times per sync.

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  const conditions = status?.conditions;
  if (conditions) for (const c of conditions) if (c.type === type) return c;
  return undefined;
}

/** SetDeploymentCondition: same status and reason ⇒ no change; same status keeps lastTransitionTime. */
export function setCondition(status: DeploymentStatus, cond: DeploymentCondition): void {
  const current = getCondition(status, cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return;
  if (current && current.status === cond.status) cond.lastTransitionTime = current.lastTransitionTime;
  const next = withoutType(status.conditions, cond.type);
  next.push(cond);
  status.conditions = next;
}

/**
 * setCondition(status, newCondition(...)), the condition built only when it changes something:
 * most syncs find it as it was (same status and reason), which setCondition leaves alone.
 */
export function updateCondition(status: DeploymentStatus, type: string, condStatus: string, reason: string, message: string, now: number): void {
  const current = getCondition(status, type);
  if (current && current.status === condStatus && current.reason === reason) return;
  setCondition(status, newCondition(type, condStatus, reason, message, now));
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  // Nothing of that type: the list is kept as it is (a copy of it would be equal).
  if (!getCondition(status, type)) {
    if (status.conditions?.length === 0) delete status.conditions;
    return;
  }
  const kept = withoutType(status.conditions, type);
  if (kept.length) status.conditions = kept;
  else delete status.conditions;
}

/** A new list of the conditions not of `type`. */
function withoutType(conditions: DeploymentCondition[] | undefined, type: string): DeploymentCondition[] {
  const out: DeploymentCondition[] = [];
  if (conditions) for (const c of conditions) if (c.type !== type) out.push(c);
  return out;
}

export function hasProgressDeadline(d: KubeObject): boolean {
  const s = deploymentSpec(d).progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== MAX_INT32;
}

/** DeploymentComplete. */
export function deploymentComplete(d: KubeObject, s: DeploymentStatus): boolean {
  const want = desiredReplicas(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than before. */
export function deploymentProgressing(d: KubeObject, s: DeploymentStatus): boolean {
  const old: DeploymentStatus = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** The instant the Progressing condition runs out: lastUpdateTime + progressDeadlineSeconds. */
export function progressDeadline(d: KubeObject, cond: DeploymentCondition): number {
  return (timestampMs(cond.lastUpdateTime) ?? 0) + (deploymentSpec(d).progressDeadlineSeconds ?? 0) * 1000;
}

/** DeploymentTimedOut: no progress reported for longer than progressDeadlineSeconds. */
export function deploymentTimedOut(d: KubeObject, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(s, 'Progressing');
  if (!cond || cond.reason === REASON.newRSAvailable) return false;
  if (cond.reason === REASON.timedOut) return true;
  return progressDeadline(d, cond) < now;
}
