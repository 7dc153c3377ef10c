import { describe, expect, it } from 'vitest';
import { formatGoDuration, humanDuration, parseGoDuration, shortHumanDuration } from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [-1 * S, '0s'],
    [0, '0s'],
    [999, '0s'],
    [95 * S, '95s'],
    [119 * S, '119s'],
    [120 * S, '2m'],
    [3 * M + 12 * S, '3m12s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [125 * M, '125m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [5 * H + 7 * M, '5h7m'],
    [8 * H + 59 * M, '8h'],
    [36 * H, '36h'],
    [47 * H + 59 * M, '47h'],
    [48 * H, '2d'],
    [3 * D + 4 * H, '3d4h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D + 5 * H, '8d'],
    [300 * D, '300d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [2 * 365 * D + 10 * D, '2y10d'],
    [8 * 365 * D + 100 * D, '8y'],
  ])('%d ms -> %s', (ms, want) => expect(humanDuration(ms)).toBe(want));
});

describe('shortHumanDuration', () => {
  it.each([
    [-5 * S, '<invalid>'],
    [-500, '0s'],
    [59 * S, '59s'],
    [60 * S, '1m'],
    [59 * M, '59m'],
    [23 * H, '23h'],
    [364 * D, '364d'],
    [400 * D, '1y'],
  ])('%d ms -> %s', (ms, want) => expect(shortHumanDuration(ms)).toBe(want));
});

describe('parseGoDuration (time.ParseDuration)', () => {
  it.each([
    ['90s', 90 * S],
    ['5m', 5 * M],
    ['1h30m', 90 * M],
    ['500ms', 500],
    ['2.5s', 2500],
    ['.5s', 500],
    ['1.5h', 90 * M],
    ['-1m', -M],
    ['+10s', 10 * S],
    ['0', 0],
    ['1us', 0.001],
    ['1µs', 0.001],
    ['100ns', 0.0001],
  ])('%s -> %d ms', (s, want) => expect(parseGoDuration(s)).toBeCloseTo(want, 9));

  it.each(['', '5', '1x', 's', '.s', '1.2.3s', '-', '1h 30m'])('rejects %j', (s) =>
    expect(parseGoDuration(s)).toBeNull(),
  );
});

describe('formatGoDuration (time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [90 * S, '1m30s'],
    [5 * M, '5m0s'],
    [H, '1h0m0s'],
    [300, '300ms'],
    [1500, '1.5s'],
    [1393, '1.393s'],
    [0.0015, '1.5µs'],
    [0.0005, '500ns'],
    [1.5, '1.5ms'],
    [-90 * S, '-1m30s'],
    [26 * H + 3 * M + 4 * S, '26h3m4s'],
  ])('%d ms -> %s', (ms, want) => expect(formatGoDuration(ms)).toBe(want));
});
