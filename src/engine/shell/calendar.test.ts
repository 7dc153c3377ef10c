import { describe, expect, it } from 'vitest';
import { dateString, daysFromCivil, strftime, utcFields } from './calendar';

describe('calendar', () => {
  it('computes UTC fields without Date', () => {
    expect(utcFields(0)).toMatchObject({ year: 1970, month: 1, day: 1, weekday: 4, yearDay: 1 });
    expect(utcFields(951782400000)).toMatchObject({ year: 2000, month: 2, day: 29, weekday: 2 });
    expect(utcFields(1704103200000)).toMatchObject({ year: 2024, month: 1, day: 1, hour: 10, weekday: 1 });
  });

  it('round-trips civil dates across leap years', () => {
    for (const [y, m, d] of [[1969, 12, 31], [2024, 2, 29], [2100, 3, 1]]) {
      const f = utcFields(daysFromCivil(y, m, d) * 86_400_000);
      expect([f.year, f.month, f.day]).toEqual([y, m, d]);
    }
  });

  it('formats like date', () => {
    expect(dateString(1136214245000)).toBe('Mon Jan  2 15:04:05 UTC 2006');
    expect(strftime('%d %b %Y %H:%M:%S.%N %j %%', 1136214245123)).toBe('02 Jan 2006 15:04:05.123000000 002 %');
  });
});
