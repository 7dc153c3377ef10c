/**
 * `expr`: integer arithmetic, comparisons, `|`, `&`, `:` (anchored regex match), `length`.
 * Exit status 0 when the result is neither empty nor 0, 1 otherwise, 2 on errors.
 */
import type { Builtin } from '../types';
import { stderr, stdout } from './util';

class ExprError extends Error {}

type Value = string;

const isInt = (v: Value) => /^[-+]?\d+$/.test(v);
const truthy = (v: Value) => v !== '' && !(isInt(v) && Number(v) === 0);

export const expr: Builtin = function* (argv) {
  try {
    const p = new ExprParser(argv.slice(1));
    const v = p.parse();
    yield stdout(v + '\n');
    return truthy(v) ? 0 : 1;
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    yield stderr(`expr: ${err.message}\n`);
    return 2;
  }
};

const LEVELS = [['|'], ['&'], ['<', '<=', '=', '==', '!=', '>=', '>'], ['+', '-'], ['*', '/', '%'], [':']];

class ExprParser {
  private i = 0;
  constructor(private readonly args: string[]) {}

  parse(): Value {
    if (this.args.length === 0) throw new ExprError('syntax error');
    const v = this.level(0);
    if (this.i < this.args.length) throw new ExprError('syntax error');
    return v;
  }

  private level(n: number): Value {
    if (n >= LEVELS.length) return this.primary();
    let left = this.level(n + 1);
    while (this.i < this.args.length && LEVELS[n].includes(this.args[this.i]) && this.i + 1 < this.args.length) {
      const op = this.args[this.i++];
      const right = this.level(n + 1);
      left = apply(op, left, right);
    }
    return left;
  }

  private primary(): Value {
    const t = this.args[this.i++];
    if (t === undefined) throw new ExprError('syntax error');
    if (t === '(') {
      const v = this.level(0);
      if (this.args[this.i++] !== ')') throw new ExprError('syntax error');
      return v;
    }
    if (t === 'length' && this.i < this.args.length) return String(this.primary().length);
    return t;
  }
}

function apply(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '|': return truthy(a) ? a : truthy(b) ? b : '0';
    case '&': return truthy(a) && truthy(b) ? a : '0';
    case ':': {
      const m = new RegExp('^(?:' + b.replace(/\\\(/g, '(').replace(/\\\)/g, ')') + ')').exec(a);
      if (/\\\(/.test(b)) return m?.[1] ?? '';
      return String(m ? m[0].length : 0);
    }
  }
  if (['<', '<=', '=', '==', '!=', '>=', '>'].includes(op)) {
    const numeric = isInt(a) && isInt(b);
    const c = numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
    const r = { '<': c < 0, '<=': c <= 0, '=': c === 0, '==': c === 0, '!=': c !== 0, '>=': c >= 0, '>': c > 0 }[op];
    return r ? '1' : '0';
  }
  if (!isInt(a) || !isInt(b)) throw new ExprError('non-integer argument');
  const x = Number(a);
  const y = Number(b);
  if ((op === '/' || op === '%') && y === 0) throw new ExprError('division by zero');
  switch (op) {
    case '+': return String(x + y);
    case '-': return String(x - y);
    case '*': return String(x * y);
    case '/': return String(Math.trunc(x / y));
    default: return String(x % y);
  }
}
