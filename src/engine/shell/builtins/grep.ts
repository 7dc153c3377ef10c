/**
 * `grep [-ivcwxnqoshHEF] [-A N] [-B N] [-C N] [-m N] [-e PATTERN] PATTERN [FILE…]`. Basic regular expressions are
 * translated to JS RegExp (`\(`, `\|`, `\+` become groups/alternation/repetition); -E uses
 * the pattern as is, which covers the ERE that people type.
 */
import type { Builtin } from '../types';
import { lines, parseFlags, readInputs, stderr, stdout } from './util';

/** Translate a POSIX basic regular expression to JS syntax. */
export function breToJs(bre: string): string {
  let out = '';
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i];
    if (c === '\\' && i + 1 < bre.length) {
      const n = bre[++i];
      out += '(){}|+?'.includes(n) ? n : '\\' + n;
    } else if ('(){}|+?'.includes(c)) {
      out += '\\' + c;
    } else {
      out += c;
    }
  }
  return out;
}

function compile(patterns: string[], flags: Set<string>): RegExp {
  const sources = patterns.map((p) => {
    let s = flags.has('F') ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : flags.has('E') ? p : breToJs(p);
    if (flags.has('w')) s = `(?<![A-Za-z0-9_])(?:${s})(?![A-Za-z0-9_])`;
    if (flags.has('x')) s = `^(?:${s})$`;
    return s;
  });
  return new RegExp(sources.join('|'), flags.has('i') ? 'gi' : 'g');
}

export const grep: Builtin = function* (argv, io) {
  const patterns: string[] = [];
  const args = argv.slice(1);
  for (let i = args.indexOf('-e'); i >= 0; i = args.indexOf('-e')) patterns.push(...args.splice(i, 2).slice(1));
  const { flags, values, rest } = parseFlags(args, 'ABCm');
  const number = (v: string | undefined, fallback: number): number | undefined => (v === undefined ? fallback : /^\d+$/.test(v) ? Number(v) : undefined);
  const around = number(values.get('C') ?? values.get('#'), 0);
  const after = number(values.get('A'), around ?? 0);
  const before = number(values.get('B'), around ?? 0);
  const max = number(values.get('m'), Infinity);
  if (around === undefined || after === undefined || before === undefined || max === undefined) {
    const bad = [values.get('A'), values.get('B'), values.get('C') ?? values.get('#'), values.get('m')].find((v) => v !== undefined && !/^\d+$/.test(v));
    yield stderr(`grep: ${bad}: invalid context length argument\n`);
    return 2;
  }
  if (patterns.length === 0) {
    const p = rest.shift();
    if (p === undefined) {
      yield stderr(io.dialect === 'bash' ? "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n" : 'BusyBox v1.37.0 multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
      return 2;
    }
    patterns.push(p);
  }
  let re: RegExp;
  try {
    re = compile(patterns, flags);
  } catch {
    yield stderr(`grep: Invalid regular expression\n`);
    return 2;
  }
  const showNames = flags.has('H') || (rest.length > 1 && !flags.has('h'));
  const only = flags.has('o') && !flags.has('v');
  // Context lines (-A/-B/-C) as GNU grep prints them: `-` after the name and number instead of
  // `:`, and `--` between groups that are not adjacent (also across files).
  const withContext = !only && !flags.has('c') && !flags.has('q') && (after > 0 || before > 0);
  let printedGroup = false;
  let matched = false;
  let failed = false;
  for (const file of rest.length ? rest : ['-']) {
    const { texts, failed: missing } = yield* readInputs('grep', [file], io);
    failed ||= missing;
    if (missing) continue;
    const name = file === '-' ? '(standard input)' : file;
    const out: string[] = [];
    const prefix = (n: number, sep: string) => (showNames ? name + sep : '') + (flags.has('n') ? `${n + 1}${sep}` : '');
    const all = lines(texts[0]);
    let count = 0;
    let lastPrinted = -1;
    let afterLeft = 0;
    for (let n = 0; n < all.length; n++) {
      const line = all[n];
      re.lastIndex = 0;
      const hit = count < max && re.test(line) !== flags.has('v');
      if (!hit) {
        if (withContext && afterLeft > 0) {
          out.push(prefix(n, '-') + line);
          lastPrinted = n;
          afterLeft--;
        }
        if (count >= max && afterLeft === 0) break;
        continue;
      }
      count++;
      if (withContext) {
        const from = Math.max(lastPrinted + 1, n - before);
        if (printedGroup && (from > lastPrinted + 1 || lastPrinted < 0)) out.push('--');
        for (let k = from; k < n; k++) out.push(prefix(k, '-') + all[k]);
        printedGroup = true;
        afterLeft = after;
      }
      lastPrinted = n;
      if (only) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0]) out.push(prefix(n, ':') + m[0]);
      } else out.push(prefix(n, ':') + line);
    }
    matched ||= count > 0;
    if (flags.has('q')) continue;
    if (flags.has('c')) yield stdout((showNames ? name + ':' : '') + count + '\n');
    else if (out.length) yield stdout(out.join('\n') + '\n');
  }
  if (flags.has('q') && matched) return 0;
  return failed ? 2 : matched ? 0 : 1;
};
