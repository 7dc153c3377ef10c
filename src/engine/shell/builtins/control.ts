/** Control builtins: exit, return, break, continue, true, false, `:`, cd, pwd. */
import { ExitSignal, LoopSignal, ReturnSignal } from '../io';
import type { Builtin, BuiltinIO } from '../types';
import { stderr, stdout } from './util';

/** The numeric argument of exit/return, or the last status; `undefined` reports bad input. */
function statusArg(argv: string[], io: BuiltinIO): number | undefined {
  const arg = argv[1];
  if (arg === undefined) return io.shell.lastStatus;
  if (!/^-?\d+$/.test(arg)) return undefined;
  return ((Number(arg) % 256) + 256) % 256;
}

export const exit: Builtin = function* (argv, io) {
  const status = statusArg(argv, io);
  if (status === undefined) {
    yield stderr(io.dialect === 'bash' ? `bash: exit: ${argv[1]}: numeric argument required\n` : `sh: exit: Illegal number: ${argv[1]}\n`);
    throw new ExitSignal(2);
  }
  throw new ExitSignal(status);
};

export const returnBuiltin: Builtin = function* (argv, io) {
  const status = statusArg(argv, io);
  if (status === undefined) {
    yield stderr(io.dialect === 'bash' ? `bash: return: ${argv[1]}: numeric argument required\n` : `sh: return: Illegal number: ${argv[1]}\n`);
    throw new ReturnSignal(2);
  }
  throw new ReturnSignal(status);
};

function loopControl(kind: 'break' | 'continue'): Builtin {
  return function* (argv) {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    throw new LoopSignal(kind, Number.isInteger(n) && n > 0 ? n : 1);
  };
}

export const breakBuiltin = loopControl('break');
export const continueBuiltin = loopControl('continue');

export const trueBuiltin: Builtin = function* () {
  return 0;
};

export const falseBuiltin: Builtin = function* () {
  return 1;
};

/** `cd`: the file system has no directories, so any path is accepted. */
export const cd: Builtin = function* (argv, io) {
  const target = argv[1] ?? io.shell.vars.get('HOME') ?? '/';
  const path = normalise(io.resolve(target === '-' ? (io.shell.vars.get('OLDPWD') ?? io.shell.cwd) : target));
  io.shell.vars.set('OLDPWD', io.shell.cwd);
  io.shell.cwd = path;
  io.shell.vars.set('PWD', path);
  return 0;
};

export const pwd: Builtin = function* (_argv, io) {
  yield stdout(io.shell.cwd + '\n');
  return 0;
};

export function normalise(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}
