/**
 * Durations as Kubernetes and Go print and read them.
 *
 * - `humanDuration` / `shortHumanDuration`: apimachinery `pkg/util/duration` (AGE, LAST SEEN, describe Age).
 * - `parseGoDuration` / `formatGoDuration`: Go's `time.ParseDuration` and `time.Duration.String()`,
 *   used for `sleep 90s`, `--timeout=5m`, and messages such as `back-off 5m0s restarting …`.
 *
 * All inputs and outputs are milliseconds; Go truncates toward zero, so Math.trunc is used throughout.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** duration.HumanDuration: ~2-3 significant figures, e.g. `95s`, `3m12s`, `125m`, `5h7m`, `3d4h`, `300d`, `2y10d`. */
export function humanDuration(ms: number): string {
  // Up to 2s of clock skew (exclusive) still reads as "now".
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** duration.ShortHumanDuration (legacy printers): one unit only, e.g. `45s`, `12m`, `5h`, `3d`, `2y`. */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Nanoseconds per unit accepted by time.ParseDuration. */
const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3, // U+00B5 micro sign
  'μs': 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const PART = /^(\d*)(?:\.(\d*))?([^\d.]+)/;

/**
 * time.ParseDuration: `90s`, `5m`, `1h30m`, `500ms`, `2.5s`, `-1m`, `0`. Returns milliseconds
 * (fractional below 1ms), or null where Go returns an error (empty, missing or unknown unit).
 */
export function parseGoDuration(input: string): number | null {
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return null;
  let totalNs = 0;
  while (s !== '') {
    const m = PART.exec(s);
    if (!m) return null;
    const [all, whole, frac, unit] = m;
    // Go requires a digit on at least one side of the dot.
    if (whole === '' && (frac === undefined || frac === '')) return null;
    const perUnit = UNIT_NS[unit];
    if (perUnit === undefined) return null;
    totalNs += Number(whole || '0') * perUnit;
    if (frac) totalNs += Number(`0.${frac}`) * perUnit;
    s = s.slice(all.length);
  }
  return (sign * totalNs) / 1e6;
}

/** Go's fmtFrac: the fraction digits of v/10^prec without trailing zeros, plus the integer part. */
function splitFrac(v: bigint, prec: number): { int: bigint; frac: string } {
  const unit = 10n ** BigInt(prec);
  const frac = (v % unit).toString().padStart(prec, '0').replace(/0+$/, '');
  return { int: v / unit, frac: frac ? `.${frac}` : '' };
}

/** time.Duration.String(): `1m30s`, `5m0s`, `1h0m0s`, `300ms`, `1.5s`, `0s`. */
export function formatGoDuration(ms: number): string {
  const whole = Math.trunc(ms);
  let ns = BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  if (neg) ns = -ns;
  const sign = neg ? '-' : '';
  if (ns < 1_000_000_000n) {
    if (ns < 1000n) return `${sign}${ns}ns`;
    const [prec, unit] = ns < 1_000_000n ? [3, 'µs'] : [6, 'ms'];
    const { int, frac } = splitFrac(ns, prec);
    return `${sign}${int}${frac}${unit}`;
  }
  const { int: totalSeconds, frac } = splitFrac(ns, 9);
  const secs = totalSeconds % 60n;
  const totalMinutes = totalSeconds / 60n;
  let out = `${secs}${frac}s`;
  if (totalMinutes > 0n) {
    const mins = totalMinutes % 60n;
    const hours = totalMinutes / 60n;
    out = `${mins}m${out}`;
    if (hours > 0n) out = `${hours}h${out}`;
  }
  return sign + out;
}
