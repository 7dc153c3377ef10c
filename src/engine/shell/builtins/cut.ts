/** `cut -d SEP -f LIST` / `cut -c LIST` and `tr [-ds] SET1 [SET2]`. */
import type { Builtin } from '../types';
import { lines, parseFlags, readInputs, stderr, stdout, unlines } from './util';

/** `1,3-5,7-` as a predicate on 1-based positions. */
function parseList(list: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3])) return undefined;
    const lo = m[1] ? Number(m[1]) : 1;
    const hi = m[2] ? (m[3] ? Number(m[3]) : Infinity) : lo;
    ranges.push([lo, hi]);
  }
  return (n) => ranges.some(([lo, hi]) => n >= lo && n <= hi);
}

export const cut: Builtin = function* (argv, io) {
  const { flags, values, rest } = parseFlags(argv.slice(1), 'dfcb');
  const spec = values.get('f') ?? values.get('c') ?? values.get('b');
  const pick = spec === undefined ? undefined : parseList(spec);
  if (!pick) {
    yield stderr(spec === undefined ? 'cut: you must specify a list of bytes, characters, or fields\n' : `cut: invalid field value '${spec}'\n`);
    return 1;
  }
  const { texts, failed } = yield* readInputs('cut', rest, io);
  const sep = values.get('d') ?? '\t';
  const out = texts.flatMap(lines).flatMap((line) => {
    if (!values.has('f')) return [[...line].filter((_, i) => pick(i + 1)).join('')];
    if (!line.includes(sep)) return flags.has('s') ? [] : [line];
    return [line.split(sep).filter((_, i) => pick(i + 1)).join(sep)];
  });
  yield stdout(unlines(out));
  return failed ? 1 : 0;
};

const CLASSES: Record<string, string> = {
  '[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '[:lower:]': 'abcdefghijklmnopqrstuvwxyz',
  '[:digit:]': '0123456789',
  '[:space:]': ' \t\n\r\v\f',
  '[:blank:]': ' \t',
  '[:punct:]': '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

/** Expand a tr set: classes, ranges `a-z`, escapes `\n \t \\`. */
export function expandSet(set: string): string {
  let out = '';
  for (let i = 0; i < set.length; i++) {
    const cls = Object.keys(CLASSES).find((k) => set.startsWith(k, i));
    if (cls) {
      out += CLASSES[cls];
      i += cls.length - 1;
      continue;
    }
    let c = set[i];
    if (c === '\\' && i + 1 < set.length) {
      const n = set[++i];
      c = n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
    }
    if (set[i + 1] === '-' && i + 2 < set.length) {
      const end = set.charCodeAt(i + 2);
      for (let code = c.charCodeAt(0); code <= end; code++) out += String.fromCharCode(code);
      i += 2;
    } else out += c;
  }
  return out;
}

export const tr: Builtin = function* (argv, io) {
  const { flags, rest } = parseFlags(argv.slice(1));
  const [a, b] = rest;
  if (a === undefined || (!flags.has('d') && !flags.has('s') && b === undefined)) {
    yield stderr(a === undefined ? "tr: missing operand\n" : `tr: missing operand after '${a}'\n`);
    return 1;
  }
  const from = expandSet(a);
  const to = b === undefined ? '' : expandSet(b);
  let out = '';
  let prev = '';
  for (const c of io.stdin) {
    const idx = from.indexOf(c);
    if (flags.has('d') && idx >= 0) continue;
    const mapped = !flags.has('d') && idx >= 0 && to ? (to[idx] ?? to[to.length - 1]) : c;
    const squeezeSet = flags.has('d') ? to : to || from;
    if (flags.has('s') && mapped === prev && squeezeSet.includes(mapped)) continue;
    out += mapped;
    prev = mapped;
  }
  yield stdout(out);
  return 0;
};
