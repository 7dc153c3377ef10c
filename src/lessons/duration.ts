/** Durations as lesson authors write them (`30s`, `5m`, `1h30m`), in virtual milliseconds. */
import { formatGoDuration, parseGoDuration } from '../engine/util/duration';

/** Milliseconds, or undefined unless the text is a non-negative Go-style duration with units. */
export function parseLessonDuration(text: string): number | undefined {
  const ms = parseGoDuration(text.trim());
  return ms === null || ms < 0 ? undefined : Math.round(ms);
}

/** `12m`, `1h30m`, `45s`: Go's form without the zero tails (`5m0s` → `5m`). */
export function formatLessonDuration(ms: number): string {
  const text = formatGoDuration(Math.round(ms / 1000) * 1000);
  return text === '0s' ? '0s' : text.replace(/(\D)0s$/, '$1').replace(/(\D)0m$/, '$1');
}
