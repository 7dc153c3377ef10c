/**
 * Compound commands: if, while/until, for, case, { }, ( ). Each returns its exit status; loop
 * control (`break`/`continue`) unwinds as a LoopSignal.
 */
import type { CaseClause, ForClause, IfClause, List, LoopClause, Word } from './ast';
import { expandWord, expandWords, type Expander } from './expand';
import { LoopSignal, type Frame } from './io';
import type { ShellEffect } from './types';

type Gen<T> = Generator<ShellEffect, T, unknown>;

/** What the compound commands need from the interpreter. */
export interface ListRunner extends Expander {
  runList(list: List, frame: Frame): Gen<number>;
  /** Run a list as a condition: `set -e` does not apply inside it. */
  runCondition(list: List, frame: Frame): Gen<number>;
}

export function* runIf(sh: ListRunner, cmd: IfClause, frame: Frame): Gen<number> {
  for (const branch of cmd.branches) {
    if ((yield* sh.runCondition(branch.cond, frame)) === 0) return yield* sh.runList(branch.body, frame);
  }
  return cmd.otherwise ? yield* sh.runList(cmd.otherwise, frame) : 0;
}

/** Runs one loop body; returns 'break' or 'continue' when a LoopSignal for this loop arrives. */
function* loopBody(sh: ListRunner, body: List, frame: Frame): Gen<number | 'break'> {
  try {
    return yield* sh.runList(body, frame);
  } catch (err) {
    if (!(err instanceof LoopSignal)) throw err;
    if (err.levels > 1) {
      err.levels--;
      throw err;
    }
    return err.kind === 'break' ? 'break' : 0;
  }
}

export function* runLoop(sh: ListRunner, cmd: LoopClause, frame: Frame): Gen<number> {
  let status = 0;
  for (;;) {
    const cond = yield* sh.runCondition(cmd.cond, frame);
    if ((cond === 0) !== (cmd.kind === 'while')) return status;
    const r = yield* loopBody(sh, cmd.body, frame);
    if (r === 'break') return 0;
    status = r;
  }
}

export function* runFor(sh: ListRunner, cmd: ForClause, frame: Frame): Gen<number> {
  const items = cmd.items ? yield* expandWords(cmd.items, sh) : [...sh.state.positional];
  let status = 0;
  for (const item of items) {
    sh.state.vars.set(cmd.name, item);
    const r = yield* loopBody(sh, cmd.body, frame);
    if (r === 'break') return 0;
    status = r;
  }
  return status;
}

export function* runCase(sh: ListRunner, cmd: CaseClause, frame: Frame): Gen<number> {
  const subject = yield* expandWord(cmd.subject, sh);
  for (const arm of cmd.arms) {
    for (const pattern of arm.patterns) {
      if ((yield* patternRegExp(pattern, sh)).test(subject)) return yield* sh.runList(arm.body, frame);
    }
  }
  return 0;
}

/** A case pattern as a RegExp: unquoted text is a glob, quoted text and expansions match literally. */
function* patternRegExp(word: Word, ex: Expander): Gen<RegExp> {
  let source = '';
  for (const part of word.parts) {
    if (part.kind === 'lit' && !part.quoted) source += globToRegExp(part.text);
    else source += escapeRegExp(yield* expandWord({ parts: [part], raw: '' }, ex));
  }
  return new RegExp(`^${source}$`, 's');
}

export function globToRegExp(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += escapeRegExp(glob[++i]);
    else out += escapeRegExp(c);
  }
  return out;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
