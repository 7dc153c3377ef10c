/**
 * What every simulated component (controllers, the scheduler, each node's kubelet, the cloud)
 * plugs into. Components act only through the API, keep their own state snapshot-able, and are
 * woken by watch events (through the store) and by timed events they schedule on the queue.
 */
import type { EventRecorder, EventSource, EventType, InvolvedObject } from '../api/events';
import type { ApiServer } from '../api/server';
import type { KubeObject } from '../objects';
import type { Store } from '../store/store';
import type { EventQueue } from './eventQueue';
import type { Random } from './random';

export interface SimContext {
  api: ApiServer;
  /** Read-only view for listers and indexes; never write to it directly. */
  store: Store;
  queue: EventQueue;
  random: Random;
  events: EventRecorder;
  now(): number;
  /** Records an Event from `source` about `obj`. */
  record(source: EventSource, obj: KubeObject | InvolvedObject, type: EventType, reason: string, message: string, fieldPath?: string): void;
}

export interface Component {
  /** Unique; also the target of the timed events it schedules. */
  readonly name: string;
  /** Subscribes to the store, declares indexes. Called once, before any work. */
  start(ctx: SimContext): void;
  /** A timed event scheduled with `ctx.queue.schedule(at, this.name, key, data)` is due. */
  onTimer?(key: string, data: unknown): void;
  /** Does one unit of pending work at the current instant; false when there is none. */
  work?(): boolean;
  /** True when work is pending now (cheap; used to decide whether the cluster is quiet). */
  busy?(): boolean;
  snapshot?(): unknown;
  restore?(state: unknown): void;
}
