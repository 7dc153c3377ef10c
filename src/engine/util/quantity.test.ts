import { describe, expect, it } from 'vitest';
import {
  ERR_FORMAT_WRONG,
  ERR_SUFFIX,
  canonicalQuantity,
  formatQuantity,
  parseQuantity,
  quantityFromMilli,
  quantityFromValue,
  sumQuantities,
  toBytes,
  toMilli,
  toValue,
  validateQuantity,
} from './quantity';

describe('canonical String() form', () => {
  it.each([
    ['250m', '250m'],
    ['.1', '100m'],
    ['0.1', '100m'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['2', '2'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['800M', '800M'],
    ['1000M', '1G'],
    ['128Mi', '128Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['512Ki', '512Ki'],
    ['100Ki', '100Ki'],
    ['1Ki', '1Ki'],
    ['0.5Ki', '512'],
    ['1e3', '1e3'],
    ['1.5e3', '1500'],
    ['1e-3', '1e-3'],
    ['12e6', '12e6'],
    ['0', '0'],
    ['0Mi', '0'],
    ['0.0000000001', '1n'],
    ['1u', '1u'],
    ['01', '01'],
    ['-250m', '-250m'],
  ])('%s -> %s', (input, want) => expect(canonicalQuantity(input)).toBe(want));

  it('reads JSON numbers', () => expect(canonicalQuantity(0.5)).toBe('500m'));
});

describe('validation messages', () => {
  it('rejects malformed quantities with the apiserver text', () => {
    for (const bad of ['abc', '1.2.3', '5Mb', '', '1 Gi']) expect(validateQuantity(bad)).toBe(ERR_FORMAT_WRONG);
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('rejects unknown suffixes', () => {
    for (const bad of ['5MM', '1e', '1i', '1Ki3']) expect(validateQuantity(bad)).toBe(ERR_SUFFIX);
    expect(ERR_SUFFIX).toBe("unable to parse quantity's suffix");
  });

  it('accepts valid quantities', () => {
    for (const ok of ['250m', ' 1Gi ', '1e3', '2', 3]) expect(validateQuantity(ok)).toBeNull();
  });
});

describe('values', () => {
  it('MilliValue rounds up', () => {
    expect(toMilli('250m')).toBe(250);
    expect(toMilli('0.5')).toBe(500);
    expect(toMilli('2')).toBe(2000);
    expect(toMilli('1n')).toBe(1);
    expect(toMilli('-1n')).toBe(-1);
  });

  it('Value rounds up to whole units', () => {
    expect(toBytes('128Mi')).toBe(134217728);
    expect(toBytes('1Gi')).toBe(1073741824);
    expect(toBytes('800M')).toBe(800000000);
    expect(toValue('1.5')).toBe(2);
    expect(toValue('100m')).toBe(1);
  });
});

describe('sums as kubectl describe prints them', () => {
  it('adds cpu in milli units', () => expect(formatQuantity(sumQuantities(['100m', '250m', '500m']))).toBe('850m'));
  it('adds memory in binary units', () => expect(formatQuantity(sumQuantities(['64Mi', '64Mi']))).toBe('128Mi'));
  it('keeps the first format when mixing', () =>
    expect(formatQuantity(sumQuantities(['128Mi', '100M']))).toBe('234217728'));
  it('prints 0 for nothing', () => expect(formatQuantity(sumQuantities([]))).toBe('0'));
  it('keeps a single value as written', () => expect(formatQuantity(sumQuantities(['01']))).toBe('01'));
  it('adopts the format of the first non-zero addend', () =>
    expect(formatQuantity(sumQuantities(['0', '1Gi', '1Gi']))).toBe('2Gi'));
});

describe('constructors', () => {
  it('builds from milli and bytes', () => {
    expect(formatQuantity(quantityFromMilli(850))).toBe('850m');
    expect(formatQuantity(quantityFromMilli(2000))).toBe('2');
    expect(formatQuantity(quantityFromValue(1073741824, 'BinarySI'))).toBe('1Gi');
    expect(formatQuantity(quantityFromValue(7, 'BinarySI'))).toBe('7');
  });

  it('parse exposes the exact value', () => {
    const q = parseQuantity('1.5Gi');
    expect(q.format).toBe('BinarySI');
    expect(toBytes(q)).toBe(1610612736);
  });
});
