/**
 * The container state machine: create, start, exit, and restart by restartPolicy with the
 * CrashLoopBackOff back-off (first restart right away, then 10 s, 20 s, 40 s … 5 min; reset after
 * 10 min of running), as kuberuntime's SyncPod/doBackOff do it.
 */
import { backoffNext, inBackoffSince } from './backoff';
import { formatGoDuration as goDuration } from '../util/duration';
import { WORKER_BACKOFF_MS } from './imageManager';
import { releaseIp } from './ipam';
import { containerSpecIn, type NodeKubelet } from './kubelet';
import { startProcess, stopProcess } from './processes';
import { resetProbes, startProbes } from './probes';
import { finishTermination } from './termination';
import { NameCache } from './nameCache';
import type { ContainerState, PodState, TerminatedInfo } from './types';

/** The PLEG notices a container's death within its 1 s relist; the pod is synced then. */
export const PLEG_RELIST_MS = 1000;
const CREATE_MS: [number, number] = [20, 80];
const START_MS: [number, number] = [40, 160];

/** Waiting states while a container's image is pulled and it is created (shared: states are replaced, never changed). */
const CREATING = { reason: 'ContainerCreating' };
const INITIALIZING = { reason: 'PodInitializing' };

export function waitingToCreate(c: ContainerState): { reason: string } {
  return c.init ? INITIALIZING : CREATING;
}

const CREATED = new NameCache((name) => `Created container: ${name}`);
const STARTED = new NameCache((name) => `Started container ${name}`);

export function crashKey(ps: PodState, c: ContainerState): string {
  return `${ps.uid}_${c.name}`;
}

export function createContainer(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  c.step = 'creating';
  c.waiting = waitingToCreate(c);
  k.markDirty(ps);
  k.schedule(k.now() + k.jitter(CREATE_MS), { k: 'create', uid: ps.uid, container: c.name, instance: c.instance, boot: k.state.boot });
}

export function onCreateDue(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  if (c.step !== 'creating' || ps.terminating) return;
  k.state.containerSeq++;
  c.containerID = `containerd://${k.ctx.random.hex(64)}`;
  k.record(ps, c, 'Normal', 'Created', CREATED.get(c.name));
  k.schedule(k.now() + k.jitter(START_MS), { k: 'start', uid: ps.uid, container: c.name, instance: c.instance, boot: k.state.boot });
}

export function onStartDue(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  if (c.step !== 'creating' || ps.terminating) return;
  // Looked up once for the spec and the process (the pod is not written in between).
  const pod = k.podObject(ps);
  const spec = containerSpecIn(pod, c);
  c.step = 'running';
  c.startedAt = k.now();
  c.waiting = undefined;
  c.terminated = undefined;
  c.started = !spec.startupProbe;
  c.ready = c.started && !spec.readinessProbe && !c.init;
  k.record(ps, c, 'Normal', 'Started', STARTED.get(c.name));
  k.markDirty(ps);
  startProbes(k, ps, c, spec);
  startProcess(k, ps, c, spec, pod);
  k.advance(ps);
}

export interface ExitInfo {
  exitCode: number;
  reason?: string;
  signal?: number;
  message?: string;
  /** Killed by a failed liveness or startup probe: restarted whatever the exit code. */
  probeKilled?: boolean;
}

/** The container is gone: record it, then restart, finish the pod, or go on with the next init container. */
export function containerExited(k: NodeKubelet, ps: PodState, c: ContainerState, exit: ExitInfo): void {
  if (c.step !== 'running') return;
  stopProcess(k, ps, c);
  const t: TerminatedInfo = {
    exitCode: exit.exitCode,
    reason: exit.reason ?? (exit.exitCode === 0 ? 'Completed' : 'Error'),
    startedAt: c.startedAt ?? k.now(),
    finishedAt: k.now(),
    containerID: c.containerID ?? '',
  };
  if (exit.signal) t.signal = exit.signal;
  if (exit.message) t.message = exit.message;
  c.terminated = t;
  c.ready = false;
  c.started = false;
  resetProbes(c);
  k.markDirty(ps);
  if (ps.terminating) {
    c.step = 'done';
    finishTermination(k, ps);
    return;
  }
  const policy = k.podObject(ps)?.spec?.restartPolicy ?? 'Always';
  const restart = c.init
    ? exit.exitCode !== 0 && policy !== 'Never'
    : policy === 'Always' || (policy === 'OnFailure' && (exit.exitCode !== 0 || !!exit.probeKilled)) || (policy !== 'Never' && !!exit.probeKilled);
  if (!restart) {
    c.step = 'done';
    if (c.init && exit.exitCode === 0) k.advance(ps);
    else settleFinished(k, ps);
    return;
  }
  c.step = 'exited';
  k.schedule(k.now() + PLEG_RELIST_MS, { k: 'sync', uid: ps.uid, container: c.name, instance: c.instance, boot: k.state.boot });
}

/** Marks the pod Succeeded or Failed once nothing will run again. */
function settleFinished(k: NodeKubelet, ps: PodState): void {
  const initFailed = ps.containers.some((c) => c.init && c.step === 'done' && c.terminated?.exitCode !== 0);
  const apps = ps.containers.filter((c) => !c.init);
  if (!initFailed && !apps.every((c) => c.step === 'done')) return;
  ps.finished = !initFailed && apps.every((c) => c.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
  // The sandbox of a finished pod is torn down: its IP goes back to the pool (status keeps showing it).
  releaseIp(k.state.ipam, ps.podIP, ps.uid);
  k.markDirty(ps);
}

/** A sync of a container waiting to restart: CrashLoopBackOff, or the restart itself. */
export function onRestartSync(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  if (c.step !== 'exited' || ps.terminating || !c.terminated) return;
  const key = crashKey(ps, c);
  const finishedAt = c.terminated.finishedAt;
  const now = k.now();
  if (inBackoffSince(k.state.crashBackoff, key, finishedAt, now)) {
    const delay = k.state.crashBackoff[key].delay;
    const pod = `${ps.name}_${ps.namespace}(${ps.uid})`;
    c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${pod}` };
    k.record(ps, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod}`);
    k.markDirty(ps);
    const until = finishedAt + delay;
    k.schedule(Math.min(until, now + WORKER_BACKOFF_MS), { k: 'sync', uid: ps.uid, container: c.name, instance: c.instance, boot: k.state.boot });
    return;
  }
  backoffNext(k.state.crashBackoff, key, finishedAt, now);
  restartContainer(k, ps, c);
}

/** A new instance of the container: the old one becomes lastState, its logs the --previous ones. */
export function restartContainer(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  if (c.terminated) c.lastTerminated = c.terminated;
  c.terminated = undefined;
  c.waiting = undefined;
  c.restartCount++;
  c.previousLogs = c.logs;
  c.logs = [];
  c.step = 'idle';
  k.advance(ps);
}
