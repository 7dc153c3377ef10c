/**
 * A very small `awk`: `[-F SEP] '[/regex/] { print ITEM[, ITEM]… }'` where an item is `$N`,
 * `$NF`, `$0`, `NF`, `NR` or a "string"; also `END { print NR }`. Anything else is refused
 * with a message rather than guessed at.
 */
import type { Builtin } from '../types';
import { lines, parseFlags, readInputs, stderr, stdout, unlines } from './util';

interface Program {
  filter?: RegExp;
  items: string[];
  end: boolean;
}

function parseProgram(text: string): Program | undefined {
  const m = /^\s*(END\s*)?(?:\/((?:\\.|[^/])*)\/\s*)?\{\s*print\s*([^}]*?)\s*;?\s*\}\s*$/.exec(text);
  if (!m) return undefined;
  const items = m[3] === '' ? ['$0'] : m[3].split(/\s*,\s*|\s+/).filter(Boolean);
  if (!items.every((i) => /^(\$(\d+|NF)|NF|NR|"[^"]*")$/.test(i))) return undefined;
  return { filter: m[2] !== undefined ? new RegExp(m[2]) : undefined, items, end: Boolean(m[1]) };
}

function split(line: string, sep: string | undefined): string[] {
  if (sep === undefined || sep === ' ') return line.trim().split(/\s+/).filter(Boolean);
  return line.split(sep.length === 1 ? sep : new RegExp(sep));
}

function render(item: string, line: string, fields: string[], nr: number): string {
  if (item.startsWith('"')) return item.slice(1, -1);
  if (item === 'NF') return String(fields.length);
  if (item === 'NR') return String(nr);
  const n = item === '$NF' ? fields.length : Number(item.slice(1));
  return n === 0 ? line : (fields[n - 1] ?? '');
}

export const awk: Builtin = function* (argv, io) {
  const { values, rest } = parseFlags(argv.slice(1), 'F');
  const [programText, ...files] = rest;
  const program = programText === undefined ? undefined : parseProgram(programText);
  if (!program) {
    yield stderr(`awk: this sandbox's awk only runs programs like '{print $1, $3}' or '/re/ {print $NF}'\n`);
    return 2;
  }
  const { texts, failed } = yield* readInputs('awk', files, io);
  const out: string[] = [];
  let nr = 0;
  for (const line of texts.flatMap(lines)) {
    nr++;
    if (program.end || (program.filter && !program.filter.test(line))) continue;
    const fields = split(line, values.get('F'));
    out.push(program.items.map((i) => render(i, line, fields, nr)).join(' '));
  }
  if (program.end) out.push(program.items.map((i) => render(i, '', [], nr)).join(' '));
  yield stdout(unlines(out));
  return failed ? 2 : 0;
};
