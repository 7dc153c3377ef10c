/**
 * `kubectl` as a shell builtin: finds the (sub)command, parses its flags together with the global
 * ones, runs it, and turns failures into kubectl's messages and exit codes.
 */
import { isApiError } from '../../engine/api/errors';
import type { Builtin, ShellEffect } from '../../engine/shell/types';
import { COMMANDS } from './commands';
import { GLOBAL_FLAGS, UsageError, type CommandEnv, type KubectlCommand, type KubectlHost } from './command';
import { kubectlErrorText } from './errors';
import { FlagError, Flags, parseFlags } from './flags';
import { helpText, topLevelHelp } from './help';
import { UnknownResourceError } from './resolve';

export function kubectlBuiltin(host: KubectlHost): Builtin {
  return function* kubectl(argv, io) {
    return yield* runKubectl(argv.slice(1), host, io.stdin, io.stdinTerminal, io.env);
  };
}

export function* runKubectl(argv: string[], host: KubectlHost, stdin: string, stdinTerminal = false, vars?: ReadonlyMap<string, string>): Generator<ShellEffect, number, unknown> {
  const { command, path, rest } = findCommand(argv);
  if (!command) {
    if (rest.length === 0 || rest[0] === '--help' || rest[0] === '-h' || rest[0] === 'help') {
      yield { type: 'stdout', text: topLevelHelp(COMMANDS) };
      return 0;
    }
    const first = rest.find((a) => !a.startsWith('-')) ?? rest[0];
    const near = suggestions(first, COMMANDS);
    const hint = near.length ? `\nDid you mean this?\n${near.map((n) => `\t${n}\n`).join('')}` : '';
    yield { type: 'stderr', text: `error: unknown command "${first}" for "kubectl"\n${hint}` };
    return 1;
  }
  const pathText = ['kubectl', ...path].join(' ');
  let flags: Flags;
  try {
    flags = new Flags(parseFlags(rest, [...command.flags, ...GLOBAL_FLAGS]));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    yield { type: 'stderr', text: `error: ${e.message}\nSee '${pathText} --help' for usage.\n` };
    return 1;
  }
  if (flags.bool('help') || !command.run) {
    if (!command.run && flags.args.length > 0 && !flags.bool('help')) {
      yield { type: 'stderr', text: `error: unknown command "${flags.args[0]}"\nSee '${pathText} -h' for help and examples\n` };
      return 1;
    }
    yield { type: 'stdout', text: helpText(pathText, command) };
    return 0;
  }

  const buffered: ShellEffect[] = [];
  const env: CommandEnv = {
    host,
    api: host.sim.api,
    sim: host.sim,
    namespace: flags.string('namespace') || host.namespace(),
    namespaceExplicit: flags.changed('namespace'),
    stdin,
    stdinTerminal,
    vars,
    path: pathText,
    out: (text) => buffered.push({ type: 'stdout', text }),
    err: (text) => buffered.push({ type: 'stderr', text }),
    now: () => host.sim.now(),
  };
  const gen = command.run(flags, env);
  let status = 0;
  try {
    let step = gen.next();
    while (!step.done) {
      yield* buffered.splice(0);
      const answer: unknown = yield step.value;
      step = gen.next(answer);
    }
    status = step.value;
  } catch (e) {
    yield* buffered.splice(0);
    if (e instanceof UsageError) {
      yield { type: 'stderr', text: `error: ${e.message}\nSee '${pathText} -h' for help and examples\n` };
      return 1;
    }
    if (e instanceof UnknownResourceError || isApiError(e) || e instanceof Error) {
      const text = kubectlErrorText(e);
      yield { type: 'stderr', text: text.endsWith('\n') ? text : text + '\n' };
      return 1;
    }
    throw e;
  }
  yield* buffered.splice(0);
  return status;
}

function findCommand(argv: string[]): { command?: KubectlCommand; path: string[]; rest: string[] } {
  let list = COMMANDS;
  let command: KubectlCommand | undefined;
  const path: string[] = [];
  const rest: string[] = [];
  let i = 0;
  // Global flags may come before the verb (`kubectl -n dev get pods`).
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-')) {
      rest.push(a);
      const spec = GLOBAL_FLAGS.find((f) => a === `--${f.name}` || a === `-${f.short}`);
      if (spec && spec.type !== 'bool' && i + 1 < argv.length) rest.push(argv[++i]);
      continue;
    }
    const next = list.find((c) => c.name === a || c.aliases?.includes(a));
    if (!next) break;
    command = next;
    path.push(next.name);
    if (!next.subcommands) {
      i++;
      break;
    }
    list = next.subcommands;
  }
  return { command, path, rest: [...rest, ...argv.slice(i)] };
}

/** cobra's suggestions: commands within Levenshtein distance 2, or that start with what was typed. */
function suggestions(typed: string, commands: KubectlCommand[]): string[] {
  return commands
    .filter((c) => levenshtein(typed.toLowerCase(), c.name) <= 2 || c.name.startsWith(typed.toLowerCase()))
    .map((c) => c.name);
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}
