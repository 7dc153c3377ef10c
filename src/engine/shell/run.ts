/**
 * Entry points: run a script (terminal line, lesson step, `sh -c` body) or an argv (a
 * container's command) as generators of ShellEffect that return the exit status.
 */
import type { Script } from './ast';
import { coreBuiltins } from './builtins';
import { Input, memoryFs, type Frame } from './io';
import { builtinName, Shell } from './interpreter';
import { findIntrinsic } from './intrinsics';
import { parseScript } from './parser';
import { ShellSyntaxError } from './syntaxError';
import type { Dialect, ShellContext, ShellEffect, ShellState } from './types';

type Gen<T> = Generator<ShellEffect, T, unknown>;

/** Build the shell for a context. The env Map (and exported Set) given are updated in place. */
export function createShell(ctx: ShellContext): Shell {
  const vars = ctx.env instanceof Map ? ctx.env : new Map(Object.entries(ctx.env ?? {}));
  const state: ShellState = {
    vars,
    exported: ctx.exported ?? new Set(vars.keys()),
    functions: new Map(),
    positional: [...(ctx.args ?? [])],
    argv0: ctx.argv0 ?? (ctx.dialect === 'bash' ? 'bash' : 'sh'),
    cwd: ctx.cwd ?? vars.get('PWD') ?? '/',
    options: { errexit: false, nounset: false, xtrace: false },
    lastStatus: ctx.lastStatus ?? 0,
    dialect: ctx.dialect,
  };
  return new Shell(state, { builtins: ctx.builtins ?? NO_BUILTINS, core: coreBuiltins, fs: ctx.fs ?? memoryFs(), now: ctx.now ?? (() => 0) });
}

const NO_BUILTINS: Record<string, never> = {};

function rootFrame(ctx: ShellContext): Frame {
  return { input: new Input(ctx.stdin ?? '', ctx.stdinTerminal), out: { kind: 'yield', stream: 'stdout' }, err: { kind: 'yield', stream: 'stderr' } };
}

/**
 * Run shell source (or a parsed Script). A syntax error prints the dialect's message and
 * returns 2, like `sh -c` does. `exit N` ends the script with N.
 */
export function* runScript(source: string | Script, ctx: ShellContext): Gen<number> {
  let script: Script;
  if (typeof source === 'string') {
    try {
      script = parseScript(source);
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      yield { type: 'stderr', text: err.messageFor(ctx.dialect) + '\n' };
      return 2;
    }
  } else script = source;
  if (script.heredocAtEof !== undefined && ctx.dialect === 'bash') {
    const text = `bash: warning: here-document delimited by end-of-file (wanted \`${script.heredocAtEof}')\n`;
    yield { type: 'stderr', text };
  }
  const shell = createShell(ctx);
  return yield* shell.runIsolated(script.body, rootFrame(ctx));
}

/**
 * The host builtin (by its name in `builtins`) that `runArgv` runs for a command named `name`,
 * or undefined when that is something else: an intrinsic (`sh`, `exec`…), a core builtin, nothing.
 * `runArgv` then just runs that builtin with the context's env and passes its effects through.
 */
export function hostCommand(name: string, builtins: Readonly<Record<string, unknown>>, dialect: Dialect): string | undefined {
  if (findIntrinsic(name, dialect)) return undefined;
  const found = builtinName(name, builtins, coreBuiltins);
  return found !== undefined && Object.hasOwn(builtins, found) ? found : undefined;
}

/**
 * Run one command given as argv, without any parsing: what a container runtime does with
 * `command` + `args` (`["sh", "-c", "echo hi"]`, `["sleep", "3600"]`).
 */
export function* runArgv(argv: string[], ctx: ShellContext): Gen<number> {
  if (argv.length === 0) return 0;
  const shell = createShell(ctx);
  const frame = rootFrame(ctx);
  try {
    return yield* shell.invoke(argv, [], frame);
  } catch (err) {
    return yield* shell.statusOf(err, frame);
  }
}
