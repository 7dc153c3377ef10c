import { describe, expect, it } from 'vitest';
import { ageOf, humanDuration } from './age';

describe('humanDuration', () => {
  it('prints ages like kubectl', () => {
    const s = 1000;
    expect(humanDuration(-500)).toBe('0s');
    expect(humanDuration(-5 * s)).toBe('<invalid>');
    expect(humanDuration(45 * s)).toBe('45s');
    expect(humanDuration(119 * s)).toBe('119s');
    expect(humanDuration(192 * s)).toBe('3m12s');
    expect(humanDuration(300 * s)).toBe('5m');
    expect(humanDuration(125 * 60 * s)).toBe('125m');
    expect(humanDuration((5 * 60 + 7) * 60 * s)).toBe('5h7m');
    expect(humanDuration(30 * 3600 * s)).toBe('30h');
    expect(humanDuration((3 * 24 + 4) * 3600 * s)).toBe('3d4h');
    expect(humanDuration(300 * 24 * 3600 * s)).toBe('300d');
    expect(humanDuration((2 * 365 + 10) * 24 * 3600 * s)).toBe('2y10d');
  });

  it('ages timestamps', () => {
    expect(ageOf('2025-01-01T00:00:00Z', Date.UTC(2025, 0, 1, 0, 1, 30))).toBe('90s');
    expect(ageOf(undefined, 0)).toBe('<unknown>');
  });
});
