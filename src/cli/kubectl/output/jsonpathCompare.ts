/**
 * The comparisons a JSONPath filter (`[?(@.x > 3)]`) makes, as client-go's fork of
 * text/template's eq/lt/le/gt/ge does them: only bool, int, float and string compare; an int never
 * equals a float (`incompatible types for comparison`), and bools have no order.
 */
import { goKind, compareGoStrings, type GoKind } from './goFormat';

export class ComparisonError extends Error {}

const BAD_TYPE = 'invalid type for comparison';
const INCOMPATIBLE = 'incompatible types for comparison';

function basicKind(v: unknown): GoKind {
  const kind = goKind(v);
  if (kind === 'bool' || kind === 'int' || kind === 'float' || kind === 'string') return kind;
  throw new ComparisonError(BAD_TYPE);
}

function equal(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) throw new ComparisonError(INCOMPATIBLE);
  return a === b;
}

function less(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) throw new ComparisonError(INCOMPATIBLE);
  if (k1 === 'bool') throw new ComparisonError(BAD_TYPE);
  if (k1 === 'string') return compareGoStrings(a as string, b as string) < 0;
  return (a as number) < (b as number);
}

/** Applies a filter operator; throws ComparisonError with Go's message. */
export function compareFilterValues(operator: string, left: unknown, right: unknown): boolean {
  switch (operator) {
    case '<':
      return less(left, right);
    case '>':
      return !(less(left, right) || equal(left, right));
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    case '<=':
      return less(left, right) || equal(left, right);
    case '>=':
      return !less(left, right);
    default:
      throw new ComparisonError(`unrecognized filter operator ${operator}`);
  }
}
