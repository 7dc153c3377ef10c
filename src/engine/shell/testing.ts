/** Test helper: drive a shell generator to completion, collecting what it yields. */
import type { ShellEffect } from './types';

export interface Transcript {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in yield order. */
  output: string;
  effects: ShellEffect[];
  status: number;
}

/** Runs `gen`, answering `call` effects with `reply` (undefined by default). */
export function drain(gen: Generator<ShellEffect, number, unknown>, reply: (e: ShellEffect) => unknown = () => undefined): Transcript {
  const t: Transcript = { stdout: '', stderr: '', output: '', effects: [], status: 0 };
  let input: unknown;
  for (;;) {
    const r = gen.next(input);
    input = undefined;
    if (r.done) {
      t.status = r.value;
      return t;
    }
    const e = r.value;
    t.effects.push(e);
    if (e.type === 'stdout') t.stdout += e.text;
    if (e.type === 'stderr') t.stderr += e.text;
    if (e.type === 'stdout' || e.type === 'stderr') t.output += e.text;
    if (e.type === 'call') input = reply(e);
  }
}
