/**
 * One node's kubelet: its pods' lifecycle from bind to deletion. Everything it knows is in
 * `state` (plain JSON); running processes live in `live` and are rebuilt by replay after a
 * restore. Work is driven by the hosting component: pod watch events (`handlePod`) and timers
 * (`onTimer`), never by polling. Concerns live in their own files: images.ts, containers.ts,
 * processes.ts, probes.ts, termination.ts, reboot.ts.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { EventSource, EventType } from '../api/events';
import type { KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import { deepEqual } from '../util/clone';
import { onCreateDue, onRestartSync, onStartDue } from './containers';
import { beginImage, onPullDone, onPullRetry, onPullSync } from './imageManager';
import { allocateIp, releaseIp } from './ipam';
import { buildPodStatus } from './podStatus';
import { onProcTimer, onTermExit, type DormantProcess, type LiveProcess } from './processes';
import { onProbe } from './probes';
import { kernelVersionOf, platformOf } from './nodeObject';
import type { ContainerRuntime, Platform } from './runtimePort';
import { beginTermination, onKillDue, updateTermination } from './termination';
import { NameCache } from './nameCache';
import type { ContainerState, NodeState, PodState, TimerData } from './types';

/** From pod bind to the sandbox (pause container + CNI) being ready. */
const SANDBOX_MS: [number, number] = [300, 900];
/** Schedule options, shared by every timer (the queue only reads them). */
const PERIODIC = { periodic: true };
const NOT_PERIODIC = { periodic: false };
const NO_SPECS: Container[] = [];
/** Options of every status post (the server only reads them). */
const POST_OPTIONS = { handOver: true, fieldManager: 'kubelet' };

export class NodeKubelet {
  /** By container: its state object is the container's for as long as the pod is here (no key strings to build). */
  readonly live = new Map<ContainerState, LiveProcess | DormantProcess>();
  /** Pods with a status to post, in the order they became dirty (a short list per node; forget takes a pod out). */
  private dirty: PodState[] = [];
  /** The host's: whether this kubelet is in its queue of nodes to flush (see KubeletComponent.work). */
  flushQueued = false;

  constructor(
    readonly state: NodeState,
    readonly ctx: SimContext,
    readonly runtime: ContainerRuntime,
    readonly component: string,
    /** Tells the host this node has statuses to post. */
    private readonly onDirty: (k: NodeKubelet) => void = () => {},
    /** Answers processes' host calls (net.connect, dns.lookup…); undefined when unknown. */
    readonly answerCall: (name: string, payload: unknown, from: { pod: PodState; container: string }) => unknown = () => undefined,
  ) {
    this.eventSource = { component: 'kubelet', host: state.spec.name };
    this.platform = platformOf(state.spec);
    this.kernelVersion = kernelVersionOf(state.spec);
  }

  /** Who this kubelet's Events come from: one object for all (the recorder copies what it keeps). */
  private readonly eventSource: EventSource;

  /** The node's OS and architecture, as images are resolved for it (the node's spec does not change). */
  readonly platform: Platform;
  /** The kernel its containers see. */
  readonly kernelVersion: string;

  /** A number in [0, 1) from the simulation's source, as a function to hand to the runtime (one per kubelet). */
  readonly draw = (): number => this.ctx.random.next();

  get name(): string {
    return this.state.spec.name;
  }

  now(): number {
    return this.ctx.now();
  }

  /** A random integer in [min, max] from the simulation's source. */
  jitter(range: readonly [number, number]): number {
    // Indexed rather than destructured: no array iterator per draw.
    return range[0] + this.ctx.random.int(range[1] - range[0] + 1);
  }

  /** `periodic`: a timer that only confirms a steady state (see probes.ts); it doesn't block "quiet". */
  schedule(at: number, data: TimerData, periodic = false): void {
    this.ctx.queue.schedule(at, this.component, this.name, data, periodic ? PERIODIC : NOT_PERIODIC);
  }

  podObject(ps: PodState): KubeObject | undefined {
    const pod = this.ctx.store.get('pods', ps.namespace, ps.name);
    return pod && pod.metadata.uid === ps.uid ? pod : undefined;
  }

  containerSpec(ps: PodState, c: ContainerState): Container {
    return containerSpecIn(this.podObject(ps), c);
  }

  /** An Event from this kubelet about the pod, or one of its containers (with its fieldPath). */
  record(ps: PodState, c: ContainerState | undefined, type: EventType, reason: string, message: string): void {
    const ref = { apiVersion: 'v1', kind: 'Pod', namespace: ps.namespace, name: ps.name, uid: ps.uid };
    const fieldPath = c ? containerFieldPath(c) : undefined;
    this.ctx.record(this.eventSource, ref, type, reason, message, fieldPath);
  }

  /** The status manager: statuses are posted once the current instant's work is done. */
  markDirty(ps: PodState): void {
    if (this.dirty.length === 0) this.onDirty(this);
    if (!this.dirty.includes(ps)) this.dirty.push(ps);
  }

  hasDirty(): boolean {
    return this.dirty.length > 0;
  }

  flush(): void {
    // Taken whole: pods marked while posting wait for the next flush.
    const pods = this.dirty;
    this.dirty = [];
    for (const ps of pods) this.post(ps);
  }

  private post(ps: PodState): void {
    const pod = this.podObject(ps);
    if (!pod) return;
    // Parts that did not change are the stored status's own: the new version shares them.
    const status = buildPodStatus(pod, ps, this.state.spec.internalIP, this.now());
    if (deepEqual(pod.status, status)) return;
    try {
      // The status was built afresh for this write (parts it shares come from the stored, never
      // mutated pod): hand it over rather than have the server copy it.
      // One literal of the pod's keys rather than a spread of the stored object (whose shapes vary).
      const write: KubeObject = { apiVersion: pod.apiVersion, kind: pod.kind, metadata: pod.metadata, spec: pod.spec, status };
      this.ctx.api.updateStatus('pods', write, POST_OPTIONS);
    } catch {
      // The pod went away meanwhile: its DELETED event cleans up.
    }
  }

  /** A pod bound to this node was added, changed or removed. */
  handlePod(uid: string, pod: KubeObject | undefined): void {
    if (!this.state.alive) return;
    const ps = this.state.pods[uid];
    if (!pod) {
      if (ps) this.forget(ps);
      return;
    }
    if (!ps) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      this.admit(pod);
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      if (ps.terminating) updateTermination(this, ps, pod);
      else beginTermination(this, ps, pod);
    }
  }

  admit(pod: KubeObject): PodState {
    const m = pod.metadata;
    const ps: PodState = {
      uid: m.uid!,
      namespace: m.namespace!,
      name: m.name,
      admittedAt: this.now(),
      sandbox: 1,
      sandboxReady: false,
      startTime: this.now(),
      containers: containersOf(pod),
      conditions: {},
      specHash: {},
    };
    this.state.pods[ps.uid] = ps;
    this.markDirty(ps);
    if (m.deletionTimestamp) beginTermination(this, ps, pod);
    else this.schedule(this.now() + this.jitter(SANDBOX_MS), { k: 'sandbox', uid: ps.uid, sandbox: ps.sandbox, boot: this.state.boot });
    return ps;
  }

  private onSandbox(ps: PodState, sandbox: number): void {
    if (ps.sandbox !== sandbox || ps.sandboxReady || ps.terminating) return;
    // hostNetwork pods get no address from the pod CIDR (their status shows the node's IP).
    if (!this.podObject(ps)?.spec?.hostNetwork) ps.podIP = allocateIp(this.state.ipam, ps.uid);
    ps.sandboxReady = true;
    this.markDirty(ps);
    this.advance(ps);
  }

  /** Starts what can start: the next init container, or the app containers in order. */
  advance(ps: PodState): void {
    if (!ps.sandboxReady || ps.terminating || ps.finished) return;
    // The first init container that has not succeeded yet, if any, is the one to run.
    for (const c of ps.containers) {
      if (!c.init || (c.step === 'done' && c.terminated?.exitCode === 0)) continue;
      if (c.step === 'idle') beginImage(this, ps, c);
      return;
    }
    for (const c of ps.containers) {
      if (c.init) continue;
      if (c.step === 'idle') beginImage(this, ps, c);
      // Pulls and creates are synchronous in the kubelet's SyncPod: later containers wait.
      if (c.step === 'pulling' || c.step === 'creating') return;
    }
  }

  forget(ps: PodState): void {
    for (const c of ps.containers) this.live.delete(c);
    releaseIp(this.state.ipam, ps.podIP, ps.uid);
    this.state.pullQueue = this.state.pullQueue.filter((r, i) => r.uid !== ps.uid || (i === 0 && r.startedAt !== undefined));
    for (const key of Object.keys(this.state.crashBackoff)) if (key.startsWith(ps.uid)) delete this.state.crashBackoff[key];
    for (const key of Object.keys(this.state.pullBackoff)) if (key.startsWith(ps.uid)) delete this.state.pullBackoff[key];
    delete this.state.pods[ps.uid];
    const i = this.dirty.indexOf(ps);
    if (i >= 0) this.dirty.splice(i, 1);
  }

  onTimer(data: TimerData): void {
    if (!this.state.alive || data.boot !== this.state.boot) return;
    const ps = this.state.pods[data.uid];
    if (data.k === 'pullDone') return onPullDone(this, data.uid, data.container);
    if (!ps) return;
    if (data.k === 'sandbox') return this.onSandbox(ps, data.sandbox);
    const c = containerNamed(ps, data.container);
    if (!c || c.instance !== data.instance) return;
    switch (data.k) {
      case 'create':
        return onCreateDue(this, ps, c);
      case 'start':
        return onStartDue(this, ps, c);
      case 'proc':
        return onProcTimer(this, ps, c);
      case 'termExit':
        return onTermExit(this, ps, c, data.exitCode);
      case 'sync':
        return onRestartSync(this, ps, c);
      case 'pullSync':
        return onPullSync(this, ps, c);
      case 'pullRetry':
        return onPullRetry(this, ps, c);
      case 'probe':
        return onProbe(this, ps, c, data.probe);
      case 'kill':
        return onKillDue(this, ps, c);
    }
  }
}

const appFieldPaths = new NameCache((name) => `spec.containers{${name}}`);
const initFieldPaths = new NameCache((name) => `spec.initContainers{${name}}`);

/** `spec.containers{name}`: where an Event about the container points. */
function containerFieldPath(c: ContainerState): string {
  return (c.init ? initFieldPaths : appFieldPaths).get(c.name);
}

/** The container's spec in `pod` (the stored one), or its name and image when there is none. */
export function containerSpecIn(pod: KubeObject | undefined, c: ContainerState): Container {
  const list: Container[] = (c.init ? pod?.spec?.initContainers : pod?.spec?.containers) ?? NO_SPECS;
  for (const spec of list) if (spec.name === c.name) return spec;
  return { name: c.name, image: c.image };
}

/** A loop rather than `find`: no closure per timer. */
export function containerNamed(ps: PodState, name: string): ContainerState | undefined {
  for (const c of ps.containers) if (c.name === name) return c;
  return undefined;
}

/** The pod's containers, init ones first; one app container (the usual pod) as a literal: a list grown by push keeps spare room for as long as the pod is here. */
function containersOf(pod: KubeObject): ContainerState[] {
  const inits: Container[] = pod.spec?.initContainers ?? NO_SPECS;
  const apps: Container[] = pod.spec?.containers ?? NO_SPECS;
  if (inits.length === 0 && apps.length === 1) return [newContainer(apps[0], false)];
  const containers: ContainerState[] = [];
  for (const c of inits) containers.push(newContainer(c, true));
  for (const c of apps) containers.push(newContainer(c, false));
  return containers;
}

function newContainer(spec: Container, init: boolean): ContainerState {
  return {
    name: spec.name,
    init,
    image: spec.image ?? '',
    step: 'idle',
    instance: 0,
    restartCount: 0,
    ready: false,
    started: false,
    probes: {},
    logs: [],
    previousLogs: [],
  };
}
