/** Variable builtins: export, unset, local, env, printenv, set, shift, read. */
import type { Builtin, BuiltinIO } from '../types';
import { stderr, stdout } from './util';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

function* assignAll(argv: string[], io: BuiltinIO, exportThem: boolean) {
  let status = 0;
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME.test(name)) {
      yield stderr(io.dialect === 'bash' ? `bash: ${argv[0]}: \`${arg}': not a valid identifier\n` : `sh: ${argv[0]}: bad variable name\n`);
      status = 1;
      continue;
    }
    if (eq >= 0) io.shell.vars.set(name, arg.slice(eq + 1));
    if (exportThem) io.shell.exported.add(name);
  }
  return status;
}

export const exportBuiltin: Builtin = function* (argv, io) {
  if (argv.length === 1 || argv[1] === '-p') {
    const names = [...io.shell.exported].filter((n) => io.shell.vars.has(n)).sort();
    for (const n of names) {
      const v = io.shell.vars.get(n) as string;
      yield stdout(io.dialect === 'bash' ? `declare -x ${n}=${JSON.stringify(v)}\n` : `export ${n}=${quote(v)}\n`);
    }
    return 0;
  }
  return yield* assignAll(argv, io, true);
};

/** `local` in a function: without function scopes it is a plain assignment. */
export const local: Builtin = (argv, io) => assignAll(argv, io, false);

export const unset: Builtin = function* (argv, io) {
  for (const name of argv.slice(1)) {
    if (name === '-v') continue;
    if (name === '-f') continue;
    io.shell.vars.delete(name);
    io.shell.exported.delete(name);
    io.shell.functions.delete(name);
  }
  return 0;
};

/** `env` prints the environment (NAME=value args are added first; running a command is not supported). */
export const env: Builtin = function* (argv, io) {
  const vars = new Map(argv.includes('-i') ? [] : io.env);
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq > 0) vars.set(a.slice(0, eq), a.slice(eq + 1));
  }
  yield stdout([...vars].map(([k, v]) => `${k}=${v}\n`).join(''));
  return 0;
};

export const printenv: Builtin = function* (argv, io) {
  if (argv.length === 1) return yield* env(['env'], io);
  let status = 0;
  for (const name of argv.slice(1)) {
    const v = io.env.get(name);
    if (v === undefined) status = 1;
    else yield stdout(v + '\n');
  }
  return status;
};

const LONG_OPTIONS: Record<string, 'errexit' | 'nounset' | 'xtrace'> = { errexit: 'errexit', nounset: 'nounset', xtrace: 'xtrace' };
const SHORT_OPTIONS: Record<string, 'errexit' | 'nounset' | 'xtrace'> = { e: 'errexit', u: 'nounset', x: 'xtrace' };

export const set: Builtin = function* (argv, io) {
  const { shell } = io;
  if (argv.length === 1) {
    const names = [...shell.vars.keys()].sort();
    yield stdout(names.map((n) => `${n}=${quote(shell.vars.get(n) as string)}\n`).join(''));
    return 0;
  }
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      shell.positional = argv.slice(i + 1);
      return 0;
    }
    if (!/^[-+]/.test(a)) {
      shell.positional = argv.slice(i);
      return 0;
    }
    const on = a[0] === '-';
    if (a.slice(1) === 'o') {
      const opt = LONG_OPTIONS[argv[++i] ?? ''];
      if (opt) shell.options[opt] = on;
      continue;
    }
    for (const f of a.slice(1)) {
      const opt = SHORT_OPTIONS[f];
      if (opt) shell.options[opt] = on;
    }
  }
  return 0;
};

export const shift: Builtin = function* (argv, io) {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0 || n > io.shell.positional.length) {
    if (io.dialect === 'ash') yield stderr(`sh: shift: can't shift that many\n`);
    return 1;
  }
  io.shell.positional = io.shell.positional.slice(n);
  return 0;
};

/** `read [-r] [-p prompt] [name…]`: one line of stdin, split on IFS; the last name takes the rest. */
export const read: Builtin = function* (argv, io) {
  let raw = false;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '-r') raw = true;
    else if (argv[i] === '-p') i++;
    else names.push(argv[i]);
  }
  if (names.length === 0) names.push('REPLY');
  let line = io.readLine();
  if (line === undefined) {
    for (const n of names) io.shell.vars.set(n, '');
    return 1;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const ifs = io.shell.vars.get('IFS') ?? ' \t\n';
  const fields = splitForRead(line, ifs, names.length);
  names.forEach((n, i) => io.shell.vars.set(n, fields[i] ?? ''));
  return 0;
};

function splitForRead(line: string, ifs: string, count: number): string[] {
  const isSep = (c: string) => ifs.includes(c);
  const out: string[] = [];
  let i = 0;
  const skip = () => { while (i < line.length && isSep(line[i])) i++; };
  skip();
  while (i < line.length && out.length < count - 1) {
    let field = '';
    while (i < line.length && !isSep(line[i])) field += line[i++];
    out.push(field);
    skip();
  }
  if (i < line.length) out.push(line.slice(i).replace(new RegExp(`[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+$`), ''));
  return out;
}
