/**
 * `test` / `[`: string and integer comparisons, -z -n, file tests against the shell's file
 * system (-e -f -s -r -w; -d is true for `/` and paths ending in `/` only, since the file
 * system has no directories), `!`, `-a`, `-o` and parentheses.
 */
import type { Builtin, BuiltinIO } from '../types';
import { stderr } from './util';

class TestError extends Error {}

export const test: Builtin = function* (argv, io) {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      yield stderr(io.dialect === 'bash' ? "bash: [: missing `]'\n" : 'sh: missing ]\n');
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return new Evaluator(args, io).run() ? 0 : 1;
  } catch (err) {
    if (!(err instanceof TestError)) throw err;
    const prefix = io.dialect === 'bash' ? `bash: ${argv[0]}: ` : 'sh: ';
    yield stderr(prefix + err.message + '\n');
    return 2;
  }
};

const UNARY = new Set(['-z', '-n', '-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

class Evaluator {
  private i = 0;
  constructor(private readonly args: string[], private readonly io: BuiltinIO) {}

  run(): boolean {
    if (this.args.length === 0) return false;
    const v = this.or();
    if (this.i < this.args.length) throw new TestError(`${this.args[this.i]}: unexpected operator`);
    return v;
  }

  private or(): boolean {
    let v = this.and();
    while (this.args[this.i] === '-o') {
      this.i++;
      v = this.and() || v;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.args[this.i] === '-a') {
      this.i++;
      v = this.not() && v;
    }
    return v;
  }

  private not(): boolean {
    if (this.args[this.i] === '!' && this.i + 1 < this.args.length) {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.args;
    const t = a[this.i];
    if (t === '(' && a.length - this.i > 2) {
      this.i++;
      const v = this.or();
      if (a[this.i++] !== ')') throw new TestError("`)' expected");
      return v;
    }
    if (BINARY.has(a[this.i + 1]) && this.i + 2 < a.length) {
      this.i += 3;
      return this.binary(t, a[this.i - 2], a[this.i - 1]);
    }
    if (UNARY.has(t) && this.i + 1 < a.length) {
      this.i += 2;
      return this.unary(t, a[this.i - 1]);
    }
    this.i++;
    return t !== '';
  }

  private unary(op: string, arg: string): boolean {
    if (op === '-z') return arg === '';
    if (op === '-n') return arg !== '';
    if (op === '-d') return arg === '/' || arg.endsWith('/');
    const text = this.io.fs.read(this.io.resolve(arg));
    if (op === '-s') return text !== undefined && text !== '';
    if (op === '-L' || op === '-h' || op === '-x') return false;
    return text !== undefined;
  }

  private binary(left: string, op: string, right: string): boolean {
    switch (op) {
      case '=': case '==': return left === right;
      case '!=': return left !== right;
      case '<': return left < right;
      case '>': return left > right;
    }
    const l = this.int(left);
    const r = this.int(right);
    switch (op) {
      case '-eq': return l === r;
      case '-ne': return l !== r;
      case '-lt': return l < r;
      case '-le': return l <= r;
      case '-gt': return l > r;
      default: return l >= r;
    }
  }

  private int(s: string): number {
    if (!/^\s*[-+]?\d+\s*$/.test(s)) {
      throw new TestError(this.io.dialect === 'bash' ? `${s}: integer expression expected` : `invalid number '${s}'`);
    }
    return Number(s);
  }
}
