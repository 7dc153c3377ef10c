/**
 * A DaemonSet's ControllerRevisions (kubernetes `pkg/controller/daemon/update.go`: constructHistory,
 * snapshot, cleanupHistory): one revision per distinct pod template, named `<ds>-<hash>`, labelled
 * with the template labels plus `controller-revision-hash`, holding the template as a replace patch;
 * the current one carries the highest revision number; revisions no pod uses are pruned beyond
 * spec.revisionHistoryLimit, oldest first.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../objects';
import { clone } from '../../util/clone';
import { computeHash } from '../deployment/util/hash';
import type { Change } from '../manager';
import { newControllerRef } from '../podUtil';
import { REVISION_HASH_LABEL } from './pods';

export const CONTROLLER_REVISIONS = 'controllerrevisions.apps';

export function daemonSetHash(ds: KubeObject): string {
  return computeHash((ds as DaemonSet).spec?.template ?? {}, ds.status?.collisionCount);
}

/** getPatch: the template as a strategic merge patch that replaces it. */
export function revisionData(ds: KubeObject): unknown {
  const template = clone((ds as DaemonSet).spec?.template ?? {}) as Record<string, unknown>;
  return { spec: { template: { ...template, $patch: 'replace' } } };
}

function revisionOf(cr: KubeObject): number {
  return (cr.revision as number | undefined) ?? 0;
}

/** The writes that make the current template's revision exist and be the newest, then the pruning. */
export function syncHistory(ds: KubeObject, revisions: KubeObject[], pods: KubeObject[], hash: string): Change[] {
  const changes: Change[] = [];
  const name = `${ds.metadata.name}-${hash}`;
  const max = revisions.reduce((m, r) => Math.max(m, revisionOf(r)), 0);
  const current = revisions.find((r) => r.metadata.name === name);
  if (!current) {
    const labels = { ...((ds as DaemonSet).spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash };
    const metadata = { name, namespace: ds.metadata.namespace, labels, ownerReferences: [newControllerRef(ds)] } as KubeObject['metadata'];
    if (ds.metadata.annotations) metadata.annotations = clone(ds.metadata.annotations);
    changes.push({ op: 'create', resource: CONTROLLER_REVISIONS, object: { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, data: revisionData(ds), revision: max + 1 } });
  } else if (revisionOf(current) < max) {
    changes.push({ op: 'update', resource: CONTROLLER_REVISIONS, object: { ...current, revision: max + 1 } });
  }
  const limit = (ds as DaemonSet).spec?.revisionHistoryLimit ?? 10;
  const live = new Set(pods.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL]).filter(Boolean));
  const old = revisions
    .filter((r) => r.metadata.name !== name && !live.has(r.metadata.labels?.[REVISION_HASH_LABEL]))
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const r of old.slice(0, Math.max(0, old.length - limit))) {
    changes.push({ op: 'delete', resource: CONTROLLER_REVISIONS, namespace: r.metadata.namespace, name: r.metadata.name });
  }
  return changes;
}
