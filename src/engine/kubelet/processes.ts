/**
 * Drives each running container's process (a generator from the runtime) in virtual time:
 * `sleep` effects become timers, logs land in the container's log buffer, `ready` opens its
 * ports to probes, `memory` above the limit is an OOM kill, the return value is the exit.
 *
 * Snapshot/restore: the generator itself cannot be saved, so the kubelet saves how far it got
 * (`ProcessRecord.steps`, and the answers it gave to `call` effects) and rebuilds it on demand by
 * replaying it from its start: same seed, same clock readings, effects discarded up to where it
 * was. The container's file system is rebuilt by the same replay (writes made by exec probes are
 * the one thing a replay does not bring back).
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../objects';
import { containerExited } from './containers';
import { containerSpecIn, type NodeKubelet } from './kubelet';
import { appendLog } from './logs';
import type { ContainerFs, ContainerProcess, ProcEffect } from './runtimePort';
import { memoryBytes } from './quantity';
import type { ContainerState, PodState, ProcessRecord } from './types';
import { keepVolumeWrites, mountsEmptyDir, volumeFilesAt } from './volumes';

export interface LiveProcess {
  instance: number;
  proc: ContainerProcess;
  fs: ContainerFs;
  /** What the process's clock reads. */
  clock: number;
  /** The pod (its identity and spec, see `startingPod`) and container spec it was started from: what a replay starts it from again. */
  pod: KubeObject;
  spec: Container;
  /** An exec probe wrote to its files: a replay would not bring that back, so it stays live. */
  touched?: boolean;
}

/**
 * A process parked for good (`sleep Infinity`: a server that is only listening) keeps no
 * generator or files in memory: nothing it does can change until it is killed, and its state
 * is replayable (see the header). `liveProcess` rebuilds it, from the same pod and spec, when
 * something needs it again (SIGTERM, an exec probe).
 */
export interface DormantProcess {
  instance: number;
  dormant: true;
  pod: KubeObject;
  spec: Container;
}

/** Tests set `keepParked` to compare against processes that are never made dormant. */
export const dormancy = { keepParked: false };

/** Effects handled in one instant before the process is judged to hang the node. */
const MAX_STEPS_PER_INSTANT = 200_000;

/** The process's files; `under` (what its volumes held when it started) shows through but is not its own. */
export function memoryFs(under: Record<string, string> = NO_FILES): ContainerFs {
  return new ProcessFiles(under);
}

/** Read only: what most processes' volumes held when they started. */
const NO_FILES: Record<string, string> = {};

/** A class rather than closures, and no Map until the first write: most processes never write a file. */
class ProcessFiles implements ContainerFs {
  private files?: Map<string, string>;

  constructor(private readonly under: Record<string, string>) {}

  read(path: string): string | undefined {
    return this.files?.get(path) ?? (Object.hasOwn(this.under, path) ? this.under[path] : undefined);
  }

  write(path: string, text: string, append: boolean): void {
    const files = (this.files ??= new Map());
    files.set(path, append ? (files.get(path) ?? this.under[path] ?? '') + text : text);
  }

  paths(): string[] {
    return this.files ? [...this.files.keys()] : [];
  }
}

/**
 * What a process is started from: the pod's identity and spec. Its status and the rest of its
 * metadata change while it runs (a replay after a restore could not see them as they were), and
 * a process kept for as long as its container runs then holds no old version of the pod.
 */
function startingPod(pod: KubeObject): KubeObject {
  const m = pod.metadata;
  return { apiVersion: pod.apiVersion, kind: pod.kind, metadata: { name: m.name, namespace: m.namespace, uid: m.uid }, spec: pod.spec };
}

function spawn(k: NodeKubelet, ps: PodState, c: ContainerState, spec: Container, rec: ProcessRecord, pod: KubeObject): LiveProcess {
  const fs = memoryFs(rec.volumeFiles);
  const live: LiveProcess = { instance: c.instance, proc: undefined as unknown as ContainerProcess, fs, clock: rec.startedAt, pod, spec };
  const memoryLimitBytes = memoryBytes(spec.resources?.limits?.memory);
  // Bound rather than an arrow function: tsx names every named closure it makes (a defineProperty per start).
  const now = readClock.bind(live);
  live.proc = k.runtime.startProcess({ pod, container: spec, podIP: ps.podIP ?? '', nodeName: k.name, kernelVersion: k.kernelVersion, now, seed: rec.seed, fs, memoryLimitBytes });
  return live;
}

function readClock(this: LiveProcess): number {
  return this.clock;
}

/** `pod`: the stored pod, as the caller just looked it up. */
export function startProcess(k: NodeKubelet, ps: PodState, c: ContainerState, spec: Container, pod: KubeObject | undefined): void {
  const rec: ProcessRecord = {
    startedAt: k.now(),
    seed: k.ctx.random.int(2 ** 31),
    steps: 0,
    callResults: [],
    ports: [],
    listening: false,
    memoryBytes: 0,
    cpuMillis: 0,
  };
  if (pod && mountsEmptyDir(spec, pod)) rec.volumeFiles = volumeFilesAt(ps, spec, pod);
  c.process = rec;
  k.live.set(c, spawn(k, ps, c, spec, rec, startingPod(pod!)));
  drive(k, ps, c);
}

/** The live process, rebuilt by replay when the kubelet was restored from a snapshot. */
export function liveProcess(k: NodeKubelet, ps: PodState, c: ContainerState): LiveProcess | undefined {
  const found = k.live.get(c);
  const current = found && found.instance === c.instance ? found : undefined;
  if (current && !('dormant' in current)) return current;
  const rec = c.process;
  if (!rec) return undefined;
  if (!current && (c.step !== 'running' || !k.podObject(ps))) return undefined;
  const live = current ? spawn(k, ps, c, current.spec, rec, current.pod) : respawn(k, ps, c, rec);
  let calls = 0;
  let input: unknown = undefined;
  for (let i = 0; i < rec.steps; i++) {
    const r = live.proc.gen.next(input);
    if (r.done) break;
    input = undefined;
    if (r.value.type === 'sleep') live.clock += r.value.ms;
    else if (r.value.type === 'call') input = rec.callResults[calls++] ?? undefined;
  }
  k.live.set(c, live);
  return live;
}

/** A process to replay from the stored pod (after a restore): started from its spec as it is now. */
function respawn(k: NodeKubelet, ps: PodState, c: ContainerState, rec: ProcessRecord): LiveProcess {
  const pod = k.podObject(ps)!;
  return spawn(k, ps, c, containerSpecIn(pod, c), rec, startingPod(pod));
}

export function stopProcess(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  const pod = k.podObject(ps);
  if (pod && mountsEmptyDir(k.containerSpec(ps, c), pod)) {
    const live = liveProcess(k, ps, c);
    if (live) keepVolumeWrites(ps, live.spec, pod, live.fs);
  }
  k.live.delete(c);
  if (c.process) c.process.exited = true;
}

export function onProcTimer(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  if (c.step !== 'running') return;
  drive(k, ps, c);
}

/** Runs the process until it sleeps or ends. */
function drive(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  const live = liveProcess(k, ps, c);
  const rec = c.process;
  if (!live || !rec) return;
  // Read once: the clock stands still while the process runs (one number for all its log lines).
  const now = k.now();
  live.clock = now;
  let input: unknown = undefined;
  for (let n = 0; n < MAX_STEPS_PER_INSTANT; n++) {
    const r = live.proc.gen.next(input);
    input = undefined;
    if (r.done) {
      rec.steps++;
      return containerExited(k, ps, c, { exitCode: r.value.exitCode, reason: r.value.reason, message: r.value.message });
    }
    rec.steps++;
    const effect: ProcEffect = r.value;
    switch (effect.type) {
      case 'sleep':
        // `Infinity`: until killed; no timer to wait for.
        if (Number.isFinite(effect.ms)) k.schedule(now + Math.max(0, effect.ms), { k: 'proc', uid: ps.uid, container: c.name, instance: c.instance, boot: k.state.boot });
        else if (!live.touched && !dormancy.keepParked) k.live.set(c, { instance: live.instance, dormant: true, pod: live.pod, spec: live.spec });
        return;
      case 'log':
        appendLog(c, now, effect.stream, effect.text);
        break;
      case 'ready':
        rec.listening = true;
        if (effect.ports) rec.ports = [...effect.ports];
        break;
      case 'unready':
        rec.listening = false;
        break;
      case 'usage': {
        rec.cpuMillis = effect.cpuMillis;
        rec.memoryBytes = effect.memoryBytes;
        // The spec it was started from (no lookup of the pod): a pod update cannot change resources.
        const limit = memoryBytes(live.spec.resources?.limits?.memory);
        if (limit !== undefined && effect.memoryBytes > limit) {
          return containerExited(k, ps, c, { exitCode: 137, reason: 'OOMKilled' });
        }
        break;
      }
      case 'call':
        input = k.answerCall(effect.name, effect.payload, { pod: ps, container: c.name });
        rec.callResults.push(input ?? null);
        break;
    }
  }
  throw new Error(`process of container ${c.name} in pod ${ps.namespace}/${ps.name} ran ${MAX_STEPS_PER_INSTANT} steps without sleeping`);
}

/** SIGTERM: the process exits on its own terms, or ignores it until the kubelet's SIGKILL. */
export function sendSigterm(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  const rec = c.process;
  if (!rec || c.step !== 'running' || rec.sigtermAt !== undefined) return;
  rec.sigtermAt = k.now();
  const live = liveProcess(k, ps, c);
  const answer = live ? live.proc.sigterm() : 'ignore';
  if (answer === 'ignore') return;
  k.schedule(k.now() + answer.ms, { k: 'termExit', uid: ps.uid, container: c.name, instance: c.instance, exitCode: answer.exitCode, boot: k.state.boot });
}

/**
 * A signal sent to PID 1 from inside the container (`kill 1`, `nginx -s quit`). A PID
 * namespace's init only receives the signals it installed handlers for — not even SIGKILL
 * from inside (pid_namespaces(7)) — so a shell or `sleep` as PID 1 ignores them all. A server
 * handles TERM, INT and QUIT by shutting down (nginx: fast or graceful, exit 0); other signals
 * (nginx's HUP reload, USR1 reopen) leave it running. The kubelet then restarts the container
 * per restartPolicy, as for any exit.
 */
export function signalMainProcess(k: NodeKubelet, ps: PodState, c: ContainerState, signal: string): void {
  if (signal === 'TERM' || signal === 'INT' || signal === 'QUIT') sendSigterm(k, ps, c);
}

export function onTermExit(k: NodeKubelet, ps: PodState, c: ContainerState, exitCode: number): void {
  if (c.step !== 'running') return;
  containerExited(k, ps, c, { exitCode, probeKilled: c.killReason === 'probe' });
}
