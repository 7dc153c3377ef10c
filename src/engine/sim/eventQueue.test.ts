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
