/**
 * UTC calendar fields from epoch milliseconds, computed arithmetically (the engine may not
 * construct Date objects), after Howard Hinnant's civil_from_days. Plus strftime-style
 * formatting for `date` and for container log timestamps.
 */

export interface CalendarTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday */
  weekday: number;
  /** 1-366 */
  yearDay: number;
}

const MS_PER_DAY = 86_400_000;
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];

export function utcFields(ms: number): CalendarTime {
  const days = Math.floor(ms / MS_PER_DAY);
  const rem = ms - days * MS_PER_DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(rem / 3_600_000),
    minute: Math.floor(rem / 60_000) % 60,
    second: Math.floor(rem / 1000) % 60,
    millisecond: rem % 1000,
    weekday: (((days + 4) % 7) + 7) % 7,
    yearDay: dayOfYear(year, month, day),
  };
}

/** Days since the epoch of a civil date (inverse of the above, for tests and parsing). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function dayOfYear(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) - daysFromCivil(year, 1, 1) + 1;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** strftime subset in UTC: %Y %y %m %d %e %H %M %S %N %s %a %A %b %B %h %j %Z %z %T %D %F %R %c %n %t %%. */
export function strftime(format: string, ms: number): string {
  const t = utcFields(ms);
  return format.replace(/%([A-Za-z%])/g, (whole, c: string) => {
    switch (c) {
      case 'Y': return String(t.year);
      case 'y': return p2(t.year % 100);
      case 'm': return p2(t.month);
      case 'd': return p2(t.day);
      case 'e': return String(t.day).padStart(2, ' ');
      case 'H': return p2(t.hour);
      case 'M': return p2(t.minute);
      case 'S': return p2(t.second);
      case 'N': return String(t.millisecond * 1_000_000).padStart(9, '0');
      case 's': return String(Math.floor(ms / 1000));
      case 'a': return WEEKDAYS[t.weekday].slice(0, 3);
      case 'A': return WEEKDAYS[t.weekday];
      case 'b': case 'h': return MONTHS[t.month - 1].slice(0, 3);
      case 'B': return MONTHS[t.month - 1];
      case 'j': return String(t.yearDay).padStart(3, '0');
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'T': return `${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}`;
      case 'R': return `${p2(t.hour)}:${p2(t.minute)}`;
      case 'D': return `${p2(t.month)}/${p2(t.day)}/${p2(t.year % 100)}`;
      case 'F': return `${t.year}-${p2(t.month)}-${p2(t.day)}`;
      case 'c': return strftime('%a %b %e %H:%M:%S %Y', ms);
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return whole;
    }
  });
}

/** `date`'s default output, the same for busybox and GNU in the C locale: `Mon Jan  2 15:04:05 UTC 2006`. */
export function dateString(ms: number): string {
  return strftime('%a %b %e %H:%M:%S %Z %Y', ms);
}
