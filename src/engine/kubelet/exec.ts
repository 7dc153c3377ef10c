/**
 * The pods/exec subresource, as the apiserver checks it and the node's kubelet serves it: the
 * apiserver refuses a container the pod does not have and a pod with no node; the kubelet only
 * finds running containers (`container not found ("web")` otherwise); the runtime starts the
 * command — or fails the way runc does when the program is not in the image.
 *
 * The command runs as a generator of shell effects (output, sleeps, and `stdin.readLine` calls
 * for a live stdin, which the caller answers); the network calls of its tools (wget, nslookup…)
 * are answered here by the kubelet's call handler, as for the container's own process. What it
 * writes lands in the container's exec layer (`ContainerState.exec`, plain JSON in the snapshot),
 * which belongs to the container instance: a restart starts from the image again.
 */
import { badRequest, notFound } from '../api/errors';
import type { KubeObject } from '../objects';
import type { ShellEffect } from '../shell/types';
import { clusterAddresses, containerEnv, kubeletMounts } from './containerEnv';
import type { NodeKubelet } from './kubelet';
import { kernelVersionOf } from './nodeObject';
import { liveProcess, signalMainProcess } from './processes';
import type { ContainerState, PodState } from './types';
import { containerVolumes } from './volumes';

export interface ExecOptions {
  /** Standard input given whole (a pipe, a heredoc); none when absent. */
  stdin?: string;
  /** Standard input is a terminal the caller reads lines from (`stdin.readLine` calls). */
  live?: boolean;
  tty?: boolean;
}

/** The apiserver could not reach the node's kubelet: kubectl prints `Error from server: …`. */
export class BackendError extends Error {}

/**
 * The kubelet refused the stream before it was set up (`upgrade`: kubectl prints `unable to
 * upgrade connection: …`), or the runtime failed to start the command once it was (`stream`:
 * an InternalError status on the error channel, whose message kubectl prints).
 */
export class ExecStreamError extends Error {
  constructor(
    readonly stage: 'upgrade' | 'stream',
    message: string,
  ) {
    super(message);
  }
}

/** First PID an exec gets; each further session in the same container gets a later one. */
const FIRST_EXEC_PID = 7;

/** The apiserver's checks (registry/core/pod ExecLocation), then the node's kubelet. */
export function execTarget(store: { get(r: string, ns: string, n: string): KubeObject | undefined }, namespace: string, name: string, container: string): KubeObject {
  const pod = store.get('pods', namespace, name);
  if (!pod) throw notFound('pods', name);
  const names = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c: { name: string }) => c.name);
  if (!names.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  return pod;
}

export type ExecStarter = (argv: string[], opts: ExecOptions) => Generator<ShellEffect, number, unknown>;

/**
 * The kubelet's side of the stream set-up: throws what it refuses with (node down, container not
 * running); otherwise returns what starts the command once the stream is there.
 */
export function openExec(k: NodeKubelet | undefined, pod: KubeObject, container: string): ExecStarter {
  if (!k || !k.state.alive) throw new BackendError(`error dialing backend: dial tcp ${k?.state.spec.internalIP ?? ''}:10250: i/o timeout`);
  const ps = k.state.pods[pod.metadata.uid!];
  const c = ps?.containers.find((x) => x.name === container && x.step === 'running');
  if (!ps || !c) throw new ExecStreamError('upgrade', `container not found ("${container}")`);
  return (argv, opts) => runExec(k, ps, c, pod, argv, opts);
}

export function* execInContainer(k: NodeKubelet | undefined, pod: KubeObject, container: string, argv: string[], opts: ExecOptions): Generator<ShellEffect, number, unknown> {
  return yield* openExec(k, pod, container)(argv, opts);
}

function* runExec(k: NodeKubelet, ps: PodState, c: ContainerState, pod: KubeObject, argv: string[], opts: ExecOptions): Generator<ShellEffect, number, unknown> {
  const runtime = k.runtime.execSession;
  if (!runtime) throw new ExecStreamError('stream', 'Internal error occurred: error executing command in container: the container runtime does not support exec');
  const layer = execLayer(c);
  const live = liveProcess(k, ps, c);
  const spec = k.containerSpec(ps, c);
  const { dns, master } = clusterAddresses(k.state.spec, k.ctx.store);
  const sig = (c.containerID ?? '').replace('containerd://', '');
  const mounts = kubeletMounts({ pod, podIP: ps.podIP ?? '', node: k.state.spec, dns, store: k.ctx.store, startedAt: c.startedAt ?? k.now(), sig });
  const pid = FIRST_EXEC_PID + layer.sessions * 6;
  layer.sessions++;
  const start = runtime({
    image: c.image,
    command: spec.command,
    args: spec.args,
    argv,
    env: containerEnv(pod, spec, k.ctx.store, master, k.state.spec.internalIP, c.startedAt ?? k.now()),
    hostname: pod.spec?.hostname ?? pod.metadata.name,
    mounts,
    processFs: live?.fs,
    top: layer.files,
    kernelVersion: kernelVersionOf(k.state.spec),
    volumes: containerVolumes(k, ps, c, pod, (x) => (x === c ? live?.fs : liveProcess(k, ps, x)?.fs)),
    pid,
    now: () => k.now(),
    workingDir: spec.workingDir,
    stdin: opts.stdin,
    live: opts.live,
    tty: opts.tty,
  });
  if (!start.ok) {
    const execID = k.ctx.random.hex(64);
    // containerd's streaming server reports it as an InternalError status; kubectl prints its message.
    throw new ExecStreamError('stream', `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execID}": ${start.message}`);
  }
  return yield* answerCalls(k, ps.uid, c.name, start.run);
}

/**
 * A file of a running container as its own programs read it (nginx serving its docroot): the
 * image, the kubelet's mounts, the pod's volumes, what the process and exec sessions wrote.
 * Undefined when the runtime cannot say.
 */
export function readContainerFile(k: NodeKubelet, ps: PodState, c: ContainerState, pod: KubeObject, path: string): string | undefined {
  const read = k.runtime.readFile;
  if (!read) return undefined;
  const live = liveProcess(k, ps, c);
  const { dns } = clusterAddresses(k.state.spec, k.ctx.store);
  const sig = (c.containerID ?? '').replace('containerd://', '');
  const mounts = kubeletMounts({ pod, podIP: ps.podIP ?? '', node: k.state.spec, dns, store: k.ctx.store, startedAt: c.startedAt ?? k.now(), sig });
  const top = c.exec?.instance === c.instance ? c.exec.files : {};
  const volumes = containerVolumes(k, ps, c, pod, (x) => (x === c ? live?.fs : liveProcess(k, ps, x)?.fs));
  return read({ image: c.image, mounts, processFs: live?.fs, top, volumes }, path);
}

/** The exec layer of the container's current instance (a new instance starts empty). */
function execLayer(c: ContainerState): NonNullable<ContainerState['exec']> {
  if (!c.exec || c.exec.instance !== c.instance) c.exec = { instance: c.instance, files: {}, sessions: 0 };
  return c.exec;
}

/** Network calls are the kubelet's to answer; output, sleeps and stdin reads go to the caller. */
function* answerCalls(k: NodeKubelet, uid: string, container: string, run: Generator<ShellEffect, number, unknown>): Generator<ShellEffect, number, unknown> {
  let reply: unknown;
  for (;;) {
    const r = run.next(reply);
    reply = undefined;
    if (r.done) return r.value;
    const e = r.value;
    if (e.type === 'call' && e.name.startsWith('stdin.')) reply = yield e;
    else if (e.type === 'call' && e.name === 'proc.signal') {
      const ps = k.state.pods[uid];
      const c = ps?.containers.find((x) => x.name === container);
      if (ps && c) signalMainProcess(k, ps, c, String((e.payload as { signal?: string }).signal));
    } else if (e.type === 'call') {
      const ps = k.state.pods[uid];
      reply = ps ? k.answerCall(e.name, e.payload, { pod: ps, container }) : undefined;
    } else reply = yield e;
  }
}
