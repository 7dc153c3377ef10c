/**
 * `sed [-i] [-E|-r] [-n] [-e SCRIPT]… [SCRIPT] [FILE…]`, the substitutions learners (and
 * `KUBE_EDITOR="sed -i …"`) use: `s/RE/REPLACEMENT/[g][i][p][N]` with any delimiter, commands
 * separated by `;` or given as several `-e`. The replacement knows `&` and `\1`…`\9`. With `-i` each
 * file is rewritten in place; otherwise the result goes to stdout (stdin when no file is named).
 * Messages are GNU sed's.
 */
import type { Builtin } from '../types';
import { breToJs } from './grep';
import { lines, stderr, stdout, unlines } from './util';

interface Substitution {
  re: RegExp;
  replacement: string;
  global: boolean;
  print: boolean;
  nth: number;
}

/** Parses `s/a/b/g; s|x|y|` into substitutions; throws GNU sed's message on a bad script. */
export function parseSedScript(script: string, extended: boolean): Substitution[] {
  const out: Substitution[] = [];
  let i = 0;
  const at = () => `-e expression #1, char ${i}`;
  while (i < script.length) {
    const c = script[i];
    if (c === ';' || c === '\n' || c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c !== 's') {
      i++;
      throw new Error(`${at()}: unknown command: \`${c}'`);
    }
    const delim = script[++i];
    if (delim === undefined || delim === '\n' || delim === '\\') throw new Error(`${at()}: unterminated \`s' command`);
    i++;
    const part = (): string => {
      let text = '';
      while (i < script.length && script[i] !== delim) {
        if (script[i] === '\\' && i + 1 < script.length) {
          // An escaped delimiter stands for itself; other escapes stay for the regex/replacement.
          text += script[i + 1] === delim ? delim : script.slice(i, i + 2);
          i += 2;
        } else text += script[i++];
      }
      if (i >= script.length) throw new Error(`${at()}: unterminated \`s' command`);
      i++;
      return text;
    };
    const pattern = part();
    const replacement = part();
    let flags = '';
    while (i < script.length && /[gipI0-9]/.test(script[i])) flags += script[i++];
    if (i < script.length && !/[;\n }]/.test(script[i])) {
      i++;
      throw new Error(`${at()}: unknown option to \`s'`);
    }
    const ignoreCase = /[iI]/.test(flags);
    const nth = Number(/\d+/.exec(flags)?.[0] ?? '1');
    out.push({ re: new RegExp(extended ? pattern : breToJs(pattern), 'g' + (ignoreCase ? 'i' : '')), replacement, global: flags.includes('g'), print: flags.includes('p'), nth });
  }
  return out;
}

function expand(replacement: string, match: RegExpExecArray): string {
  let s = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '&') s += match[0];
    else if (c === '\\' && i + 1 < replacement.length) {
      const n = replacement[++i];
      if (/\d/.test(n)) s += match[Number(n)] ?? '';
      else s += n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else s += c;
  }
  return s;
}

/** One substitution over one line: the nth match, or it and every later one with `g`. */
function substitute(line: string, sub: Substitution): { text: string; changed: boolean } {
  sub.re.lastIndex = 0;
  let out = '';
  let last = 0;
  let count = 0;
  let changed = false;
  for (let m = sub.re.exec(line); m; m = sub.re.exec(line)) {
    count++;
    if (count >= sub.nth) {
      out += line.slice(last, m.index) + expand(sub.replacement, m);
      last = m.index + m[0].length;
      changed = true;
      if (!sub.global) break;
    }
    if (m[0] === '') sub.re.lastIndex++;
  }
  return { text: out + line.slice(last), changed };
}

export function sedText(text: string, subs: Substitution[], quiet: boolean): string {
  const out: string[] = [];
  const endsWithNewline = text === '' || text.endsWith('\n');
  for (let line of lines(text)) {
    for (const sub of subs) {
      const r = substitute(line, sub);
      line = r.text;
      if (r.changed && sub.print) out.push(line);
    }
    if (!quiet) out.push(line);
  }
  const joined = unlines(out);
  return endsWithNewline ? joined : joined.replace(/\n$/, '');
}

export const sed: Builtin = function* (argv, io) {
  const scripts: string[] = [];
  const files: string[] = [];
  let inPlace = false;
  let extended = false;
  let quiet = false;
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e' || a === '--expression') {
      if (i + 1 >= args.length) {
        yield stderr(`sed: option requires an argument -- 'e'\n`);
        return 1;
      }
      scripts.push(args[++i]);
    } else if (a.startsWith('--expression=')) scripts.push(a.slice('--expression='.length));
    else if (a === '-i' || a === '--in-place') inPlace = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (/^-[inEr]+$/.test(a)) {
      inPlace ||= a.includes('i');
      quiet ||= a.includes('n');
      extended ||= /[Er]/.test(a);
    } else if (a.startsWith('-') && a !== '-') {
      yield stderr(`sed: invalid option -- '${a.replace(/^-+/, '')[0]}'\n`);
      return 1;
    } else files.push(a);
  }
  if (scripts.length === 0) {
    if (files.length === 0) {
      yield stderr('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
      return 1;
    }
    scripts.push(files.shift()!);
  }
  let subs: Substitution[];
  try {
    subs = parseSedScript(scripts.join('\n'), extended);
  } catch (e) {
    yield stderr(`sed: ${(e as Error).message}\n`);
    return 1;
  }
  if (inPlace && files.length === 0) {
    yield stderr('sed: no input files\n');
    return 1;
  }
  let status = 0;
  for (const file of files.length ? files : ['-']) {
    const text = file === '-' ? io.stdin : io.fs.read(io.resolve(file));
    if (text === undefined) {
      yield stderr(`sed: can't read ${file}: No such file or directory\n`);
      status = 2;
      continue;
    }
    const result = sedText(text, subs, quiet);
    if (inPlace && file !== '-') io.fs.write(io.resolve(file), result, false);
    else if (result) yield stdout(result);
  }
  return status;
};

