/** `sort [-rnu] [-t SEP] [-k N[,M]]` and `uniq [-cdu]`. Byte order (the C locale). */
import type { Builtin } from '../types';
import { lines, parseFlags, readInputs, stdout, unlines } from './util';

function keyOf(line: string, key: string | undefined, sep: string | undefined): string {
  if (!key) return line;
  const m = /^(\d+)(?:\.\d+)?[a-z]*(?:,(\d+)(?:\.\d+)?[a-z]*)?$/.exec(key);
  if (!m) return line;
  const start = Number(m[1]) - 1;
  const end = m[2] ? Number(m[2]) : undefined;
  if (sep !== undefined) return line.split(sep).slice(start, end).join(sep);
  // Without -t, fields are runs of non-blanks with their leading blanks.
  const fields = line.match(/\s*\S+/g) ?? [];
  return fields.slice(start, end).join('').trimStart();
}

function numeric(s: string): number {
  const m = /^\s*([-+]?\d*\.?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

export const sort: Builtin = function* (argv, io) {
  const { flags, values, rest } = parseFlags(argv.slice(1), 'kt');
  const { texts, failed } = yield* readInputs('sort', rest, io);
  const key = values.get('k');
  const sep = values.get('t');
  const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const items = texts.flatMap(lines).map((line, index) => ({ line, index, k: keyOf(line, key, sep) }));
  items.sort((a, b) => {
    let c = flags.has('n') ? numeric(a.k) - numeric(b.k) : byte(a.k, b.k);
    if (c === 0) c = byte(a.line, b.line);
    if (flags.has('r')) c = -c;
    return c || a.index - b.index;
  });
  let out = items.map((i) => i.line);
  if (flags.has('u')) out = out.filter((l, i) => i === 0 || l !== out[i - 1]);
  yield stdout(unlines(out));
  return failed ? 2 : 0;
};

export const uniq: Builtin = function* (argv, io) {
  const { flags, rest } = parseFlags(argv.slice(1));
  const { texts, failed } = yield* readInputs('uniq', rest.slice(0, 1), io);
  const groups: { line: string; count: number }[] = [];
  for (const line of lines(texts[0] ?? '')) {
    const last = groups[groups.length - 1];
    if (last && (flags.has('i') ? last.line.toLowerCase() === line.toLowerCase() : last.line === line)) last.count++;
    else groups.push({ line, count: 1 });
  }
  const kept = groups.filter((g) => (flags.has('d') ? g.count > 1 : flags.has('u') ? g.count === 1 : true));
  yield stdout(unlines(kept.map((g) => (flags.has('c') ? `${String(g.count).padStart(7)} ${g.line}` : g.line))));
  return failed ? 1 : 0;
};
