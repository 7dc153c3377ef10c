/**
 * sync.go: finding (or creating) the new ReplicaSet and syncing revisions, scaling events
 * (proportional scaling mid-rollout), the paused/scaling sync, and the status calculation.
 */
import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import { newControllerRef } from '../podUtil';
import type { KubeObject } from '../../objects';
import { clone } from '../../util/clone';
import { cleanupDeployment } from './cleanup';
import type { SyncState } from './state';
import { maxRevision, setDeploymentRevision, setNewReplicaSetAnnotations, REVISION_ANNOTATION } from './util/annotations';
import { getCondition, hasProgressDeadline, newCondition, REASON, setCondition, updateCondition } from './util/conditions';
import { computeHash } from './util/hash';
import {
  activeReplicaSets,
  actualReplicaSum,
  availableReplicaSum,
  bySizeNewer,
  bySizeOlder,
  deploymentSpec,
  desiredReplicas,
  desiredReplicasAnnotation,
  findActiveOrLatest,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  readyReplicaSum,
  replicaSetProportion,
  rsReplicas,
  rsStatus,
  specReplicaSum,
} from './util/replicas';
import { cloneSelectorAndAddLabel, findNewReplicaSet, POD_TEMPLATE_HASH_LABEL } from './util/templates';

export interface ReplicaSets {
  newRS: KubeObject | undefined;
  oldRSs: KubeObject[];
}

/** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created if asked) and all the old ones. */
export function getAllReplicaSetsAndSyncRevision(s: SyncState, createIfNotExisted: boolean): ReplicaSets {
  const existing = findNewReplicaSet(s.d, s.rsList);
  const oldRSs = s.rsList.filter((rs) => rs !== existing);
  const newRS = getNewReplicaSet(s, existing, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

function getNewReplicaSet(s: SyncState, existing: KubeObject | undefined, oldRSs: KubeObject[], create: boolean): KubeObject | undefined {
  const d = s.d;
  const newRevision = maxRevision(oldRSs) + 1;
  const desired = desiredReplicas(d);
  const minReady = deploymentSpec(d).minReadySeconds ?? 0;
  if (existing) {
    const annotationsUpdated = setNewReplicaSetAnnotations(d, existing, newRevision, true, desired, desired + maxSurge(d));
    if (annotationsUpdated || (existing.spec?.minReadySeconds ?? 0) !== minReady) {
      existing.spec = { ...existing.spec, minReadySeconds: minReady || undefined };
      s.writeRS(existing);
    }
    setDeploymentRevision(d, existing.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(s.status, 'Progressing')) {
      setCondition(s.status, newCondition('Progressing', 'True', REASON.foundNewRS, `Found new replica set "${existing.metadata.name}"`, s.now()));
    }
    return existing;
  }
  if (!create) return undefined;
  return createNewReplicaSet(s, oldRSs, newRevision);
}

function createNewReplicaSet(s: SyncState, oldRSs: KubeObject[], newRevision: number): KubeObject | undefined {
  const d = s.d;
  const template = clone(deploymentSpec(d).template ?? {});
  const hash = computeHash(template, s.status.collisionCount);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const name = `${d.metadata.name}-${hash}`;
  if (s.ctx.store.get('replicasets.apps', d.metadata.namespace, name)) {
    // A ReplicaSet of that name exists but is not ours with our template: a hash collision.
    s.status.collisionCount = (s.status.collisionCount ?? 0) + 1;
    s.aborted = true;
    return undefined;
  }
  const minReady = deploymentSpec(d).minReadySeconds;
  const newRS: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: d.metadata.namespace, ownerReferences: [newControllerRef(d)], labels: { ...labels } },
    spec: { replicas: 0, ...(minReady ? { minReadySeconds: minReady } : {}), selector: cloneSelectorAndAddLabel(deploymentSpec(d).selector, POD_TEMPLATE_HASH_LABEL, hash), template },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = replicas;
  const desired = desiredReplicas(d);
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, desired, desired + maxSurge(d));
  s.createRS(newRS);
  if (replicas > 0) s.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
  setDeploymentRevision(d, String(newRevision));
  if (hasProgressDeadline(d)) {
    setCondition(s.status, newCondition('Progressing', 'True', REASON.newRS, `Created new replica set "${name}"`, s.now()));
  }
  return newRS;
}

/** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(s: SyncState): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  const want = desiredReplicas(s.d);
  // Runs on every sync: no lists built, the sets are only looked at.
  return oldRSs.some((rs) => sizedForOther(rs, want)) || (newRS !== undefined && sizedForOther(newRS, want));
}

/** An active ReplicaSet (FilterActiveReplicaSets) whose desired-replicas annotation is not `want`. */
function sizedForOther(rs: KubeObject, want: number): boolean {
  if (!(rsReplicas(rs) > 0)) return false;
  const desired = desiredReplicasAnnotation(rs);
  return desired !== undefined && desired !== want;
}

/** scale: the only active (or newest) set takes all; otherwise share the change proportionally. */
export function scale(s: SyncState, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  const d = s.d;
  const want = desiredReplicas(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) !== want) s.scaleAndRecord(activeOrLatest, want);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) s.scaleAndRecord(old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - specReplicaSum(all);
  let operation = '';
  if (toAdd > 0) {
    all.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    all.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return rsReplicas(rs);
    const share = replicaSetProportion(rs, d, toAdd, added);
    added += share;
    return rsReplicas(rs) + share;
  });
  // Leftovers go to the largest ReplicaSet.
  if (toAdd !== 0 && sizes.length) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
  all.forEach((rs, i) => s.scaleReplicaSet(rs, sizes[i], operation));
}

/** sync: for scaling events and paused Deployments — scale, clean up when paused, write status. */
export function syncScaling(s: SyncState): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  scale(s, newRS, oldRSs);
  if (deploymentSpec(s.d).paused) cleanupDeployment(s, oldRSs);
  syncDeploymentStatus(s, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
}

/** calculateStatus: counts from the ReplicaSets' status, and the Available condition. */
export function calculateStatus(s: SyncState, allRSs: KubeObject[], newRS: KubeObject | undefined): DeploymentStatus {
  const d = s.d;
  const available = availableReplicaSum(allRSs);
  const unavailable = Math.max(0, specReplicaSum(allRSs) - available);
  const status: DeploymentStatus = {};
  if (d.metadata.generation) status.observedGeneration = d.metadata.generation;
  // Zero counts are left out (omitempty), in this key order.
  const replicas = actualReplicaSum(allRSs);
  const updated = newRS ? (rsStatus(newRS).replicas ?? 0) : 0;
  const ready = readyReplicaSum(allRSs);
  if (replicas) status.replicas = replicas;
  if (updated) status.updatedReplicas = updated;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (unavailable) status.unavailableReplicas = unavailable;
  if (s.status.collisionCount !== undefined) status.collisionCount = s.status.collisionCount;
  // Condition lists are replaced, never edited (setCondition, removeCondition): share, not copy.
  if (s.status.conditions?.length) status.conditions = s.status.conditions;
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    updateCondition(status, 'Available', 'True', REASON.minimumAvailable, 'Deployment has minimum availability.', s.now());
  } else {
    updateCondition(status, 'Available', 'False', REASON.minimumUnavailable, 'Deployment does not have minimum availability.', s.now());
  }
  return status;
}

/** syncDeploymentStatus: the status without progress estimation. */
export function syncDeploymentStatus(s: SyncState, allRSs: KubeObject[], newRS: KubeObject | undefined): void {
  s.d.status = calculateStatus(s, allRSs, newRS);
}
