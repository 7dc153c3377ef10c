import { describe, expect, it } from 'vitest';
import { quantityMilli, quantityValue } from './quantity';

describe('scheduler quantities', () => {
  it('reads cpu as millicores, rounding up', () => {
    expect(quantityMilli('250m')).toBe(250);
    expect(quantityMilli('0.5')).toBe(500);
    expect(quantityMilli('2')).toBe(2000);
    expect(quantityMilli(1)).toBe(1000);
    expect(quantityMilli('0.1')).toBe(100);
  });

  it('reads memory as bytes', () => {
    expect(quantityValue('128Mi')).toBe(128 * 1024 * 1024);
    expect(quantityValue('1G')).toBe(1e9);
    expect(quantityValue('110')).toBe(110);
    expect(quantityValue(undefined)).toBe(0);
  });

  it('reads garbage as zero rather than throwing mid-cycle', () => {
    expect(quantityValue('lots')).toBe(0);
  });
});
