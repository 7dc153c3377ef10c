/**
 * Character-level scanner for the shell: words (with their quoting kept as parts), operators,
 * newlines and here-document bodies. Like a real shell it scans on demand, because `$(...)`
 * needs the parser in the middle of a word (`Parser` extends this class for that reason).
 */
import type { Script, Word, WordPart, ParamOp } from './ast';
import { ShellSyntaxError } from './syntaxError';

export type Token =
  | { t: 'word'; word: Word; start: number }
  | { t: 'op'; op: string; start: number }
  | { t: 'ionum'; fd: number; start: number }
  | { t: 'newline'; start: number }
  | { t: 'eof'; start: number };

const OPERATORS = ['&&', '||', ';;', '<<-', '<<', '>>', '>&', '<&', '>|', '<>', '&', '|', ';', '(', ')', '<', '>'];
const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = new Set(['?', '#', '$', '!', '@', '*', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

interface PendingHeredoc {
  delimiter: string;
  expand: boolean;
  stripTabs: boolean;
  target: Word;
}

export abstract class Lexer {
  protected pos = 0;
  private pending: PendingHeredoc[] = [];
  heredocAtEof?: string;

  constructor(protected readonly src: string) {}

  /** Parse a `$(...)` body starting at `this.pos`, leaving `pos` on the closing `)`. */
  protected abstract parseSubstitution(): Script;
  /** Parse a complete nested source (backquotes, here-doc bodies) with a fresh parser. */
  protected abstract parseNested(source: string): Script;

  protected incomplete(token: string | null = null, expecting?: string): ShellSyntaxError {
    return new ShellSyntaxError({ kind: 'unexpected', token, expecting }, true);
  }

  /** Register a here-document; its body is read after the next newline token. */
  protected addHeredoc(delimiterWord: Word, stripTabs: boolean): Word {
    const quoted = delimiterWord.parts.some((p) => p.kind !== 'lit' || p.quoted);
    const delimiter = delimiterWord.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
    const target: Word = { parts: [], raw: delimiter };
    this.pending.push({ delimiter, expand: !quoted, stripTabs, target });
    return target;
  }

  /** Skip blanks, line continuations and comments. */
  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  protected scanToken(): Token {
    this.skipBlanks();
    const start = this.pos;
    const c = this.src[this.pos];
    if (c === undefined) {
      if (this.pending.length) this.readHeredocBodies();
      return { t: 'eof', start };
    }
    if (c === '\n') {
      this.pos++;
      if (this.pending.length) this.readHeredocBodies();
      return { t: 'newline', start };
    }
    const digits = /^\d+(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (digits) {
      this.pos += digits[0].length;
      return { t: 'ionum', fd: Number(digits[0]), start };
    }
    for (const op of OPERATORS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { t: 'op', op, start };
      }
    }
    return { t: 'word', word: this.readWord(), start };
  }

  private readWord(): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ kind: 'lit', text: lit, quoted: false });
      lit = '';
    };
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || META.has(c)) break;
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === undefined) throw this.incomplete();
        this.pos += 2;
        if (next === '\n') continue;
        flush();
        parts.push({ kind: 'lit', text: next, quoted: true });
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError({ kind: 'quote', quote: "'" }, true);
        flush();
        parts.push({ kind: 'lit', text: this.src.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        parts.push(...this.readQuotedParts('"'));
      } else if (c === '$' || c === '`') {
        flush();
        parts.push(c === '$' ? this.readDollar(false) : this.readBackquote(false));
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  /**
   * Double-quoted text (or an expanding here-document body when `close` is null): only `$`,
   * backquote and backslash before `$ \` " \ newline` are special.
   */
  protected readQuotedParts(close: '"' | null): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    const special = close ? '$`"\\\n' : '$`\\\n';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) {
        if (close) throw new ShellSyntaxError({ kind: 'quote', quote: close }, true);
        break;
      }
      if (c === close) {
        this.pos++;
        break;
      }
      if (c === '\\' && this.src[this.pos + 1] !== undefined && special.includes(this.src[this.pos + 1])) {
        if (this.src[this.pos + 1] !== '\n') lit += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '$' || c === '`') {
        if (lit) parts.push({ kind: 'lit', text: lit, quoted: true });
        lit = '';
        parts.push(c === '$' ? this.readDollar(true) : this.readBackquote(true));
      } else {
        lit += c;
        this.pos++;
      }
    }
    // Always keep a quoted piece so that "" still makes an (empty) field.
    if (lit || parts.length === 0) parts.push({ kind: 'lit', text: lit, quoted: true });
    return parts;
  }

  protected readDollar(quoted: boolean): WordPart {
    const s = this.src;
    const at = this.pos;
    if (s.startsWith('$((', at)) {
      const end = this.findArithEnd(at + 3);
      this.pos = end + 2;
      return { kind: 'arith', expr: s.slice(at + 3, end), quoted };
    }
    if (s.startsWith('$(', at)) {
      this.pos = at + 2;
      const script = this.parseSubstitution();
      if (s[this.pos] !== ')') throw this.incomplete(null, ')');
      this.pos++;
      return { kind: 'cmdsub', script, quoted };
    }
    if (s[at + 1] === '{') return this.readBraceParam(quoted);
    const next = s[at + 1];
    if (next !== undefined && SPECIAL_PARAMS.has(next)) {
      this.pos = at + 2;
      return { kind: 'param', name: next, quoted };
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = at + 2;
      while (end < s.length && NAME_CHAR.test(s[end])) end++;
      this.pos = end;
      return { kind: 'param', name: s.slice(at + 1, end), quoted };
    }
    this.pos = at + 1;
    return { kind: 'lit', text: '$', quoted };
  }

  private findArithEnd(from: number): number {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && this.src[i + 1] === ')') return i;
        depth--;
      }
    }
    throw this.incomplete(null, '))');
  }

  private readBraceParam(quoted: boolean): WordPart {
    const close = this.src.indexOf('}', this.pos + 2);
    if (close < 0) throw new ShellSyntaxError({ kind: 'quote', quote: '}' }, true);
    const body = this.src.slice(this.pos + 2, close);
    this.pos = close + 1;
    const len = /^#([A-Za-z_][A-Za-z0-9_]*|[?#@*0-9])$/.exec(body);
    if (len) return { kind: 'param', name: len[1], quoted, op: 'len' };
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[?#$!@*\-0-9])(:?[-=+?])?([\s\S]*)$/.exec(body);
    if (!m || (!m[2] && m[3])) throw new ShellSyntaxError({ kind: 'unexpected', token: `\${${body}}` }, false);
    if (!m[2]) return { kind: 'param', name: m[1], quoted };
    // Inside "…" the word follows double-quote rules (single quotes are literal).
    const text = new HeredocText(m[3], this);
    const arg = quoted ? text.parts() : text.wordParts();
    return { kind: 'param', name: m[1], quoted, op: m[2] as ParamOp, arg };
  }

  protected readBackquote(quoted: boolean): WordPart {
    let inner = '';
    let i = this.pos + 1;
    for (; i < this.src.length && this.src[i] !== '`'; i++) {
      if (this.src[i] === '\\' && '\\`$'.includes(this.src[i + 1] ?? '')) i++;
      inner += this.src[i];
    }
    if (i >= this.src.length) throw new ShellSyntaxError({ kind: 'quote', quote: '`' }, true);
    this.pos = i + 1;
    return { kind: 'cmdsub', script: this.parseNested(inner), quoted };
  }

  private readHeredocBodies(): void {
    for (const h of this.pending.splice(0)) {
      const lines: string[] = [];
      let found = false;
      while (this.pos < this.src.length) {
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        let line = this.src.slice(this.pos, end);
        this.pos = nl < 0 ? end : end + 1;
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) {
          found = true;
          break;
        }
        lines.push(line + '\n');
      }
      if (!found) this.heredocAtEof = h.delimiter;
      const text = lines.join('');
      h.target.parts = h.expand ? new HeredocText(text, this).parts() : [{ kind: 'lit', text, quoted: true }];
    }
  }

  /** Exposed for HeredocText: parse a nested source with the concrete parser. */
  nested(source: string): Script {
    return this.parseNested(source);
  }
}

/** Scans expanding text (here-document bodies, `${X:-...}` arguments) with the same rules as "…". */
class HeredocText extends Lexer {
  constructor(
    source: string,
    private readonly outer: Lexer,
  ) {
    super(source);
  }

  parts(): WordPart[] {
    return this.readQuotedParts(null);
  }

  /** The word of `${X:-word}`: quotes and escapes apply, blanks are literal. */
  wordParts(): WordPart[] {
    const parts: WordPart[] = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        const stop = end < 0 ? this.src.length : end;
        parts.push({ kind: 'lit', text: this.src.slice(this.pos + 1, stop), quoted: true });
        this.pos = stop + 1;
      } else if (c === '"') {
        this.pos++;
        parts.push(...this.readQuotedParts('"'));
      } else if (c === '\\' && this.pos + 1 < this.src.length) {
        parts.push({ kind: 'lit', text: this.src[this.pos + 1], quoted: true });
        this.pos += 2;
      } else if (c === '$' || c === '`') {
        parts.push(c === '$' ? this.readDollar(false) : this.readBackquote(false));
      } else {
        parts.push({ kind: 'lit', text: c, quoted: false });
        this.pos++;
      }
    }
    return parts;
  }

  protected parseSubstitution(): Script {
    // Find the matching `)` by re-parsing the remaining text with the outer parser type.
    const rest = this.src.slice(this.pos);
    const depthEnd = matchParen(rest);
    const script = this.outer.nested(rest.slice(0, depthEnd));
    this.pos += depthEnd;
    return script;
  }

  protected parseNested(source: string): Script {
    return this.outer.nested(source);
  }
}

/** Index of the `)` closing text that starts just inside a `$(`, skipping quotes. */
function matchParen(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") i = Math.max(i, text.indexOf("'", i + 1));
    else if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new ShellSyntaxError({ kind: 'unexpected', token: null, expecting: ')' }, true);
}
