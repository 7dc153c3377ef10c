/** Small system builtins: date, hostname, whoami, uname, seq, basename, dirname. */
import { dateString, strftime } from '../calendar';
import type { Builtin } from '../types';
import { stderr, stdout } from './util';

/** `date [-u] [+FORMAT]`, always UTC (containers and the sandbox have TZ unset). */
export const date: Builtin = function* (argv, io) {
  const now = io.now();
  const format = argv.slice(1).find((a) => a.startsWith('+'));
  if (argv.includes('-I') || argv.includes('--iso-8601')) {
    yield stdout(strftime('%F', now) + '\n');
    return 0;
  }
  yield stdout((format ? strftime(format.slice(1), now) : dateString(now)) + '\n');
  return 0;
};

export const hostname: Builtin = function* (_argv, io) {
  yield stdout((io.env.get('HOSTNAME') ?? io.shell.vars.get('HOSTNAME') ?? 'localhost') + '\n');
  return 0;
};

export const whoami: Builtin = function* (_argv, io) {
  yield stdout((io.env.get('USER') ?? 'root') + '\n');
  return 0;
};

export const uname: Builtin = function* (argv, io) {
  const host = io.env.get('HOSTNAME') ?? 'localhost';
  const all = argv.includes('-a');
  yield stdout((all ? `Linux ${host} 5.15.0-1079-azure #88-Ubuntu SMP x86_64 GNU/Linux` : 'Linux') + '\n');
  return 0;
};

/** `seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST` */
export const seq: Builtin = function* (argv, io) {
  let sep = '\n';
  let width = false;
  const nums: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i].startsWith('-s')) sep = argv[i].length > 2 ? argv[i].slice(2) : (argv[++i] ?? '');
    else if (argv[i] === '-w') width = true;
    else nums.push(argv[i]);
  }
  const bad = nums.find((n) => !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(n));
  if (nums.length === 0 || nums.length > 3 || bad !== undefined) {
    yield stderr(bad !== undefined ? `seq: invalid floating point argument: '${bad}'\n` : (io.dialect === 'bash' ? 'seq: missing operand\n' : 'Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n'));
    return 1;
  }
  const [first, inc, last] = nums.length === 1 ? [1, 1, Number(nums[0])] : nums.length === 2 ? [Number(nums[0]), 1, Number(nums[1])] : nums.map(Number);
  if (inc === 0) return 1;
  const decimals = Math.max(...nums.map((n) => (n.includes('.') ? n.length - n.indexOf('.') - 1 : 0)));
  const out: string[] = [];
  for (let v = first, k = 0; inc > 0 ? v <= last + 1e-9 : v >= last - 1e-9; k++, v = first + k * inc) {
    out.push(v.toFixed(decimals));
    if (out.length > 1_000_000) break;
  }
  const w = width ? Math.max(...out.map((s) => s.length)) : 0;
  if (out.length) yield stdout(out.map((s) => s.padStart(w, '0')).join(sep) + '\n');
  return 0;
};

export const basename: Builtin = function* (argv) {
  const path = (argv[1] ?? '').replace(/\/+$/, '');
  let base = path.slice(path.lastIndexOf('/') + 1) || (argv[1]?.startsWith('/') ? '/' : '');
  if (argv[2] && base.endsWith(argv[2]) && base !== argv[2]) base = base.slice(0, -argv[2].length);
  yield stdout(base + '\n');
  return 0;
};

export const dirname: Builtin = function* (argv) {
  const path = (argv[1] ?? '').replace(/\/+$/, '');
  const slash = path.lastIndexOf('/');
  yield stdout((slash < 0 ? '.' : slash === 0 ? '/' : path.slice(0, slash)) + '\n');
  return 0;
};
