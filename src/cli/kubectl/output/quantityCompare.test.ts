import { describe, expect, it } from 'vitest';
import { compareQuantities, parseQuantity } from './quantityCompare';

const cmp = (a: string, b: string) => compareQuantities(parseQuantity(a)!, parseQuantity(b)!);

describe('quantities as --sort-by compares them', () => {
  it.each([
    ['500m', '1', -1],
    ['1', '1000m', 0],
    ['1Gi', '1024Mi', 0],
    ['900Mi', '1G', -1],
    ['1000Mi', '1G', 1],
    ['1e3', '1k', 0],
    ['0.5', '500m', 0],
    ['-1', '0', -1],
    ['1n', '0.0000000001', 0], // rounded up to a nano
    ['2', '10', -1],
  ])('%s vs %s', (a, b, want) => {
    expect(cmp(a, b)).toBe(want);
  });

  it('accepts what apimachinery accepts, including bare suffixes', () => {
    for (const q of ['0', 'm', '-', '.', '1.', '+5Ki', '1E', '3e-2']) expect(parseQuantity(q), q).toBeDefined();
    for (const q of ['', 'e', 'nginx', '1 ', 'b', '5+3', '2024-01-01T00:00:00Z', '1.2.3']) {
      expect(parseQuantity(q), q).toBeUndefined();
    }
  });
});
