import { describe, expect, it } from 'vitest';
import { formatRFC1123Z, formatRFC3339, formatRFC3339Micro, parseTime } from './time';

const T = Date.UTC(2026, 0, 1, 10, 0, 0);

describe('time formatting', () => {
  it('formats metav1.Time with whole seconds', () => {
    expect(formatRFC3339(T)).toBe('2026-01-01T10:00:00Z');
    expect(formatRFC3339(T + 999)).toBe('2026-01-01T10:00:00Z');
  });

  it('formats metav1.MicroTime with six fraction digits', () => {
    expect(formatRFC3339Micro(T)).toBe('2026-01-01T10:00:00.000000Z');
    expect(formatRFC3339Micro(T + 123.456)).toBe('2026-01-01T10:00:00.123456Z');
  });

  it('formats RFC1123Z like Go', () => {
    expect(formatRFC1123Z(Date.UTC(2006, 0, 2, 15, 4, 5))).toBe('Mon, 02 Jan 2006 15:04:05 +0000');
    expect(formatRFC1123Z(T)).toBe('Thu, 01 Jan 2026 10:00:00 +0000');
  });
});

describe('parseTime', () => {
  it('parses RFC 3339 forms', () => {
    expect(parseTime('2026-01-01T10:00:00Z')).toBe(T);
    expect(parseTime('2026-01-01T10:00:00.250000Z')).toBe(T + 250);
    expect(parseTime('2026-01-01T12:00:00+02:00')).toBe(T);
  });

  it('rejects malformed or impossible dates', () => {
    expect(parseTime('2026-01-01 10:00:00')).toBeNull();
    expect(parseTime('2026-02-31T10:00:00Z')).toBeNull();
    expect(parseTime('yesterday')).toBeNull();
  });
});
