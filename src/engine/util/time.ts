/**
 * Timestamp formatting and parsing for virtual time (milliseconds since the Unix epoch).
 *
 * The one module in src/engine and src/cli allowed to touch `Date`, and only to format or parse a
 * given instant (`new Date(ms)`, `Date.UTC`); it never reads the clock. The sandbox's cluster and
 * kubectl both run in UTC, so every format here is UTC (`Z` / `+0000`).
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** metav1.Time as serialised: RFC 3339, whole seconds (truncated), UTC — `2026-01-01T10:00:00Z`. */
export function formatRFC3339(ms: number): string {
  // Virtual time moves in small steps and many objects are stamped within one second: remember
  // the last second formatted (a pure cache; Date is only used to format).
  const second = Math.floor(ms / 1000);
  if (second === lastSecond) return lastFormatted;
  let text = formattedSeconds.get(second);
  if (text === undefined) {
    text = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    // A status mixes a few seconds (transition times, start times, now): keep recent ones too.
    if (formattedSeconds.size >= FORMATTED_MAX) formattedSeconds.clear();
    formattedSeconds.set(second, text);
  }
  lastSecond = second;
  lastFormatted = text;
  return text;
}

let lastSecond = NaN;
let lastFormatted = '';
const formattedSeconds = new Map<number, string>();
const FORMATTED_MAX = 4096;

/** metav1.MicroTime as serialised (event.eventTime, lease renewTime): `2026-01-01T10:00:00.000000Z`. */
export function formatRFC3339Micro(ms: number): string {
  const micros = Math.floor(ms * 1000) - Math.floor(ms / 1000) * 1_000_000;
  return `${formatRFC3339(ms).slice(0, -1)}.${String(micros).padStart(6, '0')}Z`;
}

/** Go's time.RFC1123Z layout, `Mon, 02 Jan 2006 15:04:05 -0700`, used by kubectl describe. */
export function formatRFC1123Z(ms: number): string {
  const d = new Date(ms);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * RFC 3339 (with optional fraction and offset) to milliseconds, or null when malformed or out of
 * range — the forms metav1.Time and MicroTime accept.
 */
export function parseTime(str: string): number | null {
  // Timestamps repeat a lot (every object stamped in one virtual second shares one): remember
  // answers, in a bounded cache (a pure function, so this changes nothing but speed).
  const cached = parsed.get(str);
  if (cached !== undefined) return cached;
  const ms = parseTimeUncached(str);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(str, ms);
  return ms;
}

const parsed = new Map<string, number | null>();
const PARSED_MAX = 4096;

function parseTimeUncached(str: string): number | null {
  const m = RFC3339.exec(str);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const parts = [y, mo, d, h, mi, s].map(Number);
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 Feb over into March; Go rejects it.
  if (new Date(ms).getUTCDate() !== day) return null;
  if (frac) ms += Number(`0.${frac}`) * 1000;
  if (sign) {
    const offset = (Number(oh) * 60 + Number(om)) * 60_000;
    ms += sign === '+' ? -offset : offset;
  }
  return ms;
}
