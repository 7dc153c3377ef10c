import { describe, expect, it } from 'vitest';
import { WorkQueue } from './workQueue';

describe('WorkQueue', () => {
  it('hands keys out once each, in arrival order', () => {
    const q = new WorkQueue();
    for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
    expect(q.size).toBe(3);
    expect(q.keys()).toEqual(['a', 'b', 'c']);
    expect([q.take(), q.take(), q.take(), q.take()]).toEqual(['a', 'b', 'c', undefined]);
  });

  it('takes a key again once it was taken', () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    expect(q.take()).toBe('a');
    q.add('a');
    q.add('b');
    expect(q.keys()).toEqual(['b', 'a']);
  });

  it('keeps the order as the ring wraps and grows', () => {
    const q = new WorkQueue();
    const want: string[] = [];
    let next = 0;
    // Take fewer than are added: the ring wraps, then grows while wrapped.
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 3; i++) {
        const k = `k${next++}`;
        q.add(k);
        want.push(k);
      }
      for (let i = 0; i < 2; i++) expect(q.take()).toBe(want.shift());
    }
    expect(q.keys()).toEqual(want);
    expect(q.size).toBe(want.length);
  });

  it('forgets a burst of many keys once drained', () => {
    const q = new WorkQueue();
    for (let i = 0; i < 5000; i++) q.add(`k${i}`);
    for (let i = 0; i < 5000; i++) expect(q.take()).toBe(`k${i}`);
    expect(q.size).toBe(0);
    q.add('k1');
    q.add('k1');
    expect(q.keys()).toEqual(['k1']);
  });
});
