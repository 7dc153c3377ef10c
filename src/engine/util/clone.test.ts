import { describe, expect, it } from 'vitest';
import { Random } from '../sim/random';
import { clone, deepEqual, shallowCopy } from './clone';

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
