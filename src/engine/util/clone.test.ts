import { describe, expect, it } from 'vitest';
import { Random } from '../sim/random';
import { clone, deepEqual, reuseUnchanged, sameEntries, shallowCopy } from './clone';

/** Random JSON-like data, with undefined values and integer-like keys among the keys. */
function value(r: Random, depth: number): unknown {
  const kind = depth > 3 ? r.int(4) : r.int(6);
  if (kind === 0) return r.int(100);
  if (kind === 1) return ['a', '', 'x y'][r.int(3)];
  if (kind === 2) return [null, true, undefined][r.int(3)];
  if (kind === 3) return r.int(2) ? 1.5 : false;
  if (kind === 4) return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
  return object(r, depth + 1);
}

function object(r: Random, depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = r.int(6); i > 0; i--) o[['name', 'spec', '2', 'b', 'a', '10', 'status'][r.int(7)]] = value(r, depth);
  return o;
}

describe('shallowCopy', () => {
  it('is what a spread gives: same keys in the same order, same values (random objects)', () => {
    const r = new Random(5);
    for (let i = 0; i < 2000; i++) {
      const src = object(r, 0);
      const copy = shallowCopy(src);
      expect(copy).not.toBe(src);
      expect(Object.keys(copy)).toEqual(Object.keys({ ...src }));
      for (const k of Object.keys(src)) expect(copy[k]).toBe(src[k]);
      expect(deepEqual(copy, clone(src))).toBe(true);
    }
  });
});

describe('reuseUnchanged', () => {
  it('takes unchanged parts from the previous version and changes neither', () => {
    const prev = { phase: 'Pending', conditions: [{ type: 'A', status: 'True' }, { type: 'B', status: 'False' }], ips: [{ ip: '1' }] };
    const next = { phase: 'Running', conditions: [{ type: 'A', status: 'True' }, { type: 'B', status: 'True' }], ips: [{ ip: '1' }] };
    const before = JSON.stringify(next);
    const out = reuseUnchanged(prev, next);
    expect(JSON.stringify(out)).toBe(before);
    expect(JSON.stringify(next)).toBe(before);
    expect(out.conditions[0]).toBe(prev.conditions[0]);
    expect(out.conditions[1]).not.toBe(prev.conditions[1]);
    expect(out.ips).toBe(prev.ips);
    expect(reuseUnchanged(prev, JSON.parse(JSON.stringify(prev)))).toBe(prev);
  });

  it('keeps the new key order: equal but reordered objects are not reused', () => {
    const prev = { a: 1, b: 2 };
    expect(reuseUnchanged(prev, { b: 2, a: 1 })).not.toBe(prev);
    expect(JSON.stringify(reuseUnchanged({ x: prev }, { x: { b: 2, a: 1 } }))).toBe('{"x":{"b":2,"a":1}}');
    expect(reuseUnchanged([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    expect(reuseUnchanged({ a: 1, b: undefined }, { a: 1 })).toEqual({ a: 1 });
  });
});

describe('sameEntries', () => {
  it('needs the same keys in the same order with identical values', () => {
    const inner = { x: 1 };
    expect(sameEntries({ a: 1, b: inner }, { a: 1, b: inner })).toBe(true);
    expect(sameEntries({ a: 1, b: inner }, { a: 1, b: { x: 1 } })).toBe(false);
    expect(sameEntries({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameEntries({ a: 1, b: undefined }, { a: 1 })).toBe(false);
    expect(sameEntries({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
