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
}

export interface QueueState {
  now: number;
  seq: number;
  events: TimedEvent[];
}

export class EventQueue {
  private heap: TimedEvent[] = [];
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

  schedule(at: number, target: string, key: string, data?: unknown): TimedEvent {
    const ev: TimedEvent = { at: Math.max(at, this.current), seq: this.seq++, target, key };
    if (data !== undefined) ev.data = data;
    this.push(ev);
    return ev;
  }

  after(ms: number, target: string, key: string, data?: unknown): TimedEvent {
    return this.schedule(this.current + ms, target, key, data);
  }

  peek(): TimedEvent | undefined {
    return this.heap[0];
  }

  pop(): TimedEvent | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  get size(): number {
    return this.heap.length;
  }

  /** Events matching a predicate, in firing order (for inspection, not the hot path). */
  pending(filter: (e: TimedEvent) => boolean = () => true): TimedEvent[] {
    return this.heap.filter(filter).sort(compare);
  }

  /** Drops matching events (a cancelled timer). Linear; used rarely. */
  cancel(filter: (e: TimedEvent) => boolean): number {
    const keep = this.heap.filter((e) => !filter(e));
    const removed = this.heap.length - keep.length;
    if (removed > 0) {
      this.heap = keep;
      for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
    }
    return removed;
  }

  state(): QueueState {
    return { now: this.current, seq: this.seq, events: [...this.heap].sort(compare) };
  }

  static fromState(s: QueueState): EventQueue {
    const q = new EventQueue(s.now);
    q.seq = s.seq;
    q.heap = [...s.events].sort(compare);
    return q;
  }

  private push(ev: TimedEvent): void {
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (compare(h[i], h[p]) >= 0) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && compare(h[l], h[m]) < 0) m = l;
      if (r < h.length && compare(h[r], h[m]) < 0) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}

function compare(a: TimedEvent, b: TimedEvent): number {
  return a.at - b.at || a.seq - b.seq;
}
