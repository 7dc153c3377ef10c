import { describe, expect, it } from 'vitest';
import { ArithError, evalArith } from './arith';

const vars = (init: Record<string, string> = {}) => {
  const m = new Map(Object.entries(init));
  return { get: (n: string) => m.get(n), set: (n: string, v: string) => void m.set(n, v), m };
};

describe('evalArith', () => {
  it('follows C precedence', () => {
    expect(evalArith('1 + 2 * 3 - 4 / 2', vars())).toBe(5);
    expect(evalArith('2 ** 3 ** 2', vars())).toBe(512);
    expect(evalArith('-7 / 2', vars())).toBe(-3);
    expect(evalArith('1 < 2 ? 10 : 20', vars())).toBe(10);
    expect(evalArith('0x10 + 010', vars())).toBe(24);
  });

  it('reads and writes variables', () => {
    const v = vars({ i: '4', e: '' });
    expect(evalArith('i * 2 + e + unset', v)).toBe(8);
    expect(evalArith('i += 3', v)).toBe(7);
    expect(evalArith('i++', v)).toBe(7);
    expect(v.m.get('i')).toBe('8');
  });

  it('rejects division by zero and bad syntax', () => {
    expect(() => evalArith('1 / 0', vars())).toThrow(ArithError);
    expect(() => evalArith('1 +', vars())).toThrow(ArithError);
  });
});
