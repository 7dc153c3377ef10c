/**
 * The matchers a check or an object's field is held to: equals, notEquals, contains, notContains,
 * matches (a regular expression) and number (`>= 3`). All given must hold.
 */
import type { Matchers } from './model';

export const MATCHER_KEYS = ['equals', 'notEquals', 'contains', 'notContains', 'matches', 'number'] as const;

const COMPARISON = /^\s*(==|!=|>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/;

export interface Comparison {
  op: '==' | '!=' | '>=' | '<=' | '>' | '<';
  value: number;
}

/** `>= 3` → {op, value}; a bare number means `==`. Undefined when it is not a comparison. */
export function parseComparison(text: string): Comparison | undefined {
  const bare = /^\s*-?\d+(?:\.\d+)?\s*$/.test(text);
  const m = COMPARISON.exec(bare ? `== ${text}` : text);
  return m ? { op: m[1] as Comparison['op'], value: Number(m[2]) } : undefined;
}

export function compare(observed: number, c: Comparison): boolean {
  switch (c.op) {
    case '==':
      return observed === c.value;
    case '!=':
      return observed !== c.value;
    case '>=':
      return observed >= c.value;
    case '<=':
      return observed <= c.value;
    case '>':
      return observed > c.value;
    case '<':
      return observed < c.value;
  }
}

export interface MatchResult {
  passed: boolean;
  /** Why a value cannot be judged at all (a number matcher on text that is not a number). */
  error?: string;
}

export function matchValue(observed: string, m: Matchers): MatchResult {
  if (m.equals !== undefined && observed !== m.equals) return { passed: false };
  if (m.notEquals !== undefined && observed === m.notEquals) return { passed: false };
  if (m.contains !== undefined && !observed.includes(m.contains)) return { passed: false };
  if (m.notContains !== undefined && observed.includes(m.notContains)) return { passed: false };
  if (m.matches !== undefined && !new RegExp(m.matches).test(observed)) return { passed: false };
  if (m.number !== undefined) {
    const c = parseComparison(m.number);
    const n = Number(observed.trim());
    if (!c) return { passed: false, error: `"${m.number}" is not a comparison` };
    if (observed.trim() === '' || !Number.isFinite(n)) return { passed: false, error: `"${observed}" is not a number` };
    if (!compare(n, c)) return { passed: false };
  }
  return { passed: true };
}

export function hasMatchers(m: Matchers): boolean {
  return MATCHER_KEYS.some((k) => m[k] !== undefined);
}

/** What the matchers expect, in words, for `{{expected}}` and generated titles. */
export function describeMatchers(m: Matchers): string {
  const parts: string[] = [];
  if (m.equals !== undefined) parts.push(m.equals === '' ? 'empty' : m.equals);
  if (m.notEquals !== undefined) parts.push(`not ${m.notEquals === '' ? 'empty' : m.notEquals}`);
  if (m.contains !== undefined) parts.push(`containing "${m.contains}"`);
  if (m.notContains !== undefined) parts.push(`not containing "${m.notContains}"`);
  if (m.matches !== undefined) parts.push(`matching /${m.matches}/`);
  if (m.number !== undefined) parts.push(m.number.trim());
  return parts.join(', ');
}
