/**
 * The pod status the kubelet posts, computed purely from its own state (kubelet's
 * generateAPIPodStatus + getPhase + the status manager's transition times): phase, the five
 * conditions, container statuses, IPs, QoS class.
 */
import { podQOSClass } from '../api/kinds/qos';
import type { KubeObject } from '../objects';
import { formatRFC3339, parseTime } from '../util/time';
import type { ContainerState, PodState, TerminatedInfo } from './types';

function terminatedJSON(t: TerminatedInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { exitCode: t.exitCode };
  if (t.signal) out.signal = t.signal;
  out.reason = t.reason;
  if (t.message) out.message = t.message;
  out.startedAt = formatRFC3339(t.startedAt);
  out.finishedAt = formatRFC3339(t.finishedAt);
  out.containerID = t.containerID;
  return out;
}

function stateJSON(c: ContainerState): Record<string, unknown> {
  if (c.step === 'running' && c.startedAt !== undefined) return { running: { startedAt: formatRFC3339(c.startedAt) } };
  if (c.waiting) return { waiting: c.waiting.message ? { reason: c.waiting.reason, message: c.waiting.message } : { reason: c.waiting.reason } };
  if (c.terminated) return { terminated: terminatedJSON(c.terminated) };
  return { waiting: { reason: c.init ? 'PodInitializing' : 'ContainerCreating' } };
}

/** While a dead container waits to restart, the instance that just died is already lastState. */
function lastStateJSON(c: ContainerState): Record<string, unknown> {
  const last = c.waiting && c.terminated ? c.terminated : c.lastTerminated;
  return last ? { terminated: terminatedJSON(last) } : {};
}

export function containerStatusJSON(c: ContainerState, spec: any): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: c.name,
    state: stateJSON(c),
    lastState: lastStateJSON(c),
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.imageRef ?? spec.image,
    imageID: c.imageID ?? '',
  };
  if (c.containerID) out.containerID = c.containerID;
  out.started = c.started;
  if (spec.resources && Object.keys(spec.resources).length) out.resources = spec.resources;
  if (spec.volumeMounts?.length) {
    out.volumeMounts = spec.volumeMounts.map((m: any) => {
      const v: Record<string, unknown> = { name: m.name, mountPath: m.mountPath };
      if (m.readOnly) v.readOnly = true;
      if (m.readOnly) v.recursiveReadOnly = 'Disabled';
      return v;
    });
  }
  return out;
}

type Counts = { waiting: number; running: number; stopped: number; succeeded: number; failed: number };

function count(list: ContainerState[]): Counts {
  const n: Counts = { waiting: 0, running: 0, stopped: 0, succeeded: 0, failed: 0 };
  for (const c of list) {
    const last = c.terminated ?? c.lastTerminated;
    if (c.step === 'running') n.running++;
    else if (!last) n.waiting++;
    else {
      n.stopped++;
      if (last.exitCode === 0) n.succeeded++;
      else n.failed++;
    }
  }
  return n;
}

/** kubelet's getPhase, from the containers' states. */
export function podPhase(pod: KubeObject, ps: PodState): string {
  if (ps.finished) return ps.finished;
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  const { inits, apps } = split(ps.containers);
  if (!ps.sandboxReady && !apps.some((c) => c.step === 'running')) return 'Pending';
  const initDone = inits.every((c) => c.step === 'done' && c.terminated?.exitCode === 0);
  if (!initDone) {
    const failed = inits.some((c) => c.terminated && c.terminated.exitCode !== 0 && c.step === 'done');
    return failed && restartPolicy === 'Never' ? 'Failed' : 'Pending';
  }
  const n = count(apps);
  if (n.waiting > 0) return 'Pending';
  if (n.running > 0) return 'Running';
  if (n.stopped > 0) {
    if (restartPolicy === 'Always') return 'Running';
    if (n.stopped === n.succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(ps: PodState, type: string, status: string, now: number, generation: number | undefined, reason?: string, message?: string) {
  const prev = ps.conditions[type];
  if (!prev || prev.status !== status) ps.conditions[type] = { status, at: now };
  const c: Record<string, unknown> = { type };
  if (generation !== undefined) c.observedGeneration = generation;
  c.status = status;
  c.lastProbeTime = null;
  c.lastTransitionTime = formatRFC3339(ps.conditions[type].at);
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** Builds the status to post; updates the condition transition times kept in `ps`. */
export function buildPodStatus(pod: KubeObject, ps: PodState, hostIP: string, now: number): Record<string, unknown> {
  const phase = podPhase(pod, ps);
  const gen = pod.metadata.generation;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const { inits, apps } = split(ps.containers);
  const incomplete = inits.length ? inits.filter((c) => !(c.step === 'done' && c.terminated?.exitCode === 0)).map((c) => c.name) : NONE;
  const unready: string[] = [];
  for (const c of apps) if (!c.ready) unready.push(c.name);
  const scheduled = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
  if (scheduled && !ps.conditions.PodScheduled) ps.conditions.PodScheduled = { status: 'True', at: parseTime(String(scheduled.lastTransitionTime)) || now };
  const conditions = [
    condition(ps, 'PodReadyToStartContainers', ps.sandboxReady && !terminal ? 'True' : 'False', now, gen),
    terminal
      ? condition(ps, 'Initialized', 'True', now, gen, inits.length ? 'PodCompleted' : undefined)
      : incomplete.length
        ? condition(ps, 'Initialized', 'False', now, gen, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`)
        : condition(ps, 'Initialized', 'True', now, gen),
    readiness(ps, 'Ready', terminal, unready, now, gen),
    readiness(ps, 'ContainersReady', terminal, unready, now, gen),
    condition(ps, 'PodScheduled', 'True', now, gen),
  ];
  const status: Record<string, unknown> = {};
  if (gen !== undefined) status.observedGeneration = gen;
  status.phase = phase;
  status.conditions = conditions;
  status.hostIP = hostIP;
  status.hostIPs = [{ ip: hostIP }];
  // A hostNetwork pod shares the node's network namespace: the kubelet reports the node's IPs as
  // its pod IPs from the first status on (generateAPIPodStatus), with no sandbox IP allocated.
  const podIP = pod.spec?.hostNetwork ? hostIP : ps.podIP;
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  status.startTime = formatRFC3339(ps.startTime);
  if (inits.length) status.initContainerStatuses = inits.map((c) => containerStatusJSON(c, specFor(pod, c.name) ?? {}));
  status.containerStatuses = apps.map((c) => containerStatusJSON(c, specFor(pod, c.name) ?? {}));
  status.qosClass = pod.status?.qosClass ?? podQOSClass(pod.spec ?? {});
  return status;
}

const NONE: string[] = [];
const NO_CONTAINERS: ContainerState[] = [];

/** Init and app containers, in order; without init containers the list itself (read only). */
function split(list: ContainerState[]): { inits: ContainerState[]; apps: ContainerState[] } {
  if (!list.some((c) => c.init)) return { inits: NO_CONTAINERS, apps: list };
  return { inits: list.filter((c) => c.init), apps: list.filter((c) => !c.init) };
}

function readiness(ps: PodState, type: 'Ready' | 'ContainersReady', terminal: boolean, unready: string[], now: number, gen: number | undefined) {
  if (terminal) return condition(ps, type, 'False', now, gen, 'PodCompleted');
  if (unready.length) return condition(ps, type, 'False', now, gen, 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`);
  return condition(ps, type, 'True', now, gen);
}

/** The spec of a container by name (an app container's wins, as names are unique anyway). */
function specFor(pod: KubeObject, name: string): any {
  for (const c of pod.spec?.containers ?? []) if (c.name === name) return c;
  for (const c of pod.spec?.initContainers ?? []) if (c.name === name) return c;
  return undefined;
}
