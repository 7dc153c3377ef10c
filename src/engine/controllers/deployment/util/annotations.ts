/**
 * Revision and replica annotations (deployment_util.go): the revision a ReplicaSet stands for,
 * the revisions it stood for before a rollback (`revision-history`), the desired and max replicas
 * it was sized for, and the Deployment annotations copied onto its newest ReplicaSet.
 */
import type { KubeObject } from '../../../objects';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** Deprecated extensions/v1beta1 rollback annotation, never copied. */
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
/** The longest revision-history value kept (maxRevHistoryLengthInChars). */
export const MAX_REVISION_HISTORY_CHARS = 2000;

const SKIP_COPY = new Set([LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, ROLLBACK_TO_ANNOTATION]);

function annotationsOf(obj: KubeObject): Record<string, string> {
  return (obj.metadata.annotations ??= {});
}

/** The revision number of a ReplicaSet, 0 when absent, undefined when not a number. */
export function revisionOf(rs: KubeObject): number | undefined {
  const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined || v === '') return 0;
  return /^-?\d+$/.test(v) ? Number(v) : undefined;
}

export function maxRevision(sets: KubeObject[]): number {
  let max = 0;
  for (const rs of sets) {
    const v = revisionOf(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** copyDeploymentAnnotationsToReplicaSet. */
function copyDeploymentAnnotations(d: KubeObject, rs: KubeObject): boolean {
  const target = annotationsOf(rs);
  const source = d.metadata.annotations ?? {};
  let changed = false;
  // for-in, not Object.entries: this runs twice per sync, and annotations are plain data.
  for (const k in source) {
    const v = source[k];
    if (SKIP_COPY.has(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations: returns whether anything changed. */
export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  const a = annotationsOf(rs);
  const changedDesired = setAnnotation(a, DESIRED_REPLICAS_ANNOTATION, String(desired));
  const changedMax = setAnnotation(a, MAX_REPLICAS_ANNOTATION, String(max));
  return changedDesired || changedMax;
}

function setAnnotation(a: Record<string, string>, key: string, value: string): boolean {
  if (a[key] === value) return false;
  a[key] = value;
  return true;
}

export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the revision to
 * `newRevision` (remembering the old one in revision-history when it had one: a rollback), and for a
 * ReplicaSet about to be created sets desired/max replicas. Returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(d: KubeObject, rs: KubeObject, newRevision: number, exists: boolean, desired: number, max: number): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = annotationsOf(rs);
  const had = Object.prototype.hasOwnProperty.call(a, REVISION_ANNOTATION);
  const oldText = a[REVISION_ANNOTATION] ?? '';
  const old = oldText === '' ? 0 : /^-?\d+$/.test(oldText) ? Number(oldText) : undefined;
  if (old === undefined) return false;
  if (old < newRevision) {
    a[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (had) appendRevisionHistory(a, oldText);
  }
  if (!exists && setReplicasAnnotations(rs, desired, max)) changed = true;
  return changed;
}

function appendRevisionHistory(a: Record<string, string>, oldRevision: string): void {
  const history = a[REVISION_HISTORY_ANNOTATION] ?? '';
  if (history === '') {
    a[REVISION_HISTORY_ANNOTATION] = oldRevision;
    return;
  }
  const parts = history.split(',');
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > MAX_REVISION_HISTORY_CHARS && start < parts.length) total -= parts[start++].length + 1;
  if (total <= MAX_REVISION_HISTORY_CHARS) a[REVISION_HISTORY_ANNOTATION] = [...parts.slice(start), oldRevision].join(',');
}

/** SetDeploymentRevision: returns whether the Deployment's revision annotation changed. */
export function setDeploymentRevision(d: KubeObject, revision: string): boolean {
  const a = annotationsOf(d);
  if (a[REVISION_ANNOTATION] === revision) return false;
  a[REVISION_ANNOTATION] = revision;
  return true;
}
