/**
 * Running lesson commands: read-only ones (checks, predictions) that must not let time pass, and
 * acting ones (setup, events, solutions) whose waits are handed to the caller.
 */
import { Session } from '../cli/session';
import type { ShellEffect, ShellFs } from '../engine/shell/types';
import type { Simulation } from '../engine/sim/simulation';
import { LessonFs, readOnlyView } from './lessonFs';

export interface CommandOutput {
  command: string;
  /** stdout and stderr as a terminal shows them, interleaved. */
  output: string;
  stdout: string;
  exitCode: number;
  /** The command asked for time to pass (a watch, `rollout status` not yet done, `sleep`). */
  waited?: boolean;
}

/** Exit status given to a read that tried to wait: it was stopped, as Ctrl+C would. */
const INTERRUPTED = 130;

/** Runs a read in a private session: nothing it writes stays, and it may not let time pass. */
export function runRead(sim: Simulation, fs: ShellFs, command: string): CommandOutput {
  const session = new Session(sim, { fs: readOnlyView(fs), listDir: listDirOf(fs), interactive: false });
  const gen = session.run(command);
  let output = '';
  let stdout = '';
  for (let step = gen.next(); ; ) {
    if (step.done) return { command, output, stdout, exitCode: step.value };
    const effect = step.value;
    if (effect.type === 'sleep') {
      gen.return(INTERRUPTED);
      return { command, output, stdout, exitCode: INTERRUPTED, waited: true };
    }
    if (effect.type === 'stdout' || effect.type === 'stderr') output += effect.text;
    if (effect.type === 'stdout') stdout += effect.text;
    step = gen.next(undefined);
  }
}

/**
 * Runs a command that may change the cluster. `wait(ms)` is called for each sleep: the caller
 * decides what time passing means (headless: advance the simulation, firing scripted events).
 * Without `wait`, a command that waits is stopped there.
 */
export function runAct(session: Session, command: string, wait?: (ms: number) => void): CommandOutput {
  const gen = session.run(command);
  let output = '';
  let stdout = '';
  let waited = false;
  for (let step = gen.next(); ; ) {
    if (step.done) {
      session.sim.settle();
      return { command, output, stdout, exitCode: step.value, ...(waited ? { waited } : {}) };
    }
    const effect: ShellEffect = step.value;
    if (effect.type === 'sleep') {
      waited = true;
      if (!wait) {
        gen.return(INTERRUPTED);
        session.sim.settle();
        return { command, output: output + '^C\n', stdout, exitCode: INTERRUPTED, waited };
      }
      wait(effect.ms);
    }
    if (effect.type === 'stdout' || effect.type === 'stderr') output += effect.text;
    if (effect.type === 'stdout') stdout += effect.text;
    step = gen.next(undefined);
  }
}

export function lessonSession(sim: Simulation, fs: ShellFs): Session {
  return new Session(sim, { fs, listDir: listDirOf(fs), interactive: false });
}

function listDirOf(fs: ShellFs): ((path: string) => string[] | undefined) | undefined {
  return fs instanceof LessonFs || 'listDir' in fs ? (path) => (fs as unknown as LessonFs).listDir(path) : undefined;
}
