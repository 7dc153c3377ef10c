/** Fixture helpers for printer and describe tests: timestamps relative to a fixed `NOW`. */
import { formatRFC3339 } from '../util/time';

export const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

/** RFC 3339 time `ms` before NOW. */
export const ago = (ms: number): string => formatRFC3339(NOW - ms);

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
