/**
 * `sleep`: yields a sleep effect; the host resumes the script after that much virtual time.
 * Accepts what GNU and busybox accept: `5`, `0.5`, `5s`, `2m`, `1h`, `1d`, several summed
 * (`1m 30s`), and `infinity`.
 */
import type { Builtin } from '../types';
import { stderr } from './util';

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds for one sleep argument, or undefined when it is not a valid interval. */
export function parseInterval(arg: string): number | undefined {
  if (arg === 'inf' || arg === 'infinity') return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNIT_MS[m[2]]);
}

export const sleep: Builtin = function* (argv, io) {
  const args = argv.slice(1);
  if (args.length === 0) {
    yield stderr(io.dialect === 'bash' ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n');
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const ms = parseInterval(a);
    if (ms === undefined) {
      yield stderr(io.dialect === 'bash' ? `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${a}'\n`);
      return 1;
    }
    total += ms;
  }
  if (total > 0) yield { type: 'sleep', ms: total };
  return 0;
};
