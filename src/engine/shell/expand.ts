/**
 * Word expansion (POSIX XCU 2.6): tilde, parameters, command substitution, arithmetic, field
 * splitting on IFS and quote removal. Pathname expansion (globbing) is not performed: there is
 * no directory listing, so patterns stay literal, as bash leaves a glob that matches nothing.
 */
import type { Script, Word, WordPart } from './ast';
import { ArithError, evalArith } from './arith';
import { ShellError } from './io';
import type { ShellEffect, ShellState } from './types';

export interface Expander {
  state: ShellState;
  /** Run `$(…)` in a subshell and return its standard output. */
  substitute(script: Script): Generator<ShellEffect, string, unknown>;
}

type Gen<T> = Generator<ShellEffect, T, unknown>;

/** Expand command words into argv fields. */
export function* expandWords(words: Word[], ex: Expander): Gen<string[]> {
  const out: string[] = [];
  for (const word of words) out.push(...(yield* expandFields(word, ex)));
  return out;
}

/** Expand one word without field splitting (assignments, redirection targets, `case`). */
export function* expandWord(word: Word, ex: Expander): Gen<string> {
  let text = '';
  for (const part of tilde(word.parts, ex.state)) {
    const v = yield* partValue(part, ex);
    text += Array.isArray(v) ? v.join(' ') : v;
  }
  return text;
}

class Fields {
  readonly list: string[] = [];
  private cur = '';
  private has = false;

  add(text: string, split: boolean, ifs: string): void {
    if (!split) {
      this.cur += text;
      this.has = true;
      return;
    }
    for (const c of text) {
      if (ifs.includes(c)) this.end();
      else {
        this.cur += c;
        this.has = true;
      }
    }
  }

  end(): void {
    if (this.has) this.list.push(this.cur);
    this.cur = '';
    this.has = false;
  }
}

function* expandFields(word: Word, ex: Expander): Gen<string[]> {
  const fields = new Fields();
  const ifs = ex.state.vars.get('IFS') ?? ' \t\n';
  for (const part of tilde(word.parts, ex.state)) {
    const v = yield* partValue(part, ex);
    if (part.kind === 'lit') {
      fields.add(v as string, false, ifs);
    } else if (Array.isArray(v)) {
      // "$@": one field per positional parameter.
      v.forEach((arg, i) => {
        if (i > 0) fields.end();
        fields.add(arg, !part.quoted, ifs);
      });
    } else if (part.quoted) {
      fields.add(v, false, ifs);
    } else if (v) {
      fields.add(v, true, ifs);
    }
  }
  fields.end();
  return fields.list;
}

function tilde(parts: WordPart[], state: ShellState): WordPart[] {
  const first = parts[0];
  if (first?.kind !== 'lit' || first.quoted || !/^~(\/|$)/.test(first.text)) return parts;
  const home = state.vars.get('HOME') ?? '/root';
  return [{ kind: 'lit', text: home + first.text.slice(1), quoted: true }, ...parts.slice(1)];
}

/** The value of a part; `"$@"` yields an array (one entry per field). */
function* partValue(part: WordPart, ex: Expander): Gen<string | string[]> {
  switch (part.kind) {
    case 'lit':
      return part.text;
    case 'cmdsub':
      return (yield* ex.substitute(part.script)).replace(/\n+$/, '');
    case 'arith':
      return String(arith(part.expr, ex.state));
    case 'param':
      return yield* paramValue(part, ex);
  }
}

function* paramValue(part: Extract<WordPart, { kind: 'param' }>, ex: Expander): Gen<string | string[]> {
  const { state } = ex;
  if (part.name === '@' && part.quoted && !part.op) return [...state.positional];
  const value = lookup(part.name, state);
  if (part.op === 'len') return String((value ?? '').length);
  if (!part.op) {
    if (value === undefined && state.options.nounset && !'@*'.includes(part.name)) {
      throw new ShellError(unboundMessage(part.name, state), state.dialect === 'bash' ? 1 : 2);
    }
    return value ?? '';
  }
  const colon = part.op.startsWith(':');
  const isSet = value !== undefined && (!colon || value !== '');
  const arg = () => expandWord({ parts: part.arg ?? [], raw: '' }, ex);
  switch (part.op.replace(':', '')) {
    case '-':
      return isSet ? (value as string) : yield* arg();
    case '=': {
      if (isSet) return value as string;
      const v = yield* arg();
      state.vars.set(part.name, v);
      return v;
    }
    case '+':
      return isSet ? yield* arg() : '';
    default: {
      if (isSet) return value as string;
      const msg = (yield* arg()) || (colon ? 'parameter null or not set' : 'parameter not set');
      throw new ShellError(`${state.dialect === 'bash' ? 'bash' : 'sh'}: ${part.name}: ${msg}`);
    }
  }
}

function unboundMessage(name: string, state: ShellState): string {
  return state.dialect === 'bash' ? `bash: ${name}: unbound variable` : `sh: ${name}: parameter not set`;
}

/** A parameter's value, or undefined when unset. */
export function lookup(name: string, state: ShellState): string | undefined {
  switch (name) {
    case '?': return String(state.lastStatus);
    case '#': return String(state.positional.length);
    case '$': return '1';
    case '!': return '';
    case '@': case '*': return state.positional.join(' ');
    case '-': return (state.options.errexit ? 'e' : '') + (state.options.nounset ? 'u' : '') + (state.options.xtrace ? 'x' : '');
    case '0': return state.argv0;
  }
  if (/^\d$/.test(name)) return state.positional[Number(name) - 1];
  return state.vars.get(name);
}

/** Evaluate `$((expr))`, reporting errors the way each shell words them. */
export function arith(expr: string, state: ShellState): number {
  const text = expr.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[?#0-9])\}?/g, (_, n: string) => lookup(n, state) ?? '');
  try {
    return evalArith(text, { get: (n) => state.vars.get(n), set: (n, v) => state.vars.set(n, v) });
  } catch (err) {
    if (!(err instanceof ArithError)) throw err;
    const div = err.message === 'division by 0';
    if (state.dialect === 'ash') throw new ShellError(div ? 'sh: divide by zero' : 'sh: arithmetic syntax error', 2);
    const detail = div ? 'division by 0' : `syntax error: invalid arithmetic operator (error token is "${err.message}")`;
    throw new ShellError(`bash: ${text.trim()}: ${detail}`, 1);
  }
}
