/**
 * Graceful pod termination. When a pod gets a deletionTimestamp the kubelet stops it: a
 * `Killing` event per running container, SIGTERM, SIGKILL when the grace period ends (exit 137),
 * then, with every container stopped, the final status and the delete with grace period 0 (and
 * the pod's uid as precondition) that removes the object. A stopped kubelet does none of this:
 * its pods stay Terminating.
 */
import type { KubeObject } from '../objects';
import { parseTime } from '../util/time';
import { containerExited } from './containers';
import type { NodeKubelet } from './kubelet';
import { sendSigterm } from './processes';
import type { ContainerState, PodState } from './types';

function deadlineOf(k: NodeKubelet, pod: KubeObject): number {
  const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  const stamp = parseTime(String(pod.metadata.deletionTimestamp ?? ''));
  // The apiserver sets deletionTimestamp to now + grace; the kubelet counts the grace from when it starts killing.
  return Math.min(k.now() + grace * 1000, stamp === null ? Infinity : Math.max(stamp, k.now()));
}

export function scheduleKill(k: NodeKubelet, ps: PodState, c: ContainerState, at: number): void {
  k.schedule(at, { k: 'kill', uid: ps.uid, container: c.name, instance: c.instance, boot: k.state.boot });
}

export function beginTermination(k: NodeKubelet, ps: PodState, pod: KubeObject): void {
  const deadline = deadlineOf(k, pod);
  ps.terminating = { since: k.now(), deadline };
  k.state.pullQueue = k.state.pullQueue.filter((r, i) => r.uid !== ps.uid || (i === 0 && r.startedAt !== undefined));
  for (const c of ps.containers) {
    if (c.step !== 'running') continue;
    k.record(ps, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    c.killReason = 'delete';
    if (deadline <= k.now()) {
      containerExited(k, ps, c, { exitCode: 137 });
      continue;
    }
    sendSigterm(k, ps, c);
    scheduleKill(k, ps, c, deadline);
  }
  finishTermination(k, ps);
}

/** A second delete may shorten the grace period. */
export function updateTermination(k: NodeKubelet, ps: PodState, pod: KubeObject): void {
  const t = ps.terminating!;
  const deadline = deadlineOf(k, pod);
  if (deadline >= t.deadline) return;
  t.deadline = deadline;
  for (const c of ps.containers) if (c.step === 'running') scheduleKill(k, ps, c, deadline);
}

/** The grace period is over (for this container's kill): SIGKILL. */
export function onKillDue(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  if (c.step !== 'running') return;
  if (ps.terminating && k.now() < ps.terminating.deadline) return;
  containerExited(k, ps, c, { exitCode: 137, probeKilled: c.killReason === 'probe' });
}

/** With every container stopped: the terminal status, then the final delete. */
export function finishTermination(k: NodeKubelet, ps: PodState): void {
  if (!ps.terminating || ps.containers.some((c) => c.step === 'running')) return;
  for (const c of ps.containers) {
    if (c.step === 'exited') c.step = 'done';
    c.waiting = c.terminated ? undefined : c.waiting;
  }
  const apps = ps.containers.filter((c) => !c.init);
  if (!ps.finished) ps.finished = apps.every((c) => c.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
  k.markDirty(ps);
  k.flush();
  try {
    k.ctx.api.delete('pods', ps.namespace, ps.name, { gracePeriodSeconds: 0, preconditions: { uid: ps.uid } });
  } catch {
    // Already gone (force-deleted): nothing left to do.
  }
}
