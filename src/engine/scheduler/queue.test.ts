import { describe, expect, it } from 'vitest';
import { backoffDuration, SchedulingQueue, UNSCHEDULABLE_MAX_MS } from './queue';

describe('backoffDuration', () => {
  it('starts at 1 s and doubles up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffDuration)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });
});

describe('SchedulingQueue', () => {
  it('pops by priority, then first in first out', () => {
    const q = new SchedulingQueue();
    q.add('ns/low', 0, 0);
    q.add('ns/high', 100, 5);
    q.add('ns/low2', 0, 0);
    expect([q.pop()!.key, q.pop()!.key, q.pop()!.key, q.pop()]).toEqual(['ns/high', 'ns/low', 'ns/low2', undefined]);
  });

  it('parks unschedulable pods and backs off a pod moved back too soon', () => {
    const q = new SchedulingQueue();
    q.add('ns/p', 0, 0);
    const qp = q.pop()!;
    q.unschedulable(qp, ['NodeResourcesFit'], 1000);
    expect(q.pop()).toBeUndefined();
    expect(q.nextLeftoverAt()).toBe(1000 + UNSCHEDULABLE_MAX_MS);
    q.moveUnschedulable(() => true, 1500);
    expect(q.pop()).toBeUndefined();
    expect(q.nextBackoffAt()).toBe(2000);
    q.flushBackoff(1999);
    expect(q.activeSize).toBe(0);
    q.flushBackoff(2000);
    expect(q.pop()!.attempts).toBe(2);
  });

  it('moves a pod parked long enough straight to the active queue, and flushes leftovers after 5 minutes', () => {
    const q = new SchedulingQueue();
    q.add('ns/a', 0, 0);
    q.add('ns/b', 0, 0);
    q.unschedulable(q.pop()!, [], 0);
    q.unschedulable(q.pop()!, [], 60_000);
    q.flushLeftover(UNSCHEDULABLE_MAX_MS);
    expect(q.pop()!.key).toBe('ns/a');
    expect(q.pop()).toBeUndefined();
    expect(q.nextLeftoverAt()).toBe(60_000 + UNSCHEDULABLE_MAX_MS);
  });

  it('forgets deleted pods wherever they are', () => {
    const q = new SchedulingQueue();
    q.add('ns/a', 0, 0);
    q.delete('ns/a');
    expect(q.pop()).toBeUndefined();
    expect(q.activeSize).toBe(0);
  });
});
