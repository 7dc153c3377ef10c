/**
 * The Simulation ties the engine together: store, API server, virtual clock and timed events,
 * seeded randomness, the event recorder and the components (controllers, scheduler, kubelets,
 * cloud). Time moves only when the caller advances it; at every instant the components are run
 * until none has work left, so same seed + same inputs at the same virtual times ⇒ same state.
 */
import { EVENT_TTL_TARGET, EventRecorder } from '../api/events';
import '../api/kinds';
import { ApiServer } from '../api/server';
import { Store, type StoreSnapshot } from '../store/store';
import type { Component, SimContext } from './component';
import { EventQueue, type QueueState } from './eventQueue';
import { Random, type RandomState } from './random';

export interface SimulationOptions {
  seed?: number;
  /** Virtual epoch milliseconds at which the simulation starts. */
  startTime?: number;
}

export interface SimulationSnapshot {
  version: 1;
  store: StoreSnapshot;
  queue: QueueState;
  random: RandomState;
  components: Record<string, unknown>;
}

/** 2026-01-05T09:00:00Z: a Monday morning, the start of a workshop. */
export const DEFAULT_START_TIME = 1767603600000;

/** Work done at one instant before we conclude the components are looping. */
const MAX_WORK_PER_INSTANT = 5_000_000;

export class Simulation {
  readonly store: Store;
  readonly queue: EventQueue;
  readonly random: Random;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly ctx: SimContext;
  private components: Component[] = [];
  private byName = new Map<string, Component>();

  constructor(opts: SimulationOptions = {}, restoreFrom?: SimulationSnapshot) {
    this.store = restoreFrom ? Store.restore(restoreFrom.store) : new Store();
    this.queue = restoreFrom ? EventQueue.fromState(restoreFrom.queue) : new EventQueue(opts.startTime ?? DEFAULT_START_TIME);
    this.random = new Random(restoreFrom ? restoreFrom.random : (opts.seed ?? 1));
    this.api = new ApiServer(this.store, this.queue, this.random);
    this.events = new EventRecorder(this.api, this.queue);
    const events = this.events;
    this.ctx = {
      api: this.api,
      store: this.store,
      queue: this.queue,
      random: this.random,
      events,
      now: () => this.queue.now(),
      record: (source, obj, type, reason, message, fieldPath) => events.record(source, obj, type, reason, message, fieldPath),
    };
  }

  now(): number {
    return this.queue.now();
  }

  /** Adds and starts a component; with a snapshot pending, its saved state is restored first. */
  add(component: Component, savedState?: unknown): void {
    if (this.byName.has(component.name)) throw new Error(`component ${component.name} already added`);
    this.components.push(component);
    this.byName.set(component.name, component);
    if (savedState !== undefined) component.restore?.(savedState);
    component.start(this.ctx);
  }

  component<T extends Component>(name: string): T | undefined {
    return this.byName.get(name) as T | undefined;
  }

  /** Runs every component until none has work at the current instant. */
  settle(): void {
    let budget = MAX_WORK_PER_INSTANT;
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const c of this.components) {
        while (c.work?.()) {
          progressed = true;
          if (--budget <= 0) throw new Error(`components did not settle at ${this.now()}`);
        }
      }
    }
  }

  /** Advances virtual time by `ms`, firing every timed event due on the way. */
  advance(ms: number): void {
    this.advanceTo(this.now() + ms);
  }

  advanceTo(t: number): void {
    this.settle();
    for (;;) {
      const next = this.queue.popDue(t);
      if (!next) break;
      this.queue.setNow(next.at);
      this.fire(next.target, next.key, next.data);
      this.settle();
    }
    this.queue.setNow(Math.max(t, this.now()));
  }

  /**
   * Advances until `done()` holds (checked after each instant) or `maxMs` passes. Returns whether
   * the condition held. This is how commands that wait (`rollout status`, `wait`) run headless.
   */
  runUntil(done: () => boolean, maxMs: number): boolean {
    const deadline = this.now() + maxMs;
    this.settle();
    if (done()) return true;
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.at > deadline) {
        this.queue.setNow(deadline);
        return done();
      }
      this.advanceTo(next.at);
      if (done()) return true;
    }
  }

  /** True when nothing but periodic housekeeping is pending. */
  isQuiet(): boolean {
    if (this.components.some((c) => c.busy?.())) return false;
    return this.queue.nextWork() === undefined;
  }

  /** The time of the next non-periodic event, if any. */
  nextActivity(): number | undefined {
    return this.queue.nextWork()?.at;
  }

  /** Skips ahead until the cluster is quiet or `maxMs` has passed. */
  runUntilQuiet(maxMs = 60 * 60 * 1000): boolean {
    const deadline = this.now() + maxMs;
    this.settle();
    for (;;) {
      if (this.isQuiet()) return true;
      const next = this.nextActivity();
      if (next === undefined || next > deadline) {
        this.advanceTo(deadline);
        return this.isQuiet();
      }
      this.advanceTo(next);
    }
  }

  snapshot(): SimulationSnapshot {
    this.settle();
    const components: Record<string, unknown> = {};
    for (const c of this.components) {
      const s = c.snapshot?.();
      if (s !== undefined) components[c.name] = s;
    }
    return JSON.parse(
      JSON.stringify({ version: 1, store: this.store.snapshot(), queue: this.queue.state(), random: this.random.state(), components }),
    );
  }

  private fire(target: string, key: string, data: unknown): void {
    if (target === EVENT_TTL_TARGET) {
      this.events.expire(key);
      return;
    }
    const c = this.byName.get(target);
    if (!c) throw new Error(`timed event for unknown component ${target}`);
    c.onTimer?.(key, data);
  }
}
