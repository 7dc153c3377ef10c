/**
 * Runs level-triggered controllers as kube-controller-manager does: watch events only enqueue
 * keys; a reconcile re-reads the store and returns the changes to make; the manager applies them
 * through the API, and requeues with back-off when a write fails (a conflict, a lost race).
 */
import type { PatchType } from '../api/patch';
import type { DeleteOptions } from '../api/server';
import type { EventSource, EventType } from '../api/events';
import { isApiError, type ApiError } from '../api/errors';
import type { KubeObject } from '../objects';
import type { Component, SimContext } from '../sim/component';
import type { TimedEvent } from '../sim/eventQueue';
import type { Store, StoreEvent } from '../store/store';
import { WorkQueue } from './workQueue';

/**
 * Follow-ups of a create or delete: `onSuccess` runs with the object the API returned (a generated
 * name is known only then: `Created pod: web-7c5ddbdf54-x2x4q`), `onError` with the API error
 * before the key is retried (`FailedCreate`). Both return more changes to apply.
 */
/** The field manager of every controller's writes (managedFields), as kube-controller-manager's. */
const WRITER = { fieldManager: 'kube-controller-manager' };

export interface FollowUps {
  onSuccess?: (result: KubeObject) => Change[];
  onError?: (error: ApiError) => Change[];
}

export type Change =
  | ({ op: 'create'; resource: string; object: KubeObject } & FollowUps)
  | { op: 'update'; resource: string; object: KubeObject; subresource?: 'finalize' }
  | { op: 'updateStatus'; resource: string; object: KubeObject }
  | { op: 'patch'; resource: string; namespace?: string; name: string; patchType: PatchType; patch: unknown }
  | ({ op: 'delete'; resource: string; namespace?: string; name: string; options?: DeleteOptions } & FollowUps)
  | { op: 'event'; object: KubeObject; type: EventType; reason: string; message: string }
  /** Reconcile this key again after `ms` of virtual time (minReadySeconds, deadlines). */
  | { op: 'requeueAfter'; ms: number; key?: string };

/**
 * Maps a watched object's change to the keys of the objects to reconcile. `live` is what the store
 * holds under the object's name as the event is dispatched (undefined once it is deleted): looked
 * up once for all the mappers, where each looked it up again.
 */
export type KeyMapper = (obj: KubeObject, old: KubeObject | undefined, live: KubeObject | undefined) => readonly string[];

/** What a mapper returns for an event that wakes nothing (most do): one shared empty list. */
export const NO_KEYS: readonly string[] = [];

/** Appends `key` to a mapper's keys unless already there (keys in first-seen order, each once). */
export function addKey(keys: string[], key: string): void {
  if (!keys.includes(key)) keys.push(key);
}

export interface Controller {
  /** The component name, also the Event source (`deployment-controller`). */
  readonly name: string;
  readonly watches: Record<string, KeyMapper>;
  /** Declares indexes and keeps the context. */
  setup?(ctx: SimContext): void;
  reconcile(key: string, ctx: SimContext): Change[];
}

/**
 * The one store subscription of all the runners on a store: each event goes only to the mappers
 * watching its resource, in the order the runners started. A subscription per runner made every
 * event — most of them Events and pod status writes that two or three controllers watch — call
 * all dozen controllers. Mappers never write to the store, so running them together, at the
 * first runner's place among the store's listeners, changes nothing they see.
 */
class WatchDispatcher {
  private readonly handlers = new Map<string, WatchHandler[]>();

  constructor(private readonly store: Store) {
    store.subscribe((e) => this.dispatch(e));
  }

  add(resource: string, handler: WatchHandler): void {
    const list = this.handlers.get(resource);
    if (list) list.push(handler);
    else this.handlers.set(resource, [handler]);
  }

  private dispatch(e: StoreEvent): void {
    const list = this.handlers.get(e.resource);
    if (!list) return;
    // Mappers never write to the store, so what it holds stays the same through them all.
    const m = e.object.metadata;
    const live = this.store.get(e.resource, m.namespace, m.name);
    // Indexed loops on the per-event and per-reconcile paths: no iterator objects, even in code
    // not (yet) optimised.
    for (let i = 0; i < list.length; i++) list[i](e, live);
  }
}

type WatchHandler = (e: StoreEvent, live: KubeObject | undefined) => void;

const dispatchers = new WeakMap<Store, WatchDispatcher>();

function watchDispatcher(store: Store): WatchDispatcher {
  let d = dispatchers.get(store);
  if (!d) dispatchers.set(store, (d = new WatchDispatcher(store)));
  return d;
}

const BASE_BACKOFF_MS = 5;

/** Timed-event data marking a requeueAfter timer (retries after errors carry none). */
const REQUEUE = { requeue: true };
const isRequeue = (data: unknown): boolean => (data as { requeue?: boolean } | undefined)?.requeue === true;
const MAX_BACKOFF_MS = 1000 * 1000;

/** The earliest delay a reconcile asks to be requeued after (negative ones count as 0), if any. */
function ownRequeueMs(key: string, changes: Change[]): number | undefined {
  let ms: number | undefined;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    if (c.op === 'requeueAfter' && (c.key === undefined || c.key === key)) {
      const after = Math.max(0, c.ms);
      if (ms === undefined || after < ms) ms = after;
    }
  }
  return ms;
}

/** Wraps a Controller as a simulation Component. */
export class ControllerRunner implements Component {
  readonly name: string;
  /** Who this runner's Events come from: one object for all (the recorder copies what it keeps). */
  private readonly source: EventSource;
  private queue = new WorkQueue();
  private failures = new Map<string, number>();
  private restored = false;
  /** Consecutive immediate requeues per key, for their back-off. */
  private immediate = new Map<string, number>();
  /** When each key's own requeueAfter timer is due (see settleRequeue). */
  private requeues = new Map<string, number>();
  /** The timed event behind each entry of `requeues`, when scheduled by this run (not restored). */
  private requeueEvents = new Map<string, TimedEvent>();
  private ctx!: SimContext;

  constructor(private readonly controller: Controller) {
    this.name = controller.name;
    this.source = { component: controller.name };
  }

  start(ctx: SimContext): void {
    this.ctx = ctx;
    this.controller.setup?.(ctx);
    const watches = this.controller.watches;
    const dispatcher = watchDispatcher(ctx.store);
    for (const [resource, mapper] of Object.entries(watches)) {
      dispatcher.add(resource, (e, live) => {
        const keys = mapper(e.object, e.old, live);
        for (let i = 0; i < keys.length; i++) this.queue.add(keys[i]);
      });
    }
    // Level-triggered from the start: reconcile everything that already exists — unless this
    // runner was restored from a snapshot, whose saved queue already holds the pending work.
    // Mappers still see every object, as some keep caches of what they saw.
    for (const [resource, mapper] of Object.entries(watches)) {
      for (const obj of ctx.store.list(resource)) {
        const keys = mapper(obj, undefined, obj);
        if (!this.restored) for (const key of keys) this.queue.add(key);
      }
    }
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  onTimer(key: string, data?: unknown): void {
    if (isRequeue(data) && (this.requeues.get(key) ?? Infinity) <= this.ctx.now()) {
      this.requeues.delete(key);
      this.requeueEvents.delete(key);
    }
    this.queue.add(key);
  }

  busy(): boolean {
    return this.queue.size > 0;
  }

  work(): boolean {
    const key = this.queue.take();
    if (key === undefined) return false;
    let changes: Change[];
    try {
      changes = this.controller.reconcile(key, this.ctx);
    } catch (e) {
      if (!isApiError(e)) throw e;
      this.retryLater(key);
      return true;
    }
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i];
      try {
        this.apply(key, change);
      } catch (e) {
        if (!isApiError(e)) throw e;
        if ((change.op === 'create' || change.op === 'delete') && change.onError) this.applyBestEffort(key, change.onError(e));
        // The store moved on under us: reconcile again from fresh state, as a real controller would.
        this.retryLater(key);
        return true;
      }
    }
    // Most runners never fail, nor requeue: no look-up of the key in empty maps.
    if (this.failures.size) this.failures.delete(key);
    this.settleRequeue(key, changes);
    return true;
  }

  /**
   * A reconcile's requeueAfter for its own key replaces the wish of the one before: the earliest
   * wins, and a reconcile that asks for none cancels a pending one. Stale timers (a rollout that
   * completed before its progress deadline) would otherwise keep the cluster from being quiet.
   * A pending timer earlier than the new wish is kept: it fires, and that reconcile asks again.
   */
  private settleRequeue(key: string, changes: Change[]): void {
    const ms = ownRequeueMs(key, changes);
    // Most reconciles ask for none, in runners with nothing pending: the clock is not even read
    // (a virtual time is a double, boxed anew by each call that returns one).
    if (ms === undefined && this.immediate.size === 0 && this.requeues.size === 0) return;
    const now = this.ctx.now();
    // The earliest of now + delay is now + the earliest delay (addition rounds monotonically).
    let wish = ms === undefined ? undefined : now + ms;
    // An immediate requeue is rate limited (workqueue's AddRateLimited: 5 ms doubling), so a
    // reconcile that keeps asking at once backs off instead of spinning at one instant.
    if (wish !== undefined && wish <= now) {
      const n = (this.immediate.get(key) ?? 0) + 1;
      this.immediate.set(key, n);
      wish = now + Math.min(BASE_BACKOFF_MS * 2 ** (n - 1), MAX_BACKOFF_MS);
    } else if (this.immediate.size) this.immediate.delete(key);
    if (wish === undefined && this.requeues.size === 0) return;
    const pending = this.requeues.get(key);
    if (pending !== undefined && wish !== undefined && pending <= wish) return;
    if (pending !== undefined) {
      // At most one requeue timer per key is pending: cancel it by reference (O(1)), or by a
      // scan of the queue when it was restored from a snapshot.
      const ev = this.requeueEvents.get(key);
      if (!ev || !this.ctx.queue.cancelEvent(ev)) this.ctx.queue.cancel((e) => e.target === this.name && e.key === key && isRequeue(e.data));
      this.requeues.delete(key);
      this.requeueEvents.delete(key);
    }
    if (wish === undefined) return;
    this.requeueEvents.set(key, this.ctx.queue.schedule(wish, this.name, key, REQUEUE));
    this.requeues.set(key, wish);
  }

  /**
   * A requeue of another key adds a timer only when none is pending at or before that time, so
   * re-reconciling everything after a restore does not stack duplicates of timers that exist.
   */
  private requeueOther(target: string, at: number): void {
    const pending = this.requeues.get(target);
    if (pending !== undefined && pending >= this.ctx.now() && pending <= at) return;
    this.ctx.queue.schedule(at, this.name, target, REQUEUE);
    this.requeues.set(target, pending !== undefined && pending >= this.ctx.now() ? Math.min(pending, at) : at);
  }

  snapshot(): unknown {
    return { queue: this.queue.keys(), failures: [...this.failures], requeues: [...this.requeues], immediate: [...this.immediate] };
  }

  restore(state: unknown): void {
    this.restored = true;
    const s = state as { queue: string[]; failures: [string, number][]; requeues?: [string, number][]; immediate?: [string, number][] };
    for (const k of s.queue) this.queue.add(k);
    this.failures = new Map(s.failures);
    this.requeues = new Map(s.requeues ?? []);
    this.immediate = new Map(s.immediate ?? []);
  }

  private retryLater(key: string): void {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    const delay = Math.min(BASE_BACKOFF_MS * 2 ** (n - 1), MAX_BACKOFF_MS);
    this.ctx.queue.after(delay, this.name, key);
  }

  /** Applies follow-ups of a failed write (events); their own failures are dropped. */
  private applyBestEffort(key: string, changes: Change[]): void {
    for (const c of changes) {
      try {
        this.apply(key, c);
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
  }

  private apply(key: string, c: Change): void {
    const api = this.ctx.api;
    switch (c.op) {
      case 'create': {
        const created = api.create(c.resource, c.object, WRITER);
        if (c.onSuccess) for (const next of c.onSuccess(created)) this.apply(key, next);
        return;
      }
      case 'update':
        api.update(c.resource, c.object, c.subresource ? { subresource: c.subresource, ...WRITER } : WRITER);
        return;
      case 'updateStatus':
        api.updateStatus(c.resource, c.object, WRITER);
        return;
      case 'patch':
        api.patch(c.resource, c.namespace, c.name, c.patchType, c.patch, WRITER);
        return;
      case 'delete': {
        let deleted: KubeObject;
        try {
          deleted = api.delete(c.resource, c.namespace, c.name, c.options);
        } catch (e) {
          if (!isApiError(e, 'NotFound')) throw e;
          return;
        }
        if (c.onSuccess) for (const next of c.onSuccess(deleted)) this.apply(key, next);
        return;
      }
      case 'event':
        this.ctx.record(this.source, c.object, c.type, c.reason, c.message);
        return;
      case 'requeueAfter':
        // A requeue of the reconciled key itself is scheduled by settleRequeue once all changes applied.
        if (c.key !== undefined && c.key !== key) this.requeueOther(c.key, this.ctx.now() + Math.max(0, c.ms));
        return;
    }
  }
}
