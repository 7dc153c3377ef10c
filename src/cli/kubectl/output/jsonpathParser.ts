/**
 * The parser of client-go's JSONPath template dialect (k8s.io/client-go/util/jsonpath/parser.go):
 * text outside `{…}` is literal; inside an action come fields, `[…]` subscripts, slices, unions,
 * `[?(…)]` filters, `..`, `*`, quoted strings, numbers, booleans and the `range`/`end` keywords.
 * It follows the Go scanner step by step (including its quirks: `\"` never closes a quote, only a
 * space is skipped inside an action, a filter holds one comparison and no `&&`), and its error
 * messages are Go's word for word.
 */
import { goRuneU } from './goFormat';

export interface SliceParam {
  value: number;
  known: boolean;
  /** The end index was derived from a single index (`[3]` means `[3:4]`). */
  derived: boolean;
}

export interface ListNode {
  type: 'list';
  nodes: JsonPathNode[];
}

export type JsonPathNode =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'identifier'; name: string }
  | { type: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] };

/** A template the parser refused; `message` is client-go's error text (`unclosed action`). */
export class JsonPathSyntaxError extends Error {}

const EOF = '';
const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

const isDigit = (r: string): boolean => DIGIT.test(r);
const isAlphaNumeric = (r: string): boolean => r === '_' || LETTER.test(r) || isDigit(r);
const isEndOfLine = (r: string): boolean => r === '\r' || r === '\n';
const isTerminator = (r: string): boolean =>
  r === EOF || r === ' ' || r === '\t' || isEndOfLine(r) || '.,[]$@{}'.includes(r);

const fail = (message: string): never => {
  throw new JsonPathSyntaxError(message);
};

/** Parses a whole template into its root list (text nodes and one list per `{…}` action). */
export function parseJsonPath(text: string): ListNode {
  return new Parser(text).parse();
}

/** Parses `{text}` and returns the list of the action (parser.go's parseAction). */
function parseAction(text: string): ListNode {
  return parseJsonPath(`{${text}}`).nodes[0] as ListNode;
}

class Parser {
  private readonly root: ListNode = { type: 'list', nodes: [] };
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(private readonly input: string) {}

  parse(): ListNode {
    for (;;) {
      if (!this.scanText()) return this.root;
      this.pos += 1;
      this.consume();
      const action: ListNode = { type: 'list', nodes: [] };
      this.root.nodes.push(action);
      this.parseInsideAction(action);
    }
  }

  /** Literal text up to the next `{`; false at the end of the input. */
  private scanText(): boolean {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consume() });
        return true;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consume() });
    return false;
  }

  private consume(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.width = r.length;
    this.pos += r.length;
    return r;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private charBefore(offset: number): string {
    return this.input[this.pos - offset] ?? '';
  }

  /** Parses the inside of one action up to and including its closing `}`. */
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consume();
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) fail('unclosed action');
      else if (r === ' ' || r === '@' || r === '$') this.consume();
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else fail(`unrecognized character in action: ${goRuneU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.type === 'recursive') fail('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const sign = this.peek();
    if (sign === '+' || sign === '-') this.next();
    for (;;) {
      const r = this.next();
      if (r !== '.' && !isDigit(r)) break;
    }
    this.backup();
    const value = this.consume();
    const int = goAtoi(value);
    if (int !== undefined) cur.nodes.push({ type: 'int', value: int });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ type: 'float', value: Number(value) });
    else fail(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') fail('unterminated array');
      if (r === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ type: 'union', nodes: parts.map((part) => parseAction(`[${trimSpaces(part)}]`)) });
      return;
    }
    const key = DICT_KEY.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }
    const slice = SLICE.exec(text);
    if (!slice) fail(`invalid array index ${text}`);
    cur.nodes.push({ type: 'array', params: sliceParams(slice!.slice(1)) });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') fail('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.charBefore(2) !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') fail('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    } else {
      cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] });
    }
  }

  private parseQuote(cur: ListNode, quote: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') fail('unterminated quoted string');
      if (r === quote && this.charBefore(2) !== '\\') break;
    }
    const value = this.consume();
    const text = unquoteExtend(value);
    if (text === undefined) fail(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text: text! });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    while (this.advance());
    const value = this.consume();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replaceAll('\\', '') });
  }

  /** Steps over one rune of a field name; a backslash escapes the rune after it. */
  private advance(): boolean {
    const r = this.next();
    if (r === '\\') this.next();
    else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

const INT64_MAX = 2n ** 63n - 1n;

/** strconv.Atoi: an optionally signed run of ASCII digits that fits in an int64. */
function goAtoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const big = BigInt(s);
  if (big > INT64_MAX || big < -INT64_MAX - 1n) return undefined;
  return Number(big);
}

function sliceParams(groups: string[]): [SliceParam, SliceParam, SliceParam] {
  const params: SliceParam[] = [];
  for (let i = 0; i < 3; i++) {
    let raw = groups[i] ?? '';
    if (raw !== '') {
      if (i > 0) raw = raw.slice(1);
      if (i > 0 && raw === '') params.push({ value: 0, known: false, derived: false });
      else {
        const value = goAtoi(raw);
        if (value === undefined) fail(`array index ${raw} is not a number`);
        params.push({ value: value!, known: true, derived: false });
      }
    } else if (i === 1) params.push({ value: params[0].value + 1, known: true, derived: true });
    else params.push({ value: 0, known: false, derived: false });
  }
  return params as [SliceParam, SliceParam, SliceParam];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/**
 * strconv.Unquote extended to single quotes (parser.go's UnquoteExtend); undefined on a syntax
 * error. Go's escapes: \a \b \f \n \r \t \v \\, the quote itself, \xHH, \NNN octal, \uHHHH, \UHHHHHHHH.
 */
export function unquoteExtend(s: string): string | undefined {
  const quote = s[0];
  if (s.length < 2 || quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) return undefined;
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === quote) return undefined;
    if (c !== '\\') {
      const cp = String.fromCodePoint(body.codePointAt(i)!);
      out += cp;
      i += cp.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    i += 2;
    if (SIMPLE_ESCAPES[e]) out += SIMPLE_ESCAPES[e];
    else if (e === "'" || e === '"') {
      if (e !== quote) return undefined;
      out += e;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
      const v = parseInt(hex, 16);
      if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))) return undefined;
      out += String.fromCodePoint(v);
      i += n;
    } else if (e >= '0' && e <= '7') {
      const oct = e + body.slice(i, i + 2);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else return undefined;
  }
  return out;
}
