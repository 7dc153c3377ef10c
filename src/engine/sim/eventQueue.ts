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
    const ev = newEvent(Math.max(at, this.current), this.seq++, target, key, data, opts?.periodic === true);
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

  /** The next event if it is due at or before `t`, taken off the queue (one look at the heads). */
  popDue(t: number): TimedEvent | undefined {
    const top = this.peek();
    if (!top || top.at > t) return undefined;
    (top.periodic ? this.housekeeping : this.work).pop();
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
 * A new event, keys in the order at, seq, target, key, data, periodic. Housekeeping without data
 * (an Event's 1 h TTL: most events of a large rollout, and most never fire in it) gets its flag in
 * the literal: added afterwards, it costs the object a separate property store. Other events get
 * data and flag added, which leaves room in that store for the mark (GONE) set when they fire.
 */
function newEvent(at: number, seq: number, target: string, key: string, data: unknown, periodic: boolean): TimedEvent {
  if (periodic && data === undefined) return { at, seq, target, key, periodic };
  const ev: TimedEvent = { at, seq, target, key };
  if (data !== undefined) ev.data = data;
  if (periodic) ev.periodic = true;
  return ev;
}

/**
 * Timed events in firing order (time, then sequence): a binary min-heap, plus a run of events
 * that arrived in order. Most timers share one delay (an Event's 1 h TTL), so each is due no
 * earlier than the one scheduled before it: appended to the run and taken from its head, it
 * costs O(1) instead of a sift through a heap of all of them. An event that would break the
 * run's order goes to the heap; pops take the smaller of the two heads, so the order is the same
 * as one heap's. Events removed one by one (`remove`) stay where they are, marked dead, until
 * they surface at a head and are dropped.
 */
class Heap {
  private h: TimedEvent[] = [];
  /**
   * Each heap slot's time and sequence, beside `h`: a sift compares numbers read from two flat
   * arrays rather than following a pointer to each event, scattered over the heap (a pop among
   * ~80,000 pending timers takes a quarter less time).
   */
  private hAt: number[] = [];
  private hSeq: number[] = [];
  /** Events in firing order, from `runHead` on (the slots before it are spent). */
  private run: (TimedEvent | undefined)[] = [];
  private runHead = 0;
  /**
   * How many events in `h` and the run were removed. They are the ones there marked GONE (a
   * popped event is marked too, but is no longer held), so no set of them is kept.
   */
  private dead = 0;

  get size(): number {
    return this.h.length + this.run.length - this.runHead - this.dead;
  }

  items(): readonly TimedEvent[] {
    const run = this.run.slice(this.runHead) as TimedEvent[];
    const all = run.length ? this.h.concat(run) : this.h;
    return this.dead ? all.filter(isPending) : all;
  }

  peek(): TimedEvent | undefined {
    while (this.dead && this.h.length && (this.h[0] as Marked)[GONE]) {
      this.dead--;
      this.popTop();
    }
    while (this.dead && this.runHead < this.run.length && (this.run[this.runHead] as Marked)[GONE]) {
      this.dead--;
      this.shiftRun();
    }
    const a = this.h[0];
    const b = this.run[this.runHead];
    if (!a) return b;
    if (!b) return a;
    return compare(a, b) < 0 ? a : b;
  }

  remove(ev: TimedEvent): boolean {
    if ((ev as Marked)[GONE]) return false;
    this.dead++;
    (ev as Marked)[GONE] = true;
    return true;
  }

  push(ev: TimedEvent): void {
    const run = this.run;
    if (this.runHead === run.length || compare(ev, run[run.length - 1]!) > 0) {
      run.push(ev);
      return;
    }
    this.heapPush(ev);
  }

  pop(): TimedEvent | undefined {
    const top = this.peek();
    if (!top) return undefined;
    (top as Marked)[GONE] = true;
    if (top === this.run[this.runHead]) this.shiftRun();
    else this.popTop();
    return top;
  }

  private heapPush(ev: TimedEvent): void {
    const { h, hAt, hSeq } = this;
    const at = ev.at;
    const seq = ev.seq;
    // Parents move down into the hole until `ev` fits: one write per level, no swaps.
    let i = h.length;
    h.push(ev);
    hAt.push(at);
    hSeq.push(seq);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (order(at, seq, hAt[p], hSeq[p]) >= 0) break;
      this.move(i, p);
      i = p;
    }
    this.place(i, ev, at, seq);
  }

  private popTop(): void {
    const last = this.h.pop()!;
    const at = this.hAt.pop()!;
    const seq = this.hSeq.pop()!;
    if (this.h.length > 0) this.down(0, last, at, seq);
  }

  private shiftRun(): void {
    const run = this.run;
    run[this.runHead++] = undefined;
    if (this.runHead === run.length) {
      run.length = 0;
      this.runHead = 0;
    } else if (this.runHead >= 1024 && this.runHead * 2 >= run.length) {
      // Spent slots dropped once they are half the array: amortised O(1) per event.
      run.copyWithin(0, this.runHead);
      run.length -= this.runHead;
      this.runHead = 0;
    }
  }

  removeWhere(filter: (e: TimedEvent) => boolean): number {
    const keep: TimedEvent[] = [];
    const keepRun: TimedEvent[] = [];
    let removed = 0;
    const sift = (e: TimedEvent, into: TimedEvent[]): void => {
      if ((e as Marked)[GONE]) return;
      if (filter(e)) {
        removed++;
        (e as Marked)[GONE] = true;
      } else into.push(e);
    };
    for (const e of this.h) sift(e, keep);
    for (let i = this.runHead; i < this.run.length; i++) sift(this.run[i]!, keepRun);
    if (keep.length !== this.h.length) {
      this.h = keep;
      this.hAt = keep.map((e) => e.at);
      this.hSeq = keep.map((e) => e.seq);
      for (let i = (keep.length >> 1) - 1; i >= 0; i--) this.down(i, keep[i], keep[i].at, keep[i].seq);
    }
    if (keepRun.length !== this.run.length - this.runHead) {
      this.run = keepRun;
      this.runHead = 0;
    }
    // Every dead event was dropped from where it was (a dead one makes its part shorter).
    this.dead = 0;
    return removed;
  }

  /** Sifts `ev` (time `at`, sequence `seq`) down from slot `i`, which it is to fill. */
  private down(i: number, ev: TimedEvent, at: number, seq: number): void {
    const { hAt, hSeq } = this;
    const n = this.h.length;
    // The smaller child moves up into the hole until `ev` fits: one write per level, no swaps.
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && order(hAt[r], hSeq[r], hAt[l], hSeq[l]) < 0 ? r : l;
      if (order(hAt[m], hSeq[m], at, seq) >= 0) break;
      this.move(i, m);
      i = m;
    }
    this.place(i, ev, at, seq);
  }

  /** Slot `from`'s event and keys into slot `to`. */
  private move(to: number, from: number): void {
    this.h[to] = this.h[from];
    this.hAt[to] = this.hAt[from];
    this.hSeq[to] = this.hSeq[from];
  }

  private place(i: number, ev: TimedEvent, at: number, seq: number): void {
    this.h[i] = ev;
    this.hAt[i] = at;
    this.hSeq[i] = seq;
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
  return order(a.at, a.seq, b.at, b.seq);
}

/** `compare` on the keys of two events. */
function order(atA: number, seqA: number, atB: number, seqB: number): number {
  return atA - atB || seqA - seqB;
}
