/**
 * The virtual clock and its queue of timed events. Entries are plain data (a target component, a
 * key and an optional payload) so the queue can be snapshotted; components register handlers by
 * target name. Ties at the same instant keep insertion order, which keeps runs deterministic.
 */
export interface TimedEvent {
  at: number;
  seq: number;
  target: string;
  key: string;
  data?: unknown;
  /**
   * Housekeeping that repeats without changing anything by itself (a probe confirming a steady
   * state, a resync): it does not keep the cluster from being "quiet".
   */
  periodic?: true;
}

export interface ScheduleOptions {
  periodic?: boolean;
}

export interface QueueState {
  now: number;
  seq: number;
  events: TimedEvent[];
}

export class EventQueue {
  /** Two heaps, so "is anything but housekeeping pending?" is answered in O(1). */
  private work = new Heap();
  private housekeeping = new Heap();
  private seq = 0;
  private current: number;

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Moves the clock; only the simulation loop calls this, and never backwards. */
  setNow(t: number): void {
    if (t < this.current) throw new Error(`clock cannot go back from ${this.current} to ${t}`);
    this.current = t;
  }

  schedule(at: number, target: string, key: string, data?: unknown, opts?: ScheduleOptions): TimedEvent {
    const ev: TimedEvent = { at: Math.max(at, this.current), seq: this.seq++, target, key };
    if (data !== undefined) ev.data = data;
    if (opts?.periodic) ev.periodic = true;
    (ev.periodic ? this.housekeeping : this.work).push(ev);
    return ev;
  }

  after(ms: number, target: string, key: string, data?: unknown, opts?: ScheduleOptions): TimedEvent {
    return this.schedule(this.current + ms, target, key, data, opts);
  }

  peek(): TimedEvent | undefined {
    const a = this.work.peek();
    const b = this.housekeeping.peek();
    if (!a) return b;
    if (!b) return a;
    return compare(a, b) <= 0 ? a : b;
  }

  pop(): TimedEvent | undefined {
    const top = this.peek();
    if (top) (top.periodic ? this.housekeeping : this.work).pop();
    return top;
  }

  get size(): number {
    return this.work.size + this.housekeeping.size;
  }

  /** The next event that is not housekeeping, if any. */
  nextWork(): TimedEvent | undefined {
    return this.work.peek();
  }

  /** Events matching a predicate, in firing order (for inspection, not the hot path). */
  pending(filter: (e: TimedEvent) => boolean = () => true): TimedEvent[] {
    return [...this.work.items(), ...this.housekeeping.items()].filter(filter).sort(compare);
  }

  /** Drops matching events (a cancelled timer). Linear; used rarely. */
  cancel(filter: (e: TimedEvent) => boolean): number {
    return this.work.removeWhere(filter) + this.housekeeping.removeWhere(filter);
  }

  /**
   * Drops one event that `schedule` returned, if it is still pending, in O(1): it is marked and
   * skipped when it reaches the top of its heap, and nothing that reads the queue (peek, pop,
   * nextWork, size, pending, state) sees it meanwhile. Returns whether it was pending.
   */
  cancelEvent(ev: TimedEvent): boolean {
    return (ev.periodic ? this.housekeeping : this.work).remove(ev);
  }

  state(): QueueState {
    return { now: this.current, seq: this.seq, events: this.pending() };
  }

  static fromState(s: QueueState): EventQueue {
    const q = new EventQueue(s.now);
    q.seq = s.seq;
    for (const e of s.events) (e.periodic ? q.housekeeping : q.work).push(e);
    return q;
  }
}

/**
 * A binary min-heap of timed events ordered by time, then sequence. Events removed one by one
 * (`remove`) stay in the array, marked dead, until they surface at the top and are dropped.
 */
class Heap {
  private h: TimedEvent[] = [];
  /**
   * How many events in `h` were removed. They are the ones in `h` marked GONE (a popped event
   * is marked too, but is no longer in `h`), so no set of them is kept.
   */
  private dead = 0;

  get size(): number {
    return this.h.length - this.dead;
  }

  items(): readonly TimedEvent[] {
    return this.dead ? this.h.filter(isPending) : this.h;
  }

  peek(): TimedEvent | undefined {
    while (this.dead && this.h.length && (this.h[0] as Marked)[GONE]) {
      this.dead--;
      this.popTop();
    }
    return this.h[0];
  }

  remove(ev: TimedEvent): boolean {
    if ((ev as Marked)[GONE]) return false;
    this.dead++;
    (ev as Marked)[GONE] = true;
    return true;
  }

  push(ev: TimedEvent): void {
    const h = this.h;
    // Parents move down into the hole until `ev` fits: one write per level, no swaps.
    let i = h.length;
    h.push(ev);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p];
      if (compare(ev, parent) >= 0) break;
      h[i] = parent;
      i = p;
    }
    h[i] = ev;
  }

  pop(): TimedEvent | undefined {
    const top = this.peek();
    if (!top) return undefined;
    (top as Marked)[GONE] = true;
    this.popTop();
    return top;
  }

  private popTop(): void {
    const last = this.h.pop()!;
    if (this.h.length > 0) {
      this.h[0] = last;
      this.down(0);
    }
  }

  removeWhere(filter: (e: TimedEvent) => boolean): number {
    const keep: TimedEvent[] = [];
    let removed = 0;
    for (const e of this.h) {
      if ((e as Marked)[GONE]) continue;
      if (filter(e)) {
        removed++;
        (e as Marked)[GONE] = true;
      } else keep.push(e);
    }
    if (keep.length !== this.h.length) {
      this.h = keep;
      this.dead = 0;
      for (let i = (this.h.length >> 1) - 1; i >= 0; i--) this.down(i);
    }
    return removed;
  }

  private down(i: number): void {
    const h = this.h;
    const n = h.length;
    const ev = h[i];
    // The smaller child moves up into the hole until `ev` fits: one write per level, no swaps.
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && compare(h[r], h[l]) < 0 ? r : l;
      const child = h[m];
      if (compare(child, ev) >= 0) break;
      h[i] = child;
      i = m;
    }
    h[i] = ev;
  }
}

/**
 * Marks an event popped or removed: no longer pending, so a late `remove` of it is a no-op. A
 * symbol key, so snapshots (JSON) never see it — and only events no longer pending carry it.
 * (A mark on the event rather than a WeakSet of them: no weak table for the GC to sweep.)
 */
const GONE: unique symbol = Symbol('gone');
type Marked = TimedEvent & { [GONE]?: true };

function isPending(e: TimedEvent): boolean {
  return !(e as Marked)[GONE];
}

function compare(a: TimedEvent, b: TimedEvent): number {
  return a.at - b.at || a.seq - b.seq;
}
