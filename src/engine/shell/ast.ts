/**
 * The syntax tree of the POSIX-sh subset. Plain data (no classes), so a parsed script can be
 * cached, compared in tests and carried in a snapshot.
 */

/** One piece of a word. `quoted` pieces are never field-split. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'param'; name: string; quoted: boolean; op?: ParamOp; arg?: WordPart[] }
  | { kind: 'cmdsub'; script: Script; quoted: boolean }
  | { kind: 'arith'; expr: string; quoted: boolean };

/** `${X:-w}` and friends; `len` is `${#X}`. */
export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | 'len';

export interface Word {
  parts: WordPart[];
  /** The source text, used for messages and reserved-word checks. */
  raw: string;
}

export type RedirectOp = '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '<<' | '<<-';

export interface Redirect {
  fd: number;
  op: RedirectOp;
  /** The file (or fd number for `>&`); for here-documents the body. */
  target: Word;
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface IfClause {
  kind: 'if';
  branches: { cond: List; body: List }[];
  otherwise?: List;
  redirects: Redirect[];
}

export interface LoopClause {
  kind: 'while' | 'until';
  cond: List;
  body: List;
  redirects: Redirect[];
}

export interface ForClause {
  kind: 'for';
  name: string;
  /** Absent means `"$@"`. */
  items?: Word[];
  body: List;
  redirects: Redirect[];
}

export interface CaseClause {
  kind: 'case';
  subject: Word;
  arms: { patterns: Word[]; body: List }[];
  redirects: Redirect[];
}

export interface GroupCommand {
  kind: 'group' | 'subshell';
  body: List;
  redirects: Redirect[];
}

export interface FunctionDef {
  kind: 'function';
  name: string;
  body: Command;
  redirects: Redirect[];
}

export type Command =
  | SimpleCommand
  | IfClause
  | LoopClause
  | ForClause
  | CaseClause
  | GroupCommand
  | FunctionDef;

export interface Pipeline {
  negated: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

/** `&` is accepted and treated as `;` (there are no background jobs). */
export type List = AndOr[];

export interface Script {
  body: List;
  /** True when a here-document ran to the end of input without its delimiter line. */
  heredocAtEof?: string;
}
