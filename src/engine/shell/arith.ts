/**
 * `$(( … ))` arithmetic: C integer expressions over shell variables (POSIX XCU 2.6.4), with
 * assignment and ++/--. Values are JS numbers truncated to integers (exact up to 2^53, which
 * is plenty for scripts; real shells use 64-bit wrap-around).
 */

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithError extends Error {}

type Tok = { k: 'num'; v: number } | { k: 'id'; v: string } | { k: 'op'; v: string };

const OPS = [
  '<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '|', '^', '?', ':', '(', ')',
];

/** Binary operators by precedence, lowest first. */
const LEVELS: string[][] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(0[xX][0-9a-fA-F]+|\d+)/.exec(src.slice(i));
    if (num) {
      const t = num[1];
      const v = /^0[xX]/.test(t) ? parseInt(t, 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
      if (Number.isNaN(v)) throw new ArithError(t);
      out.push({ k: 'num', v });
      i += t.length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ k: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError(src.slice(i));
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  return out;
}

export function evalArith(src: string, vars: ArithVars): number {
  const p = new ArithParser(tokenize(src), vars);
  if (p.done()) return 0;
  const v = p.assign();
  if (!p.done()) throw new ArithError(p.rest());
  return v;
}

class ArithParser {
  private i = 0;
  constructor(private readonly toks: Tok[], private readonly vars: ArithVars) {}

  done(): boolean { return this.i >= this.toks.length; }
  rest(): string { return this.toks.slice(this.i).map((t) => String(t.v)).join(' '); }

  private peekOp(): string | undefined {
    const t = this.toks[this.i];
    return t?.k === 'op' ? t.v : undefined;
  }

  private valueOf(name: string): number {
    const raw = this.vars.get(name) ?? '';
    if (raw.trim() === '') return 0;
    return evalArith(raw, this.vars);
  }

  assign(): number {
    const t = this.toks[this.i];
    const op = this.toks[this.i + 1];
    if (t?.k === 'id' && op?.k === 'op' && /^([-+*/%&|^]|<<|>>)?=$/.test(op.v)) {
      this.i += 2;
      const rhs = this.assign();
      const v = op.v === '=' ? rhs : binary(op.v.slice(0, -1), this.valueOf(t.v), rhs);
      this.vars.set(t.v, String(v));
      return v;
    }
    return this.ternary();
  }

  private ternary(): number {
    const cond = this.binary(0);
    if (this.peekOp() !== '?') return cond;
    this.i++;
    const a = this.assign();
    if (this.peekOp() !== ':') throw new ArithError(this.rest());
    this.i++;
    const b = this.assign();
    return cond ? a : b;
  }

  private binary(level: number): number {
    if (level >= LEVELS.length) return this.power();
    let left = this.binary(level + 1);
    for (let op = this.peekOp(); op && LEVELS[level].includes(op); op = this.peekOp()) {
      this.i++;
      const right = this.binary(level + 1);
      left = binary(op, left, right);
    }
    return left;
  }

  private power(): number {
    const base = this.unary();
    if (this.peekOp() !== '**') return base;
    this.i++;
    return Math.trunc(base ** this.power());
  }

  private unary(): number {
    const op = this.peekOp();
    if (op === '-' || op === '+' || op === '!' || op === '~') {
      this.i++;
      const v = this.unary();
      return op === '-' ? -v : op === '+' ? v : op === '!' ? Number(!v) : ~v;
    }
    if (op === '++' || op === '--') {
      this.i++;
      const t = this.toks[this.i++];
      if (t?.k !== 'id') throw new ArithError(op);
      const v = this.valueOf(t.v) + (op === '++' ? 1 : -1);
      this.vars.set(t.v, String(v));
      return v;
    }
    return this.postfix();
  }

  private postfix(): number {
    const t = this.toks[this.i++];
    if (!t) throw new ArithError('');
    if (t.k === 'num') return t.v;
    if (t.k === 'id') {
      const v = this.valueOf(t.v);
      const op = this.peekOp();
      if (op === '++' || op === '--') {
        this.i++;
        this.vars.set(t.v, String(v + (op === '++' ? 1 : -1)));
      }
      return v;
    }
    if (t.v === '(') {
      const v = this.assign();
      if (this.peekOp() !== ')') throw new ArithError(this.rest());
      this.i++;
      return v;
    }
    throw new ArithError(t.v);
  }
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': case '%':
      if (b === 0) throw new ArithError('division by 0');
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '<': return Number(a < b);
    case '<=': return Number(a <= b);
    case '>': return Number(a > b);
    case '>=': return Number(a >= b);
    case '==': return Number(a === b);
    case '!=': return Number(a !== b);
    case '&': return a & b;
    case '^': return a ^ b;
    case '|': return a | b;
    case '&&': return Number(Boolean(a) && Boolean(b));
    case '||': return Number(Boolean(a) || Boolean(b));
    default: throw new ArithError(op);
  }
}
