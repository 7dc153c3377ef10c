/**
 * The pod status the kubelet posts, computed purely from its own state (kubelet's
 * generateAPIPodStatus + getPhase + the status manager's transition times): phase, the five
 * conditions, container statuses, IPs, QoS class.
 */
import { podQOSClass } from '../api/kinds/qos';
import type { KubeObject } from '../objects';
import { reuseUnchanged, sameEntries } from '../util/clone';
import { formatRFC3339, parseTime } from '../util/time';
import { NameCache } from './nameCache';
import { condition } from './podConditions';
import type { ContainerState, PodState, TerminatedInfo } from './types';

const NO_STATUS: Record<string, unknown> = {};
const NO_SPEC: Record<string, unknown> = {};

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

/**
 * The container's state: the stored one, not built again, when it says the same (the usual case);
 * a running or plain waiting state is one object for all the containers that are in it (stored
 * objects are never changed, so pods may share them); else built and shared where unchanged.
 */
function stateStatus(c: ContainerState, prev: unknown): unknown {
  if (c.step === 'running' && c.startedAt !== undefined) return sharedState(prev, 'running', 'startedAt', formatRFC3339(c.startedAt));
  if (c.waiting && !c.waiting.message) return sharedState(prev, 'waiting', 'reason', c.waiting.reason);
  if (!c.waiting && !c.terminated) return sharedState(prev, 'waiting', 'reason', c.init ? 'PodInitializing' : 'ContainerCreating');
  return reuseUnchanged(prev, stateJSON(c));
}

/** `{ [state]: { [key]: value } }`: `prev` when it is just that, else the one object saying it. */
function sharedState(prev: unknown, state: 'running' | 'waiting', key: string, value: string): unknown {
  const inner = onlyEntry(prev, state);
  if (inner !== undefined && onlyEntry(inner, key) === value) return prev;
  return SHARED_STATES[state].get(value);
}

/** States by their one value: a running one by its start time, a waiting one by its reason. */
const SHARED_STATES = {
  running: new NameCache((startedAt) => ({ running: { startedAt } })),
  waiting: new NameCache((reason) => ({ waiting: { reason } })),
};

/** Read only: the lastState of every container that has none. */
const NO_LAST_STATE = {};

/** The stored lastState when it is empty and still should be. */
function lastStateStatus(c: ContainerState, prev: unknown): unknown {
  const last = c.waiting && c.terminated ? c.terminated : c.lastTerminated;
  if (!last) return isEmptyObject(prev) ? prev : NO_LAST_STATE;
  return reuseUnchanged(prev, lastStateJSON(c));
}

/** `o[key]` when `o` is a plain object with that one key; else undefined. */
function onlyEntry(o: unknown, key: string): unknown {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return undefined;
  let found = false;
  for (const k in o) {
    if (k !== key || found) return undefined;
    found = true;
  }
  return found ? (o as Record<string, unknown>)[key] : undefined;
}

function isEmptyObject(o: unknown): boolean {
  return o !== null && typeof o === 'object' && !Array.isArray(o) && !hasKeys(o);
}

/** While a dead container waits to restart, the instance that just died is already lastState. */
function lastStateJSON(c: ContainerState): Record<string, unknown> {
  const last = c.waiting && c.terminated ? c.terminated : c.lastTerminated;
  return last ? { terminated: terminatedJSON(last) } : {};
}

/**
 * A container's status. Parts that are the same as those of `prev` (its stored status) are
 * prev's own, so that an unchanged container status is found the same without copying it.
 */
export function containerStatusJSON(c: ContainerState, spec: any, prev: Record<string, any> = NO_STATUS): Record<string, unknown> {
  const state = stateStatus(c, prev.state);
  const lastState = lastStateStatus(c, prev.lastState);
  const image = c.imageRef ?? spec.image;
  const imageID = c.imageID ?? '';
  // One literal per usual shape: no growing the object key by key.
  const out: Record<string, unknown> = c.containerID
    ? { name: c.name, state, lastState, ready: c.ready, restartCount: c.restartCount, image, imageID, containerID: c.containerID, started: c.started }
    : { name: c.name, state, lastState, ready: c.ready, restartCount: c.restartCount, image, imageID, started: c.started };
  if (spec.resources && hasKeys(spec.resources)) out.resources = reuseUnchanged(prev.resources, spec.resources);
  if (spec.volumeMounts?.length) out.volumeMounts = volumeMountsStatus(spec.volumeMounts, prev.volumeMounts);
  return out;
}

/** The stored list when it already says what these mounts would (they rarely change). */
function volumeMountsStatus(mounts: any[], prev: unknown): unknown {
  if (Array.isArray(prev) && prev.length === mounts.length && sameMounts(prev, mounts)) return prev;
  return reuseUnchanged(prev, mounts.map(volumeMountStatus));
}

function sameMounts(prev: unknown[], mounts: any[]): boolean {
  for (let i = 0; i < mounts.length; i++) if (!sameMount(prev[i], mounts[i])) return false;
  return true;
}

const MOUNT_KEYS = ['name', 'mountPath'];
const READ_ONLY_MOUNT_KEYS = ['name', 'mountPath', 'readOnly', 'recursiveReadOnly'];

/** Whether `p` is what volumeMountStatus builds for `m`: the same values and keys, in its order. */
function sameMount(p: unknown, m: any): boolean {
  if (p === null || typeof p !== 'object') return false;
  const v = p as Record<string, unknown>;
  const readOnly = !!m.readOnly;
  if (v.name !== m.name || v.mountPath !== m.mountPath) return false;
  if (v.readOnly !== (readOnly || undefined) || v.recursiveReadOnly !== (readOnly ? 'Disabled' : undefined)) return false;
  const keys = readOnly ? READ_ONLY_MOUNT_KEYS : MOUNT_KEYS;
  let i = 0;
  for (const k in v) if (keys[i++] !== k) return false;
  return i === keys.length;
}

function volumeMountStatus(m: any): Record<string, unknown> {
  const v: Record<string, unknown> = { name: m.name, mountPath: m.mountPath };
  if (m.readOnly) v.readOnly = true;
  if (m.readOnly) v.recursiveReadOnly = 'Disabled';
  return v;
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
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
  const inits = initsOf(ps.containers);
  const apps = appsOf(ps.containers);
  if (!ps.sandboxReady && !apps.some(isRunning)) return 'Pending';
  const initDone = inits.every(initSucceeded);
  if (!initDone) {
    const failed = inits.some(initFailed);
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

// Predicates as module functions: no closure per status built.

function isRunning(c: ContainerState): boolean {
  return c.step === 'running';
}

function initSucceeded(c: ContainerState): boolean {
  return c.step === 'done' && c.terminated?.exitCode === 0;
}

function initFailed(c: ContainerState): boolean {
  return !!c.terminated && c.terminated.exitCode !== 0 && c.step === 'done';
}

/**
 * Builds the status to post; updates the condition transition times kept in `ps`. Parts that are
 * the same as the stored status's (same values, same key order) are the stored ones: the new
 * version shares them, and what did not change is not built again.
 */
export function buildPodStatus(pod: KubeObject, ps: PodState, hostIP: string, now: number): Record<string, unknown> {
  const prev: Record<string, any> = pod.status ?? NO_STATUS;
  const phase = podPhase(pod, ps);
  const gen = pod.metadata.generation;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const inits = initsOf(ps.containers);
  const apps = appsOf(ps.containers);
  if (!ps.conditions.PodScheduled) {
    const scheduled = (prev.conditions ?? NONE).find(isPodScheduled);
    if (scheduled) ps.conditions.PodScheduled = { status: 'True', at: parseTime(String(scheduled.lastTransitionTime)) || now };
  }
  const prevConditions: unknown[] = Array.isArray(prev.conditions) ? prev.conditions : NONE;
  // Ready and ContainersReady say the same: one message for both.
  const unready = unreadyMessage(apps);
  // In this order: each one keeps its transition time in `ps`.
  const toStart = condition(ps, prevConditions[0], 'PodReadyToStartContainers', ps.sandboxReady && !terminal ? 'True' : 'False', now, gen);
  const init = initialized(ps, prevConditions[1], terminal, inits, now, gen);
  const ready = readiness(ps, prevConditions[2], 'Ready', terminal, unready, now, gen);
  const containersReady = readiness(ps, prevConditions[3], 'ContainersReady', terminal, unready, now, gen);
  const podScheduled = condition(ps, prevConditions[4], 'PodScheduled', 'True', now, gen);
  // The stored list when every condition is its own (no list built to find that out).
  const conditionList =
    prevConditions.length === 5 && prevConditions[0] === toStart && prevConditions[1] === init && prevConditions[2] === ready && prevConditions[3] === containersReady && prevConditions[4] === podScheduled
      ? prevConditions
      : [toStart, init, ready, containersReady, podScheduled];
  const hostIPs = hostIpList(prev.hostIPs, hostIP);
  // A hostNetwork pod shares the node's network namespace: the kubelet reports the node's IPs as
  // its pod IPs from the first status on (generateAPIPodStatus), with no sandbox IP allocated.
  const podIP = pod.spec?.hostNetwork ? hostIP : ps.podIP;
  const startTime = formatRFC3339(ps.startTime);
  const initStatuses = inits.length ? containerStatuses(pod, inits, prev.initContainerStatuses) : undefined;
  const appStatuses = containerStatuses(pod, apps, prev.containerStatuses);
  const qosClass = prev.qosClass ?? podQOSClass(pod.spec ?? {});
  if (gen !== undefined && podIP && !initStatuses) {
    // The usual shape as one literal (no growing the object key by key); the same keys in the same order as below.
    const podIPs = ipList(prev.podIPs, podIP);
    return { observedGeneration: gen, phase, conditions: conditionList, hostIP, hostIPs, podIP, podIPs, startTime, containerStatuses: appStatuses, qosClass };
  }
  const status: Record<string, unknown> = {};
  if (gen !== undefined) status.observedGeneration = gen;
  status.phase = phase;
  status.conditions = conditionList;
  status.hostIP = hostIP;
  status.hostIPs = hostIPs;
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = ipList(prev.podIPs, podIP);
  }
  status.startTime = startTime;
  if (initStatuses) status.initContainerStatuses = initStatuses;
  status.containerStatuses = appStatuses;
  status.qosClass = qosClass;
  return status;
}

function isPodScheduled(c: any): boolean {
  return c.type === 'PodScheduled';
}

function initialized(ps: PodState, prev: unknown, terminal: boolean, inits: ContainerState[], now: number, gen: number | undefined) {
  if (terminal) return condition(ps, prev, 'Initialized', 'True', now, gen, inits.length ? 'PodCompleted' : undefined);
  // Names joined as they come: no list (most pods have no init containers at all).
  let incomplete: string | undefined;
  for (const c of inits) if (!initSucceeded(c)) incomplete = incomplete === undefined ? c.name : `${incomplete} ${c.name}`;
  if (incomplete === undefined) return condition(ps, prev, 'Initialized', 'True', now, gen);
  return condition(ps, prev, 'Initialized', 'False', now, gen, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete}]`);
}

/** The message of unready app containers; undefined when all are ready. */
function unreadyMessage(apps: ContainerState[]): string | undefined {
  let names: string | undefined;
  for (const c of apps) if (!c.ready) names = names === undefined ? c.name : `${names} ${c.name}`;
  return names === undefined ? undefined : UNREADY.get(names);
}

/** By the unready containers' names: replicas starting up all say the same. */
const UNREADY = new NameCache((names) => `containers with unready status: [${names}]`);

/** `[{ ip }]`: the stored list when it is just that. */
function ipList(prev: unknown, ip: string): unknown[] {
  if (isIpList(prev, ip)) return prev;
  return [{ ip }];
}

/** The same for the node's address: one list for all its pods. */
function hostIpList(prev: unknown, ip: string): unknown[] {
  return isIpList(prev, ip) ? prev : HOST_IP_LISTS.get(ip);
}

const HOST_IP_LISTS = new NameCache((ip): unknown[] => [{ ip }]);

function isIpList(prev: unknown, ip: string): prev is unknown[] {
  return Array.isArray(prev) && prev.length === 1 && isIpEntry(prev[0], ip);
}

function isIpEntry(e: unknown, ip: string): boolean {
  if (e === null || typeof e !== 'object' || (e as { ip?: unknown }).ip !== ip) return false;
  for (const k in e) if (k !== 'ip') return false;
  return true;
}

/** The stored list when every status in it is still its own; else a new one (no list built to find that out). */
function containerStatuses(pod: KubeObject, list: ContainerState[], prev: unknown): unknown[] {
  const prevList: unknown[] = Array.isArray(prev) ? prev : NONE;
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const p = prevList[i];
    const prevStatus = p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : NO_STATUS;
    const built = containerStatusJSON(list[i], specFor(pod, list[i].name) ?? NO_SPEC, prevStatus);
    const status = sameEntries(prevStatus, built) ? prevStatus : built;
    if (out !== undefined) out.push(status);
    else if (status !== p) out = changedFrom(prevList, i, status);
  }
  if (out !== undefined) return out;
  return prevList.length === list.length ? prevList : prevList.slice(0, list.length);
}

/**
 * The stored statuses before `i`, then `status`; a literal when it comes first (the usual single
 * container): a list grown from empty by push keeps spare room in the stored pod.
 */
function changedFrom(prev: unknown[], i: number, status: unknown): unknown[] {
  if (i === 0) return [status];
  const out = prev.slice(0, i);
  out.push(status);
  return out;
}

const NONE: string[] = [];
const NO_CONTAINERS: ContainerState[] = [];

/** Init containers, in order (read only: none is a shared empty list). */
function initsOf(list: ContainerState[]): ContainerState[] {
  return hasInit(list) ? list.filter(isInit) : NO_CONTAINERS;
}

/** App containers, in order; without init containers the list itself (read only). */
function appsOf(list: ContainerState[]): ContainerState[] {
  return hasInit(list) ? list.filter(isApp) : list;
}

function hasInit(list: ContainerState[]): boolean {
  for (const c of list) if (c.init) return true;
  return false;
}

function isInit(c: ContainerState): boolean {
  return c.init;
}

function isApp(c: ContainerState): boolean {
  return !c.init;
}

function readiness(ps: PodState, prev: unknown, type: 'Ready' | 'ContainersReady', terminal: boolean, unready: string | undefined, now: number, gen: number | undefined) {
  if (terminal) return condition(ps, prev, type, 'False', now, gen, 'PodCompleted');
  if (unready) return condition(ps, prev, type, 'False', now, gen, 'ContainersNotReady', unready);
  return condition(ps, prev, type, 'True', now, gen);
}

/** The spec of a container by name (an app container's wins, as names are unique anyway). */
function specFor(pod: KubeObject, name: string): any {
  for (const c of pod.spec?.containers ?? []) if (c.name === name) return c;
  for (const c of pod.spec?.initContainers ?? []) if (c.name === name) return c;
  return undefined;
}
