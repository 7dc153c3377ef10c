/**
 * The kubelet's image manager: pull policy against the node's image cache, pulls serialised per
 * node (serializeImagePulls defaults to true), per pod+image back-off (10 s doubling to 5 min),
 * and the events and waiting reasons a learner sees: Pulling / Pulled / Failed, ErrImagePull then
 * ImagePullBackOff, InvalidImageName, ErrImageNeverPull.
 */
import { formatGoDuration as goDuration } from '../util/duration';
import { backoffNext, inBackoffSinceUpdate } from './backoff';
import { createContainer, waitingToCreate } from './containers';
import { containerNamed, type NodeKubelet } from './kubelet';
import { NameCache } from './nameCache';
import type { ContainerState, PodState } from './types';

/**
 * After a failed pull the pod worker requeues the pod with the kubelet's backOffPeriod (10 s,
 * jittered by up to half): only then does the next sync find the image in back-off and report
 * ImagePullBackOff (a status-only change of the pod does not wake the worker).
 */
const RESYNC_AFTER_FAILURE_MS: [number, number] = [10_000, 15_000];
/** The pod worker's requeue period while a sync keeps failing. */
export const WORKER_BACKOFF_MS = 10_000;

/** `imagePullPolicy` as defaulted by the apiserver when the pod did not say. */
export function pullPolicyOf(image: string, policy: string | undefined): string {
  if (policy) return policy;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const tagged = last.includes(':') && !last.endsWith(':latest');
  return image.includes('@') || tagged ? 'IfNotPresent' : 'Always';
}

function pullKey(ps: PodState, c: ContainerState): string {
  return `${ps.uid}_${c.image}`;
}

const ALREADY_PRESENT = new NameCache((image) => `Container image "${image}" already present on machine`);
const PULLING = new NameCache((image) => `Pulling image "${image}"`);

/** EnsureImageExists, then create the container once the image is there. */
export function beginImage(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  const spec = k.containerSpec(ps, c);
  c.image = spec.image ?? '';
  c.instance++;
  const resolved = k.runtime.resolveImage(c.image, k.platform);
  k.markDirty(ps);
  if (!resolved.ok && resolved.reason === 'InvalidImageName') {
    k.record(ps, c, 'Warning', 'InspectFailed', resolved.message);
    return fail(k, ps, c, 'InvalidImageName', resolved.message);
  }
  const cached = resolved.ok ? k.state.images[resolved.ref] : undefined;
  const policy = pullPolicyOf(c.image, spec.imagePullPolicy);
  if (policy === 'Never' || (policy === 'IfNotPresent' && cached)) {
    if (cached && resolved.ok) {
      k.record(ps, c, 'Normal', 'Pulled', ALREADY_PRESENT.get(c.image));
      c.imageRef = resolved.ref;
      c.imageID = cached.imageID;
      return createContainer(k, ps, c);
    }
    const msg = `Container image "${c.image}" is not present with pull policy of Never`;
    k.record(ps, c, 'Warning', 'ErrImageNeverPull', msg);
    return fail(k, ps, c, 'ErrImageNeverPull', msg);
  }
  // No key to build while nothing is backing off (the usual case).
  if (hasEntries(k.state.pullBackoff) && inBackoffSinceUpdate(k.state.pullBackoff, pullKey(ps, c), k.now())) return pullBackOff(k, ps, c);
  k.record(ps, c, 'Normal', 'Pulling', PULLING.get(c.image));
  c.step = 'pulling';
  c.waiting = waitingToCreate(c);
  k.state.pullQueue.push({ uid: ps.uid, container: c.name, image: c.image, enqueuedAt: k.now() });
  pumpPulls(k);
}

function hasEntries(table: object): boolean {
  for (const _ in table) return true;
  return false;
}

function fail(k: NodeKubelet, ps: PodState, c: ContainerState, reason: string, message: string): void {
  k.record(ps, c, 'Warning', 'Failed', `Error: ${reason}`);
  c.step = 'pullFailed';
  c.waiting = { reason, message };
  k.markDirty(ps);
}

/** Starts the pull at the head of the node's queue, if none is running. */
export function pumpPulls(k: NodeKubelet): void {
  const head = k.state.pullQueue[0];
  if (!head || head.startedAt !== undefined) return;
  head.startedAt = k.now();
  const resolved = k.runtime.resolveImage(head.image, k.platform);
  const ms = resolved.ok
    ? k.runtime.pullDuration(resolved, !!k.state.images[resolved.ref], k.draw)
    : k.runtime.pullFailureDuration(k.draw);
  k.schedule(k.now() + ms, { k: 'pullDone', uid: head.uid, container: head.container, boot: k.state.boot });
}

export function onPullDone(k: NodeKubelet, uid: string, container: string): void {
  const head = k.state.pullQueue[0];
  if (!head || head.uid !== uid || head.container !== container) return;
  k.state.pullQueue.shift();
  pumpPulls(k);
  const ps = k.state.pods[uid];
  const c = ps ? containerNamed(ps, container) : undefined;
  if (!ps || !c || c.step !== 'pulling' || ps.terminating) return;
  const resolved = k.runtime.resolveImage(head.image, k.platform);
  const now = k.now();
  if (!resolved.ok) {
    k.record(ps, c, 'Warning', 'Failed', `Failed to pull image "${head.image}": ${resolved.message}`);
    const entry = backoffNext(k.state.pullBackoff, pullKey(ps, c), now, now);
    fail(k, ps, c, 'ErrImagePull', resolved.message);
    k.schedule(now + k.jitter(RESYNC_AFTER_FAILURE_MS), { k: 'pullSync', uid, container, instance: c.instance, boot: k.state.boot });
    k.schedule(entry.lastUpdate + entry.delay, { k: 'pullRetry', uid, container, instance: c.instance, boot: k.state.boot });
    k.advance(ps);
    return;
  }
  k.state.images[resolved.ref] = { imageID: resolved.imageID, size: resolved.size };
  const took = goDuration(now - head.startedAt!);
  const total = goDuration(now - head.enqueuedAt);
  k.record(ps, c, 'Normal', 'Pulled', `Successfully pulled image "${head.image}" in ${took} (${total} including waiting). Image size: ${resolved.size} bytes.`);
  c.imageRef = resolved.ref;
  c.imageID = resolved.imageID;
  createContainer(k, ps, c);
}

/** A sync while the pull is backing off: ImagePullBackOff, and its events again. */
function pullBackOff(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  const msg = `Back-off pulling image "${c.image}"`;
  k.record(ps, c, 'Normal', 'BackOff', msg);
  k.record(ps, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
  c.step = 'pullFailed';
  c.waiting = { reason: 'ImagePullBackOff', message: msg };
  k.markDirty(ps);
  const entry = k.state.pullBackoff[pullKey(ps, c)];
  const retryAt = entry.lastUpdate + entry.delay;
  const next = k.now() + WORKER_BACKOFF_MS;
  if (next < retryAt) k.schedule(next, { k: 'pullSync', uid: ps.uid, container: c.name, instance: c.instance, boot: k.state.boot });
}

export function onPullSync(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  if (c.step !== 'pullFailed' || ps.terminating) return;
  if (c.waiting?.reason !== 'ErrImagePull' && c.waiting?.reason !== 'ImagePullBackOff') return;
  if (inBackoffSinceUpdate(k.state.pullBackoff, pullKey(ps, c), k.now())) pullBackOff(k, ps, c);
}

export function onPullRetry(k: NodeKubelet, ps: PodState, c: ContainerState): void {
  if (c.step !== 'pullFailed' || ps.terminating) return;
  c.step = 'idle';
  k.advance(ps);
}
