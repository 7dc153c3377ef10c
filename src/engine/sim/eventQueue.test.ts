import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue';
import { Random } from './random';

describe('EventQueue', () => {
  it('pops by time, then in insertion order', () => {
    const q = new EventQueue(1000);
    q.schedule(3000, 'a', 'late');
    q.schedule(2000, 'a', 'first');
    q.schedule(2000, 'b', 'second');
    q.after(-5, 'c', 'now');
    const order = [];
    for (let e = q.pop(); e; e = q.pop()) order.push(`${e.at}:${e.key}`);
    expect(order).toEqual(['1000:now', '2000:first', '2000:second', '3000:late']);
  });

  it('never moves the clock backwards', () => {
    const q = new EventQueue(10);
    expect(() => q.setNow(5)).toThrow(/cannot go back/);
  });

  it('survives a snapshot with its order intact', () => {
    const q = new EventQueue(0);
    for (let i = 0; i < 50; i++) q.schedule((i * 7919) % 101, 't', String(i));
    const r = EventQueue.fromState(JSON.parse(JSON.stringify(q.state())));
    const a = [];
    const b = [];
    for (let e = q.pop(); e; e = q.pop()) a.push(e.key);
    for (let e = r.pop(); e; e = r.pop()) b.push(e.key);
    expect(b).toEqual(a);
  });
});

describe('EventQueue with timers that share one delay', () => {
  it('fires in time, then sequence, order, and survives a snapshot taken meanwhile', () => {
    const r = new Random(7);
    const q = new EventQueue(0);
    const scheduled: { at: number; seq: number; key: string }[] = [];
    const cancelled = new Set<string>();
    const fired: string[] = [];
    for (let step = 0; step < 2000; step++) {
      const op = r.int(5);
      if (op <= 1) {
        // A TTL-like timer, always the same delay ahead: each is due no earlier than the last.
        const ev = q.after(100, 't', `ttl${step}`, undefined, { periodic: r.int(2) === 0 });
        scheduled.push(ev);
        if (r.int(10) === 0 && q.cancelEvent(ev)) cancelled.add(ev.key);
      } else if (op === 2) {
        scheduled.push(q.after(r.int(150), 't', `other${step}`, undefined, { periodic: r.int(3) === 0 }));
      } else {
        const e = q.pop();
        if (e) {
          q.setNow(e.at);
          fired.push(e.key);
        }
      }
    }
    const restored = EventQueue.fromState(JSON.parse(JSON.stringify(q.state())));
    const rest = (queue: EventQueue): string[] => {
      const keys = [];
      for (let e = queue.pop(); e; e = queue.pop()) keys.push(e.key);
      return keys;
    };
    const restoredKeys = rest(restored);
    fired.push(...rest(q));
    expect(fired.slice(fired.length - restoredKeys.length)).toEqual(restoredKeys);
    // Events never move the clock back here (each is due after the last popped), so the whole
    // run fires in (time, sequence) order.
    const expected = scheduled
      .filter((e) => !cancelled.has(e.key))
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map((e) => e.key);
    expect(fired).toEqual(expected);
  });
});

describe('EventQueue.cancelEvent', () => {
  it('behaves like cancelling by a scan, under random schedules, pops and cancels', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = new Random(seed);
      const fast = new EventQueue(0);
      const slow = new EventQueue(0);
      const handles: { f: ReturnType<EventQueue['schedule']>; key: string }[] = [];
      let n = 0;
      for (let step = 0; step < 300; step++) {
        const op = r.int(6);
        if (op <= 2) {
          const at = fast.now() + r.int(50);
          const periodic = r.int(4) === 0;
          const key = String(n++);
          handles.push({ f: fast.schedule(at, 't', key, undefined, { periodic }), key });
          slow.schedule(at, 't', key, undefined, { periodic });
        } else if (op === 3 && handles.length) {
          // Cancel one (maybe already popped or cancelled: then a no-op in both).
          const h = handles[r.int(handles.length)];
          const removed = fast.cancelEvent(h.f);
          expect(removed).toBe(slow.cancel((e) => e.key === h.key) === 1);
        } else if (op === 4) {
          const a = fast.pop();
          const b = slow.pop();
          expect(a && `${a.at}:${a.key}`).toEqual(b && `${b.at}:${b.key}`);
          if (a) {
            fast.setNow(a.at);
            slow.setNow(a.at);
          }
        } else if (op === 5 && r.int(4) === 0) {
          const mod = String(r.int(7));
          expect(fast.cancel((e) => e.key.endsWith(mod))).toBe(slow.cancel((e) => e.key.endsWith(mod)));
        }
        expect(fast.size).toBe(slow.size);
        expect(fast.nextWork()?.key).toBe(slow.nextWork()?.key);
        expect(fast.state()).toEqual(slow.state());
      }
    }
  });
});

describe('Random', () => {
  it('is reproducible from a seed and from its saved state', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect([a.next(), a.next(), a.int(10)]).toEqual([b.next(), b.next(), b.int(10)]);
    const saved = a.state();
    const x = a.string(8, 'abc');
    expect(new Random(saved).string(8, 'abc')).toBe(x);
    expect(new Random(1).next()).not.toBe(new Random(2).next());
  });
});
