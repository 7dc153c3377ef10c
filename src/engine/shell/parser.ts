/**
 * Recursive-descent parser for the POSIX-sh subset (grammar after POSIX XCU 2.10): lists,
 * and-or lists, pipelines, simple commands with assignments and redirections, and the compound
 * commands if / while / until / for / case / { } / ( ) plus `name() { … }` functions.
 */
import type {
  AndOr, Assignment, CaseClause, Command, ForClause, IfClause, List, LoopClause, Pipeline, Redirect,
  RedirectOp, Script, SimpleCommand, Word,
} from './ast';
import { Lexer, type Token } from './lexer';
import { ShellSyntaxError } from './syntaxError';

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REDIRECT_OPS = new Set(['>', '>>', '>|', '<', '<>', '>&', '<&', '<<', '<<-']);
/** Words that end a list when they appear where a command would start. */
const LIST_END = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);

/** Parse a whole script. Throws ShellSyntaxError (check `.incomplete` for "needs more input"). */
export function parseScript(source: string): Script {
  return new Parser(source).parseProgram();
}

/** The literal text of a word when it has no quoting or expansion (reserved-word candidates). */
export function plainText(word: Word): string | undefined {
  if (word.parts.length !== 1) return undefined;
  const p = word.parts[0];
  return p.kind === 'lit' && !p.quoted ? p.text : undefined;
}

class Parser extends Lexer {
  private peeked?: Token;

  parseProgram(): Script {
    const body = this.parseList();
    const tok = this.peek();
    if (tok.t !== 'eof') throw this.unexpected(tok);
    return { body, heredocAtEof: this.heredocAtEof };
  }

  protected parseSubstitution(): Script {
    const body = this.parseList();
    const tok = this.peek();
    if (tok.t === 'eof') throw this.incomplete(null, ')');
    if (tok.t !== 'op' || tok.op !== ')') throw this.unexpected(tok);
    // Leave `pos` on the `)` for the lexer, which consumes it.
    this.pos = tok.start;
    this.peeked = undefined;
    return { body };
  }

  protected parseNested(source: string): Script {
    return new Parser(source).parseProgram();
  }

  private peek(): Token {
    this.peeked ??= this.scanToken();
    return this.peeked;
  }

  private next(): Token {
    const tok = this.peek();
    this.peeked = undefined;
    return tok;
  }

  private isOp(tok: Token, ...ops: string[]): boolean {
    return tok.t === 'op' && ops.includes(tok.op);
  }

  private isWord(tok: Token, ...words: string[]): boolean {
    return tok.t === 'word' && words.includes(plainText(tok.word) ?? '');
  }

  private unexpected(tok: Token, expecting?: string): ShellSyntaxError {
    if (tok.t === 'eof') return this.incomplete(null, expecting);
    const text = tok.t === 'newline' ? 'newline' : tok.t === 'op' ? tok.op : tok.t === 'ionum' ? String(tok.fd) : tok.word.raw;
    return new ShellSyntaxError({ kind: 'unexpected', token: text, expecting }, false);
  }

  private skipNewlines(): void {
    while (this.peek().t === 'newline') this.next();
  }

  private atListEnd(tok: Token): boolean {
    if (tok.t === 'eof') return true;
    if (tok.t === 'op') return tok.op === ')' || tok.op === ';;';
    return tok.t === 'word' && LIST_END.has(plainText(tok.word) ?? '');
  }

  private parseList(): List {
    const items: AndOr[] = [];
    this.skipNewlines();
    while (!this.atListEnd(this.peek())) {
      items.push(this.parseAndOr());
      const tok = this.peek();
      if (this.isOp(tok, ';', '&')) this.next();
      else if (tok.t !== 'newline') break;
      this.skipNewlines();
    }
    return items;
  }

  /** A list that must hold at least one command, closed by the reserved word `end`. */
  private parseBody(end: string): List {
    const list = this.parseList();
    const tok = this.peek();
    if (list.length === 0 || !this.isWord(tok, end)) throw this.unexpected(tok, end);
    this.next();
    return list;
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (let tok = this.peek(); this.isOp(tok, '&&', '||'); tok = this.peek()) {
      this.next();
      this.skipNewlines();
      rest.push({ op: (tok as { op: '&&' | '||' }).op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    if (this.isWord(this.peek(), '!')) {
      this.next();
      negated = true;
    }
    const commands = [this.parseCommand()];
    while (this.isOp(this.peek(), '|')) {
      this.next();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negated, commands };
  }

  private parseCommand(): Command {
    const tok = this.peek();
    let cmd: Command;
    if (this.isOp(tok, '(')) {
      this.next();
      const body = this.parseList();
      const close = this.peek();
      if (body.length === 0 || !this.isOp(close, ')')) throw this.unexpected(close, ')');
      this.next();
      cmd = { kind: 'subshell', body, redirects: [] };
    } else if (tok.t === 'word' && plainText(tok.word) !== undefined) {
      const compound = this.parseCompound(plainText(tok.word) as string);
      if (!compound) return this.parseSimple();
      cmd = compound;
    } else {
      return this.parseSimple();
    }
    while (this.isRedirectStart(this.peek())) cmd.redirects.push(this.parseRedirect());
    return cmd;
  }

  private parseCompound(keyword: string): Command | undefined {
    switch (keyword) {
      case 'if': return this.parseIf();
      case 'while': case 'until': return this.parseLoop(keyword);
      case 'for': return this.parseFor();
      case 'case': return this.parseCase();
      case '{': {
        this.next();
        return { kind: 'group', body: this.parseBody('}'), redirects: [] };
      }
      default:
        if (LIST_END.has(keyword) || keyword === 'in') throw this.unexpected(this.peek());
        return undefined;
    }
  }

  private parseIf(): IfClause {
    this.next();
    const branches: IfClause['branches'] = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.parseBody('then');
      const body = this.parseList();
      const tok = this.next();
      if (body.length === 0) throw this.unexpected(tok, 'fi');
      branches.push({ cond, body });
      if (this.isWord(tok, 'elif')) continue;
      if (this.isWord(tok, 'else')) otherwise = this.parseBody('fi');
      else if (!this.isWord(tok, 'fi')) throw this.unexpected(tok, 'fi');
      return { kind: 'if', branches, otherwise, redirects: [] };
    }
  }

  private parseLoop(kind: 'while' | 'until'): LoopClause {
    this.next();
    const cond = this.parseBody('do');
    return { kind, cond, body: this.parseBody('done'), redirects: [] };
  }

  private parseFor(): ForClause {
    this.next();
    const nameTok = this.next();
    const name = nameTok.t === 'word' ? plainText(nameTok.word) : undefined;
    if (!name || !NAME.test(name)) throw this.unexpected(nameTok);
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.isWord(this.peek(), 'in')) {
      this.next();
      items = [];
      for (let tok = this.peek(); tok.t === 'word'; tok = this.peek()) items.push((this.next() as { word: Word }).word);
      const sep = this.next();
      if (!this.isOp(sep, ';') && sep.t !== 'newline') throw this.unexpected(sep, 'do');
    } else if (this.isOp(this.peek(), ';')) {
      this.next();
    }
    this.skipNewlines();
    const doTok = this.next();
    if (!this.isWord(doTok, 'do')) throw this.unexpected(doTok, 'do');
    return { kind: 'for', name, items, body: this.parseBody('done'), redirects: [] };
  }

  private parseCase(): CaseClause {
    this.next();
    const subjectTok = this.next();
    if (subjectTok.t !== 'word') throw this.unexpected(subjectTok);
    this.skipNewlines();
    const inTok = this.next();
    if (!this.isWord(inTok, 'in')) throw this.unexpected(inTok, 'in');
    const arms: CaseClause['arms'] = [];
    for (this.skipNewlines(); !this.isWord(this.peek(), 'esac'); this.skipNewlines()) {
      if (this.isOp(this.peek(), '(')) this.next();
      const patterns: Word[] = [];
      for (;;) {
        const pat = this.next();
        if (pat.t !== 'word') throw this.unexpected(pat, ')');
        patterns.push(pat.word);
        const sep = this.next();
        if (this.isOp(sep, ')')) break;
        if (!this.isOp(sep, '|')) throw this.unexpected(sep, ')');
      }
      const body = this.parseList();
      arms.push({ patterns, body });
      if (this.isOp(this.peek(), ';;')) this.next();
      else if (!this.isWord(this.peek(), 'esac')) throw this.unexpected(this.peek(), 'esac');
    }
    this.next();
    return { kind: 'case', subject: subjectTok.word, arms, redirects: [] };
  }

  private isRedirectStart(tok: Token): boolean {
    return tok.t === 'ionum' || (tok.t === 'op' && REDIRECT_OPS.has(tok.op));
  }

  private parseRedirect(): Redirect {
    let tok = this.next();
    let fd: number | undefined;
    if (tok.t === 'ionum') {
      fd = tok.fd;
      tok = this.next();
    }
    const op = (tok as { op: RedirectOp }).op;
    const target = this.next();
    // `echo >` at the end of input is an error, not a continuation: bash reports `newline`.
    if (target.t !== 'word') throw new ShellSyntaxError({ kind: 'unexpected', token: target.t === 'op' ? target.op : 'newline' }, false);
    const defaultFd = op.startsWith('<') && op !== '<>' ? 0 : 1;
    if (op === '<<' || op === '<<-') {
      return { fd: fd ?? 0, op, target: this.addHeredoc(target.word, op === '<<-') };
    }
    return { fd: fd ?? (op === '<>' ? 0 : defaultFd), op, target: target.word };
  }

  private parseSimple(): Command {
    const cmd: SimpleCommand = { kind: 'simple', assigns: [], words: [], redirects: [] };
    for (let tok = this.peek(); ; tok = this.peek()) {
      if (this.isRedirectStart(tok)) {
        cmd.redirects.push(this.parseRedirect());
      } else if (tok.t === 'word') {
        const assign = cmd.words.length === 0 ? asAssignment(tok.word) : undefined;
        this.next();
        if (assign) cmd.assigns.push(assign);
        else cmd.words.push(tok.word);
        if (cmd.words.length === 1 && cmd.assigns.length === 0 && this.isOp(this.peek(), '(')) {
          return this.parseFunction(tok.word);
        }
      } else {
        break;
      }
    }
    if (cmd.words.length + cmd.assigns.length + cmd.redirects.length === 0) throw this.unexpected(this.peek());
    return cmd;
  }

  private parseFunction(nameWord: Word): Command {
    const name = plainText(nameWord);
    this.next();
    const close = this.next();
    if (!name || !NAME.test(name) || !this.isOp(close, ')')) throw this.unexpected(close);
    this.skipNewlines();
    const body = this.parseCommand();
    return { kind: 'function', name, body, redirects: [] };
  }
}

/** `NAME=value` with an unquoted name becomes an assignment; the value keeps its quoting. */
function asAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (!first || first.kind !== 'lit' || first.quoted) return undefined;
  const m = ASSIGNMENT.exec(first.text);
  if (!m) return undefined;
  const restText = first.text.slice(m[0].length);
  const parts = restText ? [{ ...first, text: restText }, ...word.parts.slice(1)] : word.parts.slice(1);
  return { name: m[1], value: { parts, raw: word.raw.slice(m[0].length) } };
}
