/**
 * The scheduling queue (pkg/scheduler/backend/queue): an active queue ordered by priority then by
 * the time the pod was queued (PrioritySort), a backoff queue (1 s doubling per attempt up to
 * 10 s), and the unschedulable pods, parked until a cluster event that may help moves them back,
 * or until they have been parked for 5 minutes (the leftover flush). Heaps delete lazily: an
 * entry's `where` and `version` say whether a heap slot is still current.
 */
import { Heap } from './heap';

export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
export const UNSCHEDULABLE_MAX_MS = 5 * 60_000;

export type Where = 'active' | 'backoff' | 'unschedulable' | 'inFlight';

export interface QueuedPod {
  key: string;
  priority: number;
  /** When the pod was (re)queued; the FIFO order and the start of backoff. */
  timestamp: number;
  seq: number;
  attempts: number;
  /** Plugins that rejected the pod last time; empty means any event may help. */
  unschedulablePlugins: string[];
  where: Where;
  version: number;
}

interface Slot {
  qp: QueuedPod;
  version: number;
}

export function backoffDuration(attempts: number): number {
  let d = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    d *= 2;
    if (d > MAX_BACKOFF_MS) return MAX_BACKOFF_MS;
  }
  return d;
}

export class SchedulingQueue {
  readonly pods = new Map<string, QueuedPod>();
  private seq = 0;
  private active = new Heap<Slot>((a, b) => a.qp.priority > b.qp.priority || (a.qp.priority === b.qp.priority && (a.qp.timestamp < b.qp.timestamp || (a.qp.timestamp === b.qp.timestamp && a.qp.seq < b.qp.seq))));
  private backoff = new Heap<Slot>((a, b) => this.backoffEnd(a.qp) < this.backoffEnd(b.qp) || (this.backoffEnd(a.qp) === this.backoffEnd(b.qp) && a.qp.seq < b.qp.seq));
  private activeCount = 0;
  /** The unschedulable (parked) pods, in the order they were parked. */
  readonly parked = new Set<QueuedPod>();

  get activeSize(): number {
    return this.activeCount;
  }

  backoffEnd(qp: QueuedPod): number {
    return qp.timestamp + backoffDuration(qp.attempts);
  }

  /** A new pod to schedule: straight to the active queue. */
  add(key: string, priority: number, now: number): void {
    if (this.pods.has(key)) return;
    const qp: QueuedPod = { key, priority, timestamp: now, seq: this.seq++, attempts: 0, unschedulablePlugins: [], where: 'active', version: 0 };
    this.pods.set(key, qp);
    this.pushActive(qp);
  }

  /** Restores an entry from a snapshot. */
  restoreEntry(qp: QueuedPod): void {
    this.seq = Math.max(this.seq, qp.seq + 1);
    this.pods.set(qp.key, qp);
    if (qp.where === 'active' || qp.where === 'inFlight') this.pushActive(qp);
    else if (qp.where === 'backoff') this.pushBackoff(qp);
    else if (qp.where === 'unschedulable') this.parked.add(qp);
  }

  delete(key: string): void {
    const qp = this.pods.get(key);
    if (!qp) return;
    if (qp.where === 'active') this.activeCount--;
    qp.version++;
    this.parked.delete(qp);
    this.pods.delete(key);
  }

  /** Takes the next pod to schedule; it stays known (in flight) until done() or unschedulable(). */
  pop(): QueuedPod | undefined {
    for (;;) {
      const slot = this.active.pop();
      if (!slot) return undefined;
      const qp = slot.qp;
      if (qp.version !== slot.version || qp.where !== 'active' || this.pods.get(qp.key) !== qp) continue;
      this.activeCount--;
      qp.where = 'inFlight';
      qp.attempts++;
      return qp;
    }
  }

  /** The pod was bound (or no longer needs scheduling). */
  done(key: string): void {
    this.delete(key);
  }

  /** The attempt failed: park the pod until an event or the leftover flush moves it. */
  unschedulable(qp: QueuedPod, plugins: string[], now: number): void {
    qp.unschedulablePlugins = plugins;
    qp.timestamp = now;
    qp.seq = this.seq++;
    qp.where = 'unschedulable';
    qp.version++;
    this.parked.delete(qp);
    this.parked.add(qp);
  }

  /** The pod changed in a way that may make it schedulable (or it could not be bound): retry. */
  requeue(qp: QueuedPod, now: number): void {
    if (qp.where === 'active' || qp.where === 'backoff') return;
    qp.version++;
    this.parked.delete(qp);
    if (qp.attempts > 0 && this.backoffEnd(qp) > now) this.pushBackoff(qp);
    else this.pushActive(qp);
  }

  /** Moves the parked pods `helps` accepts (a cluster event's queueing hints). */
  moveUnschedulable(helps: (qp: QueuedPod) => boolean, now: number): void {
    for (const qp of [...this.parked]) if (helps(qp)) this.requeue(qp, now);
  }

  /** Backoff over: into the active queue. */
  flushBackoff(now: number): void {
    for (;;) {
      const slot = this.backoff.peek();
      if (!slot) return;
      const qp = slot.qp;
      if (qp.version !== slot.version || qp.where !== 'backoff') {
        this.backoff.pop();
        continue;
      }
      if (this.backoffEnd(qp) > now) return;
      this.backoff.pop();
      qp.version++;
      this.pushActive(qp);
    }
  }

  /** Pods parked for 5 minutes are retried whatever happened. */
  flushLeftover(now: number): void {
    this.moveUnschedulable((qp) => now - qp.timestamp >= UNSCHEDULABLE_MAX_MS, now);
  }

  nextBackoffAt(): number | undefined {
    for (;;) {
      const slot = this.backoff.peek();
      if (!slot) return undefined;
      if (slot.qp.version === slot.version && slot.qp.where === 'backoff') return this.backoffEnd(slot.qp);
      this.backoff.pop();
    }
  }

  nextLeftoverAt(): number | undefined {
    // Parked in time order: the first one is the oldest.
    for (const qp of this.parked) return qp.timestamp + UNSCHEDULABLE_MAX_MS;
    return undefined;
  }

  private pushActive(qp: QueuedPod): void {
    qp.where = 'active';
    this.activeCount++;
    this.active.push({ qp, version: qp.version });
  }

  private pushBackoff(qp: QueuedPod): void {
    qp.where = 'backoff';
    this.backoff.push({ qp, version: qp.version });
  }
}
