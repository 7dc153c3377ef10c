/**
 * An interactive shell reading its input a line at a time (`kubectl exec -it web -- sh`): prints
 * its prompt (only when stdin is a terminal), asks the host for the next line with a
 * `{ type: 'call', name: 'stdin.readLine' }` effect — answered with the line, or with
 * `undefined`/`null` at end of input (Ctrl+D) — runs each complete input, and ends at `exit` or
 * end of input. Variables, functions and the working directory carry over between lines.
 *
 * Ctrl+C: with a terminal, the tty turns it into SIGINT for the command the shell is running,
 * not for the shell (nor for the `kubectl exec` carrying the session). Around each command the
 * shell says so with `{ type: 'call', name: 'stdin.interruptible', payload: true | false }`; a
 * host that sees Ctrl+C meanwhile answers the effect the command is waiting at (a sleep) with
 * INTERRUPT: the command is stopped, the shell prints a new line, `$?` is 130, and the next
 * prompt comes.
 */
import { Input, ExitSignal, type Frame } from './io';
import type { Shell } from './interpreter';
import { parseScript } from './parser';
import { createShell } from './run';
import { ShellSyntaxError } from './syntaxError';
import type { ShellContext, ShellEffect, ShellState } from './types';
import { isIncomplete } from './words';

export interface InteractiveOptions {
  /** Whether stdin is a terminal: prompts are printed then. */
  tty: boolean;
  /** PS1 for the current state (`/ # `, `root@web:/# `). */
  prompt(state: ShellState): string;
}

export const STDIN_READ_LINE = 'stdin.readLine';
export const STDIN_INTERRUPTIBLE = 'stdin.interruptible';
/** The host's answer to an effect of a command interrupted by Ctrl+C (see above). */
export const INTERRUPT: unique symbol = Symbol('SIGINT');

/** Runs one command list; with a terminal, INTERRUPT as a reply stops it (SIGINT). Returns false then. */
function* runCommand(run: Generator<ShellEffect, number, unknown>, tty: boolean): Generator<ShellEffect, boolean, unknown> {
  const announce = (on: boolean): ShellEffect[] => (tty ? [{ type: 'call', name: STDIN_INTERRUPTIBLE, payload: on }] : []);
  yield* announce(true);
  let reply: unknown;
  for (;;) {
    let r: IteratorResult<ShellEffect, number>;
    try {
      r = run.next(reply);
    } catch (err) {
      yield* announce(false);
      throw err;
    }
    if (r.done) return (yield* announce(false), true);
    reply = yield r.value;
    if (tty && reply === INTERRUPT) {
      run.return(130);
      return (yield* announce(false), false);
    }
  }
}

export function* runInteractive(ctx: ShellContext, opts: InteractiveOptions): Generator<ShellEffect, number, unknown> {
  const shell: Shell = createShell(ctx);
  const frame: Frame = { input: new Input(''), out: { kind: 'yield', stream: 'stdout' }, err: { kind: 'yield', stream: 'stderr' } };
  for (;;) {
    let source = '';
    for (;;) {
      if (opts.tty) yield { type: 'stdout', text: source === '' ? opts.prompt(shell.state) : '> ' };
      const line = (yield { type: 'call', name: STDIN_READ_LINE }) as string | null | undefined;
      if (line === undefined || line === null) {
        if (opts.tty) yield { type: 'stdout', text: ctx.dialect === 'bash' ? 'exit\n' : '\n' };
        return shell.state.lastStatus;
      }
      source += line + '\n';
      if (!isIncomplete(source)) break;
    }
    let script;
    try {
      script = parseScript(source);
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      yield { type: 'stderr', text: err.messageFor(ctx.dialect) + '\n' };
      shell.state.lastStatus = 2;
      continue;
    }
    try {
      if (!(yield* runCommand(shell.runList(script.body, frame), opts.tty))) {
        yield { type: 'stdout', text: '\n' };
        shell.state.lastStatus = 130;
      }
    } catch (err) {
      if (err instanceof ExitSignal) {
        if (opts.tty && ctx.dialect === 'bash') yield { type: 'stdout', text: 'exit\n' };
        return err.status;
      }
      shell.state.lastStatus = yield* shell.statusOf(err, frame);
    }
  }
}
