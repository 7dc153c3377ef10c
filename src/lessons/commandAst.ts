/** Walks a command-language script's syntax tree: every simple command, however nested. */
import type { Command, List, Script, SimpleCommand, Word } from '../engine/shell/ast';

export function simpleCommands(script: Script): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  walkList(script.body, out);
  return out;
}

/** Compound commands (if, while, for, case, groups, functions) in a script, by kind. */
export function compoundKinds(script: Script): string[] {
  const kinds: string[] = [];
  const visit = (list: List) => {
    for (const andOr of list) {
      for (const p of [andOr.first, ...andOr.rest.map((r) => r.pipeline)]) {
        for (const c of p.commands) if (c.kind !== 'simple') kinds.push(c.kind);
      }
    }
  };
  visit(script.body);
  return kinds;
}

/** A word's text when it is all literal (quoted or not), else undefined (it expands something). */
export function literalWord(word: Word): string | undefined {
  let text = '';
  for (const p of word.parts) {
    if (p.kind !== 'lit') return undefined;
    text += p.text;
  }
  return text;
}

function walkList(list: List, out: SimpleCommand[]): void {
  for (const andOr of list) {
    for (const p of [andOr.first, ...andOr.rest.map((r) => r.pipeline)]) for (const c of p.commands) walkCommand(c, out);
  }
}

function walkCommand(c: Command, out: SimpleCommand[]): void {
  switch (c.kind) {
    case 'simple':
      out.push(c);
      for (const w of [...c.words, ...c.assigns.map((a) => a.value)]) walkWord(w, out);
      return;
    case 'if':
      for (const b of c.branches) {
        walkList(b.cond, out);
        walkList(b.body, out);
      }
      if (c.otherwise) walkList(c.otherwise, out);
      return;
    case 'while':
    case 'until':
      walkList(c.cond, out);
      walkList(c.body, out);
      return;
    case 'for':
      walkList(c.body, out);
      return;
    case 'case':
      for (const arm of c.arms) walkList(arm.body, out);
      return;
    case 'group':
    case 'subshell':
      walkList(c.body, out);
      return;
    case 'function':
      walkCommand(c.body, out);
      return;
  }
}

function walkWord(w: Word, out: SimpleCommand[]): void {
  for (const p of w.parts) {
    if (p.kind === 'cmdsub') walkList(p.script.body, out);
    if (p.kind === 'param' && p.arg) walkWord({ parts: p.arg, raw: '' }, out);
  }
}
