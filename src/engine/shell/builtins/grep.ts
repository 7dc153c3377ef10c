/**
 * `grep [-ivcwxnqoshHEF] [-e PATTERN] PATTERN [FILE…]`. Basic regular expressions are
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
  const { flags, rest } = parseFlags(args);
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
  let matched = false;
  let failed = false;
  for (const file of rest.length ? rest : ['-']) {
    const { texts, failed: missing } = yield* readInputs('grep', [file], io);
    failed ||= missing;
    if (missing) continue;
    const name = file === '-' ? '(standard input)' : file;
    const out: string[] = [];
    let count = 0;
    lines(texts[0]).forEach((line, n) => {
      re.lastIndex = 0;
      const hit = re.test(line) !== flags.has('v');
      if (!hit) return;
      count++;
      const prefix = (showNames ? name + ':' : '') + (flags.has('n') ? `${n + 1}:` : '');
      if (flags.has('o') && !flags.has('v')) {
        for (const m of line.matchAll(re)) if (m[0]) out.push(prefix + m[0]);
      } else out.push(prefix + line);
    });
    matched ||= count > 0;
    if (flags.has('q')) continue;
    if (flags.has('c')) yield stdout((showNames ? name + ':' : '') + count + '\n');
    else if (out.length) yield stdout(out.join('\n') + '\n');
  }
  if (flags.has('q') && matched) return 0;
  return failed ? 2 : matched ? 0 : 1;
};
