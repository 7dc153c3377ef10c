/**
 * Runs a script of commands headless and produces a transcript: each input as `$ command`, then
 * what it printed. Waiting commands and `sleep` advance virtual time; nothing else does.
 */
import { isIncomplete } from '../engine/shell';
import type { ShellEffect } from '../engine/shell/types';
import type { Simulation } from '../engine/sim/simulation';
import type { Session } from './session';

export interface TranscriptOptions {
  /** Stop at the first command that exits non-zero. */
  strict?: boolean;
  onOutput?(text: string): void;
}

export interface TranscriptResult {
  transcript: string;
  /** Exit status of the first failing command in strict mode, else 0. */
  status: number;
  failedCommand?: string;
}

/** Splits a script into complete inputs: a heredoc or an open quote continues onto the next lines. */
export function splitInputs(script: string): string[] {
  const inputs: string[] = [];
  let pending = '';
  for (const line of script.split('\n')) {
    pending = pending ? `${pending}\n${line}` : line;
    if (isIncomplete(pending)) continue;
    if (pending.trim() !== '' && !pending.trim().startsWith('#')) inputs.push(pending);
    pending = '';
  }
  if (pending.trim() !== '') inputs.push(pending);
  return inputs;
}

export function runTranscript(session: Session, script: string, opts: TranscriptOptions = {}): TranscriptResult {
  let transcript = '';
  const emit = (text: string) => {
    transcript += text;
    opts.onOutput?.(text);
  };
  for (const input of splitInputs(script)) {
    emit(`$ ${input.split('\n')[0]}\n`);
    const status = drive(session.run(input), session.sim, emit);
    if (opts.strict && status !== 0) return { transcript, status, failedCommand: input };
  }
  return { transcript, status: 0 };
}

/** Runs a command's effects headless: output is collected, `sleep` advances the simulation. */
export function drive(gen: Generator<ShellEffect, number, unknown>, sim: Simulation, emit: (text: string) => void): number {
  let step = gen.next();
  while (!step.done) {
    const effect = step.value;
    let answer: unknown;
    switch (effect.type) {
      case 'stdout':
      case 'stderr':
        emit(effect.text);
        break;
      case 'sleep':
        sim.advance(effect.ms);
        break;
      case 'call':
        answer = undefined;
        break;
    }
    step = gen.next(answer);
  }
  sim.settle();
  return step.value;
}
