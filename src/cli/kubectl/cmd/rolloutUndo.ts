/**
 * The client side of `kubectl rollout undo` (polymorphichelpers/rollback.go): find the
 * ReplicaSet of the wanted revision and patch its pod template (and annotations) back into the
 * Deployment; the deployment controller then adopts that ReplicaSet as the new one.
 */
import type { KubeObject } from '../../../engine/objects';
import { clone, deepEqual } from '../../../engine/util/clone';
import type { CommandEnv } from '../command';

const REVISION = 'deployment.kubernetes.io/revision';
/** Annotations rollback does not copy from the ReplicaSet (deployment_util.annotationsToSkip). */
const SKIPPED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0);
}

export function ownedReplicaSets(env: CommandEnv, d: KubeObject): KubeObject[] {
  return env.api
    .list('replicasets.apps', { namespace: d.metadata.namespace })
    .items.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
}

function templateWithoutHash(rs: KubeObject): any {
  const t = clone(rs.spec.template);
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return t;
}

/** Rolls back and returns what kubectl prints after the name: `rolled back` or `skipped rollback (...)`. */
export function undo(env: CommandEnv, d: KubeObject, toRevision: number): string {
  if (d.spec?.paused) throw new Error(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
  const sets = ownedReplicaSets(env, d);
  let target: KubeObject | undefined;
  if (toRevision === 0) {
    const revisions = sets.map(revisionOf).sort((a, b) => b - a);
    if (revisions.length < 2) throw new Error(`no rollout history found for deployment "${d.metadata.name}"`);
    target = sets.find((rs) => revisionOf(rs) === revisions[1]);
  } else {
    target = sets.find((rs) => revisionOf(rs) === toRevision);
    if (!target) throw new Error(`unable to find specified revision ${toRevision} in history`);
  }
  const template = templateWithoutHash(target!);
  if (deepEqual(template, d.spec.template)) return `skipped rollback (current template already matches revision ${revisionOf(target!)})`;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(target!.metadata.annotations ?? {})) if (!SKIPPED.has(k)) annotations[k] = v;
  env.api.patch('deployments.apps', d.metadata.namespace, d.metadata.name, 'json', [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: { ...keepDeploymentOnly(d), ...annotations } },
  ], { fieldManager: 'kubectl' });
  return 'rolled back';
}

/** The Deployment's own annotations that rollback keeps (the ones never copied to ReplicaSets). */
function keepDeploymentOnly(d: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIPPED.has(k)) out[k] = v;
  return out;
}
