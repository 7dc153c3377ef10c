/**
 * `kubectl rollout status`: watches the object and prints kubectl's status line on every
 * change, until the rollout completes, its progress deadline is exceeded, or --timeout passes.
 */
import type { WatchEvent } from '../../../engine/api/server';
import type { KubeObject } from '../../../engine/objects';
import type { ShellEffect } from '../../../engine/shell/types';
import { parseGoDuration } from '../../../engine/util/duration';
import type { CommandEnv } from '../command';
import type { Found } from '../builder';

interface Status {
  message: string;
  done: boolean;
  error?: string;
}

/** polymorphichelpers' DeploymentStatusViewer. */
export function deploymentStatus(d: KubeObject, revision = 0): Status {
  const name = d.metadata.name;
  if (revision > 0) {
    const rev = Number(d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    if (rev !== revision) return { message: '', done: false, error: `desired revision (${revision}) is different from the running revision (${rev})` };
  }
  if ((d.metadata.generation ?? 0) > (d.status?.observedGeneration ?? 0)) {
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  const progressing = (d.status?.conditions ?? []).find((c: any) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { message: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
  const want = d.spec?.replicas ?? 1;
  const updated = d.status?.updatedReplicas ?? 0;
  const replicas = d.status?.replicas ?? 0;
  const available = d.status?.availableReplicas ?? 0;
  if (updated < want) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
  if (replicas > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...\n`, done: false };
  if (available < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}

export function* rolloutStatus(env: CommandEnv, f: Found, opts: { watch: boolean; timeout: string; revision: number }): Generator<ShellEffect, number, unknown> {
  if (f.resource !== 'deployments.apps') throw new Error(`no status viewer has been implemented for ${f.type.kind}`);
  if (f.object.spec?.strategy?.type === 'Recreate') {
    // kubectl only refuses non-RollingUpdate strategies for DaemonSets and StatefulSets.
  }
  const print = (obj: KubeObject): { done: boolean; status?: number } => {
    const s = deploymentStatus(obj, opts.revision);
    if (s.error) {
      env.err(`error: ${s.error}\n`);
      return { done: true, status: 1 };
    }
    env.out(s.message);
    return { done: s.done, status: s.done ? 0 : undefined };
  };
  const first = print(env.api.get(f.resource, f.object.metadata.namespace, f.object.metadata.name));
  if (first.done || !opts.watch) return first.status ?? 0;

  const events: WatchEvent[] = [];
  const stop = env.api.watch(
    f.resource,
    { namespace: f.object.metadata.namespace, fieldSelector: `metadata.name=${f.object.metadata.name}`, resourceVersion: String(env.api.store.resourceVersion) },
    (e) => events.push(e),
  );
  const timeout = parseGoDuration(opts.timeout) ?? 0;
  const deadline = env.now() + (timeout > 0 ? timeout : 7 * 24 * 3600 * 1000);
  try {
    for (;;) {
      for (const e of events.splice(0)) {
        if (e.type === 'DELETED') {
          env.err(`error: object has been deleted\n`);
          return 1;
        }
        const r = print(e.object);
        if (r.done) return r.status ?? 0;
      }
      if (env.now() >= deadline) {
        env.err(`error: timed out waiting for the condition\n`);
        return 1;
      }
      const next = env.sim.nextActivity();
      yield { type: 'sleep', ms: Math.max(1, Math.min(deadline, next ?? deadline, env.now() + 60_000) - env.now()) };
    }
  } finally {
    stop();
  }
}
