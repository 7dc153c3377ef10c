/**
 * A pod condition as the kubelet's status manager posts it (type, observedGeneration, status,
 * lastProbeTime, lastTransitionTime, reason, message), with its transition time kept in the
 * pod's state. Pods whose conditions change alike within a second share one object.
 */
import { formatRFC3339 } from '../util/time';
import type { PodState } from './types';

/**
 * One condition, with its transition time kept in `ps`: `prev` itself when it says exactly this
 * (the same keys in the same order), so an unchanged condition costs no new object.
 */
export function condition(ps: PodState, prev: unknown, type: string, status: string, now: number, generation: number | undefined, reason?: string, message?: string) {
  let kept = ps.conditions[type];
  if (!kept || kept.status !== status) ps.conditions[type] = kept = { status, at: now };
  const lastTransitionTime = formatRFC3339(kept.at);
  // The shared object first: the stored condition usually is that very object (nothing to compare).
  const shared = sharedCondition(type, generation, status, lastTransitionTime, reason, message);
  if (prev === shared || sameCondition(prev, type, generation, status, lastTransitionTime, reason, message)) return prev;
  return shared;
}

/**
 * Conditions built, by transition time: the pods that change alike within a second (replicas
 * starting together) share one object — stored objects are never changed. A pure, bounded cache.
 */
const conditionsAt = new Map<string, Record<string, unknown>[]>();
/** Seconds remembered, and conditions per second: past that, the cache starts over or is not used. */
const CONDITION_SECONDS_MAX = 64;
const CONDITIONS_PER_SECOND_MAX = 32;

function sharedCondition(type: string, generation: number | undefined, status: string, ltt: string, reason?: string, message?: string): Record<string, unknown> {
  let known = conditionsAt.get(ltt);
  if (!known) {
    if (conditionsAt.size >= CONDITION_SECONDS_MAX) conditionsAt.clear();
    conditionsAt.set(ltt, (known = []));
  }
  // All built by newCondition: the same values are the same keys in the same order.
  for (const c of known) {
    if (c.type === type && c.status === status && c.observedGeneration === generation && c.reason === (reason || undefined) && c.message === (message || undefined)) return c;
  }
  const c = newCondition(type, generation, status, ltt, reason, message);
  if (known.length < CONDITIONS_PER_SECOND_MAX) known.push(c);
  return c;
}

function newCondition(type: string, generation: number | undefined, status: string, lastTransitionTime: string, reason?: string, message?: string): Record<string, unknown> {
  // The usual shapes as one literal each: no growing the object key by key.
  if (generation !== undefined && !message) {
    if (!reason) return { type, observedGeneration: generation, status, lastProbeTime: null, lastTransitionTime };
    return { type, observedGeneration: generation, status, lastProbeTime: null, lastTransitionTime, reason };
  }
  if (generation !== undefined && reason) return { type, observedGeneration: generation, status, lastProbeTime: null, lastTransitionTime, reason, message };
  const c: Record<string, unknown> = { type };
  if (generation !== undefined) c.observedGeneration = generation;
  c.status = status;
  c.lastProbeTime = null;
  c.lastTransitionTime = lastTransitionTime;
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/**
 * The keys `condition` writes, in order, by which optional ones it has: index
 * `(observedGeneration ? 1 : 0) | (reason ? 2 : 0) | (message ? 4 : 0)`.
 */
const CONDITION_KEYS: readonly string[][] = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => [
  'type',
  ...(bits & 1 ? ['observedGeneration'] : []),
  'status',
  'lastProbeTime',
  'lastTransitionTime',
  ...(bits & 2 ? ['reason'] : []),
  ...(bits & 4 ? ['message'] : []),
]);

/** Whether `p` is the condition `condition` would build: the same values and keys, in its order. */
function sameCondition(p: unknown, type: string, generation: number | undefined, status: string, ltt: string, reason?: string, message?: string): boolean {
  if (p === null || typeof p !== 'object') return false;
  const c = p as Record<string, unknown>;
  if (c.type !== type || c.status !== status || c.lastProbeTime !== null || c.lastTransitionTime !== ltt) return false;
  if (c.observedGeneration !== generation || c.reason !== (reason || undefined) || c.message !== (message || undefined)) return false;
  const keys = CONDITION_KEYS[(generation !== undefined ? 1 : 0) | (reason ? 2 : 0) | (message ? 4 : 0)];
  let i = 0;
  for (const k in c) if (keys[i++] !== k) return false;
  return i === keys.length;
}
