import { describe, expect, it } from 'vitest';
import { formatLessonDuration, parseLessonDuration } from './duration';

describe('lesson durations', () => {
  it('reads what authors write', () => {
    expect(['30s', '5m', '1h30m', '500ms', '0', ' 2m '].map(parseLessonDuration)).toEqual([30_000, 300_000, 5_400_000, 500, 0, 120_000]);
    expect(['5', '5 minutes', '-1m', ''].map(parseLessonDuration)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('prints whole seconds without zero tails', () => {
    expect([33_499, 300_000, 3_600_000, 5_430_000, 0].map(formatLessonDuration)).toEqual(['33s', '5m', '1h', '1h30m30s', '0s']);
  });
});
