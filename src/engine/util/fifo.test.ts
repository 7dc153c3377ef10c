import { describe, expect, it } from 'vitest';
import { Fifo } from './fifo';

describe('Fifo', () => {
  it('gives items back in the order pushed, across the compaction of taken slots', () => {
    const q = new Fifo<number>();
    const pushed: number[] = [];
    const taken: number[] = [];
    for (let i = 0; i < 5000; i++) {
      q.push(2 * i);
      q.push(2 * i + 1);
      pushed.push(2 * i, 2 * i + 1);
      taken.push(q.shift()!);
    }
    expect(q.size).toBe(5000);
    while (q.size) taken.push(q.shift()!);
    expect(taken).toEqual(pushed);
    expect(q.shift()).toBeUndefined();
  });

  it('tests only the waiting items', () => {
    const q = new Fifo<string>();
    q.push('a');
    q.push('b');
    q.shift();
    expect(q.some((s) => s === 'a')).toBe(false);
    expect(q.some((s) => s === 'b')).toBe(true);
  });
});
