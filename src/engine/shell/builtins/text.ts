/** `cat`, `head`, `tail`, `wc`. */
import type { Builtin } from '../types';
import { lines, parseFlags, readInputs, stderr, stdout, unlines, utf8Length } from './util';

export const cat: Builtin = function* (argv, io) {
  const { flags, rest } = parseFlags(argv.slice(1));
  let failed = false;
  let lineNo = 0;
  // One file at a time, so output and "can't open" errors interleave as they do for real.
  for (const file of rest.length ? rest : ['-']) {
    const r = yield* readInputs('cat', [file], io);
    failed ||= r.failed;
    let text = r.texts.join('');
    if (flags.has('n')) text = unlines(lines(text).map((l) => `${String(++lineNo).padStart(6)}\t${l}`));
    if (text) yield stdout(text);
  }
  return failed ? 1 : 0;
};

/** The line count of `-n N`, `-N` or `-n +N` (tail: from line N); undefined when invalid. */
function countArg(cmd: string, values: Map<string, string>): { n: number; fromStart: boolean } | undefined {
  const raw = values.get('n') ?? values.get('#') ?? '10';
  const m = /^([+-]?)(\d+)$/.exec(raw);
  if (!m) return undefined;
  return { n: Number(m[2]), fromStart: cmd === 'tail' && m[1] === '+' };
}

function headTail(cmd: 'head' | 'tail'): Builtin {
  return function* (argv, io) {
    const { values, rest } = parseFlags(argv.slice(1), 'nc');
    const count = countArg(cmd, values);
    if (!count) {
      const raw = values.get('n');
      yield stderr(io.dialect === 'bash' ? `${cmd}: invalid number of lines: '${raw}'\n` : `${cmd}: invalid number '${raw}'\n`);
      return 1;
    }
    const { texts, failed } = yield* readInputs(cmd, rest, io);
    const files = rest.length ? rest : ['-'];
    let out = '';
    texts.forEach((text, i) => {
      if (files.length > 1) out += `${i > 0 ? '\n' : ''}==> ${files[i] === '-' ? 'standard input' : files[i]} <==\n`;
      const all = lines(text);
      const picked = cmd === 'head' ? all.slice(0, count.n)
        : count.fromStart ? all.slice(Math.max(0, count.n - 1))
        : count.n === 0 ? [] : all.slice(-count.n);
      out += unlines(picked);
    });
    yield stdout(out);
    return failed ? 1 : 0;
  };
}

export const head = headTail('head');
export const tail = headTail('tail');

/**
 * `wc [-lwc]`, formatted like GNU coreutils: a single count of a single input prints bare
 * (`3`); otherwise columns are right-aligned to width 7 when reading stdin, or to the digits
 * of the total byte count for files.
 */
export const wc: Builtin = function* (argv, io) {
  const { flags, rest } = parseFlags(argv.slice(1));
  const chosen = ['l', 'w', 'c', 'm'].filter((f) => flags.has(f)).map((f) => (f === 'm' ? 'c' : f));
  const fields = chosen.length ? [...new Set(chosen)] : ['l', 'w', 'c'];
  const { texts, failed } = yield* readInputs('wc', rest, io);
  const files = rest.length ? rest : [];
  const rows = texts.map((t) => ({
    l: (t.match(/\n/g) ?? []).length,
    w: t.split(/\s+/).filter(Boolean).length,
    c: utf8Length(t),
  }));
  const names = files.filter((f) => f === '-' || io.fs.read(io.resolve(f)) !== undefined);
  if (rows.length > 1) {
    rows.push({ l: sum(rows, 'l'), w: sum(rows, 'w'), c: sum(rows, 'c') });
    names.push('total');
  }
  const fromStdin = files.length === 0 || files.includes('-');
  const single = fields.length === 1 && rows.length === 1;
  const width = single ? 1 : fromStdin ? 7 : String(rows[rows.length - 1]?.c ?? 0).length;
  const order = ['l', 'w', 'c'].filter((f) => fields.includes(f)) as ('l' | 'w' | 'c')[];
  const out = rows.map((r, i) => {
    const cols = order.map((f) => String(r[f]).padStart(width)).join(' ');
    return names[i] !== undefined ? `${cols} ${names[i]}` : cols;
  });
  yield stdout(unlines(out));
  return failed ? 1 : 0;
};

function sum(rows: { l: number; w: number; c: number }[], k: 'l' | 'w' | 'c'): number {
  return rows.reduce((acc, r) => acc + r[k], 0);
}
