/** `echo` and `printf`. */
import type { Builtin } from '../types';
import { stderr, stdout } from './util';

/** Backslash escapes of `echo -e` and printf formats; returns the text and whether `\c` stopped it. */
export function unescape(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '\\': '\\' };
    if (n in simple) out += simple[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === '0' || /[0-7]/.test(n)) {
      const m = /^0?[0-7]{1,3}/.exec(text.slice(i)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0], 8));
      i += m[0].length - 1;
    } else if (n === 'x' && /[0-9a-fA-F]/.test(text[i + 1] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0], 16));
      i += m[0].length;
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}

export const echo: Builtin = function* (argv) {
  let i = 1;
  let newline = true;
  let escapes = false;
  for (; i < argv.length && /^-[neE]+$/.test(argv[i]); i++) {
    for (const f of argv[i].slice(1)) {
      if (f === 'n') newline = false;
      else escapes = f === 'e';
    }
  }
  let text = argv.slice(i).join(' ');
  if (escapes) {
    const u = unescape(text);
    text = u.text;
    if (u.stop) newline = false;
  }
  yield stdout(newline ? text + '\n' : text);
  return 0;
};

/** printf FORMAT [ARG]…: %s %d %i %u %x %X %o %c %f %%, flags `-0 +`, width and precision. */
export const printf: Builtin = function* (argv, io) {
  const format = argv[1];
  if (format === undefined) {
    yield stderr(io.dialect === 'bash' ? 'printf: usage: printf [-v var] format [arguments]\n' : 'printf: usage: printf FORMAT [ARGUMENT]...\n');
    return 2;
  }
  const args = argv.slice(2);
  let out = '';
  let status = 0;
  let used = 0;
  do {
    const start = used;
    const spec = /%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdiuxXocfbeEgG%])/g;
    let last = 0;
    let stop = false;
    for (let m = spec.exec(format); m; m = spec.exec(format)) {
      const u = unescape(format.slice(last, m.index));
      out += u.text;
      last = spec.lastIndex;
      if (u.stop) { stop = true; break; }
      if (m[4] === '%') { out += '%'; continue; }
      const arg = args[used++] ?? '';
      const { text, bad } = convert(m[4], m[1], m[3], arg);
      if (bad) {
        status = 1;
        yield stderr(`${io.dialect === 'bash' ? 'bash: printf' : 'printf'}: ${arg}: invalid number\n`);
      }
      out += pad(text, m[1], m[2]);
    }
    if (!stop) out += unescape(format.slice(last)).text;
    if (stop || used === start) break;
  } while (used < args.length);
  yield stdout(out);
  return status;
};

function convert(conv: string, flags: string, precision: string | undefined, arg: string): { text: string; bad: boolean } {
  if (conv === 's') return { text: precision ? arg.slice(0, Number(precision)) : arg, bad: false };
  if (conv === 'b') return { text: unescape(arg).text, bad: false };
  if (conv === 'c') return { text: arg.slice(0, 1), bad: false };
  const quoted = /^['"](.)/.exec(arg);
  const n = quoted ? quoted[1].charCodeAt(0) : arg.trim() === '' ? 0 : Number(arg);
  const bad = Number.isNaN(n);
  const v = bad ? 0 : n;
  const sign = flags.includes('+') && v >= 0 ? '+' : '';
  switch (conv) {
    case 'x': return { text: Math.trunc(v).toString(16), bad };
    case 'X': return { text: Math.trunc(v).toString(16).toUpperCase(), bad };
    case 'o': return { text: Math.trunc(v).toString(8), bad };
    case 'f': case 'e': case 'E': case 'g': case 'G':
      return { text: sign + v.toFixed(precision === undefined ? 6 : Number(precision)), bad };
    default: return { text: sign + String(Math.trunc(v)), bad };
  }
}

function pad(text: string, flags: string, width: string): string {
  const w = Number(width || 0);
  if (text.length >= w) return text;
  if (flags.includes('-')) return text.padEnd(w);
  if (flags.includes('0') && /^[-+]?\d/.test(text)) {
    const sign = /^[-+]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(w - sign.length, '0');
  }
  return text.padStart(w);
}
