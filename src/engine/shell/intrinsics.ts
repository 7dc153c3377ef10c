/**
 * Commands that need the interpreter itself rather than a BuiltinIO: `sh`/`bash` (a child
 * shell process), `eval`, `exec`, `.`/`source`.
 */
import type { Script } from './ast';
import { ExitSignal, Input, writeTo, type Frame } from './io';
import type { Shell } from './interpreter';
import { parseScript } from './parser';
import { ShellSyntaxError } from './syntaxError';
import type { Dialect, ShellEffect } from './types';

type Gen<T> = Generator<ShellEffect, T, unknown>;
type Intrinsic = (sh: Shell, argv: string[], frame: Frame) => Gen<number>;

const INTRINSICS: Record<string, Intrinsic> = {
  sh: (sh, argv, frame) => childShell(sh, argv, frame, 'ash'),
  eval: runEval,
  exec: runExec,
  '.': runSource,
  source: runSource,
};

export function findIntrinsic(name: string, dialect: Dialect): Intrinsic | undefined {
  const base = name.startsWith('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  if (base === 'sh') return INTRINSICS.sh;
  // busybox images have no bash; the terminal does.
  if (base === 'bash' && dialect === 'bash') return (sh, argv, frame) => childShell(sh, argv, frame, 'bash');
  return Object.hasOwn(INTRINSICS, name) ? INTRINSICS[name] : undefined;
}

/** Parse, or report the syntax error on the frame's stderr (undefined then). */
function* parseOrReport(sh: Shell, source: string, dialect: Dialect, frame: Frame): Gen<Script | undefined> {
  try {
    return parseScript(source);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    yield* writeTo(frame.err, err.messageFor(dialect) + '\n', sh.host.fs);
    return undefined;
  }
}

/**
 * `sh [-eux] -c 'script' [argv0 args…]`, `sh file [args…]`, or `sh` reading its script from
 * stdin. The child is a new process: it inherits only exported variables.
 */
function* childShell(sh: Shell, argv: string[], frame: Frame, dialect: Dialect): Gen<number> {
  const child = sh.fork();
  const st = child.state;
  const env = new Map<string, string>();
  for (const n of st.exported) if (st.vars.has(n)) env.set(n, st.vars.get(n) as string);
  Object.assign(st, { vars: env, functions: new Map(), dialect, argv0: argv[0], lastStatus: 0 });
  st.options = { errexit: false, nounset: false, xtrace: false };
  let i = 1;
  let command: string | undefined;
  for (; i < argv.length && /^[-+]/.test(argv[i]); i++) {
    const flags = argv[i].slice(1);
    if (flags.includes('c')) command = argv[++i] ?? '';
    st.options.errexit ||= flags.includes('e');
    st.options.nounset ||= flags.includes('u');
    st.options.xtrace ||= flags.includes('x');
  }
  let source = command;
  if (source === undefined && i < argv.length) {
    source = sh.host.fs.read(sh.resolve(argv[i]));
    if (source === undefined) {
      const msg = dialect === 'bash' ? `bash: ${argv[i]}: No such file or directory` : `sh: can't open '${argv[i]}': No such file or directory`;
      yield* writeTo(frame.err, msg + '\n', sh.host.fs);
      return 127;
    }
  }
  if (command !== undefined && i < argv.length) st.argv0 = argv[i++];
  st.positional = argv.slice(i);
  // Without -c or a file, the script is standard input (no TTY: it ends at end of input).
  const script = yield* parseOrReport(child, source ?? frame.input.rest(), dialect, frame);
  if (!script) return 2;
  return yield* child.runIsolated(script.body, { ...frame, input: source === undefined ? new Input('') : frame.input });
}

function* runEval(sh: Shell, argv: string[], frame: Frame): Gen<number> {
  const script = yield* parseOrReport(sh, argv.slice(1).join(' '), sh.state.dialect, frame);
  return script ? yield* sh.runList(script.body, frame) : 2;
}

function* runSource(sh: Shell, argv: string[], frame: Frame): Gen<number> {
  const path = argv[1];
  const text = path === undefined ? undefined : sh.host.fs.read(sh.resolve(path));
  if (text === undefined) {
    const msg = sh.state.dialect === 'bash'
      ? `bash: ${path ?? '.'}: ${path ? 'No such file or directory' : 'filename argument required'}`
      : `sh: .: can't open '${path ?? ''}': No such file or directory`;
    yield* writeTo(frame.err, msg + '\n', sh.host.fs);
    return path ? 1 : 2;
  }
  const script = yield* parseOrReport(sh, text, sh.state.dialect, frame);
  return script ? yield* sh.runList(script.body, frame) : 2;
}

/** `exec cmd…` replaces the shell: the command's status ends the script. */
function* runExec(sh: Shell, argv: string[], frame: Frame): Gen<number> {
  if (argv.length < 2) return 0;
  const status = yield* sh.invoke(argv.slice(1), [], frame);
  throw new ExitSignal(status);
}
