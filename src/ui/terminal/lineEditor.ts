/**
 * The terminal's line editor, as pure functions: a state and a key in, a new state and at most one
 * action out (submit the input, ask for completion, interrupt, clear the screen). Emacs-style keys
 * as bash has them: ←/→, Home/End, Ctrl+A/E/U/K/W, Backspace/Delete, history with ↑/↓ and Ctrl+R
 * reverse search. Rendering is elsewhere (render.ts).
 */
import type { Key } from './keys';

export interface Search {
  query: string;
  /** Index in history of the match shown, or -1. */
  index: number;
}

export interface EditorState {
  /** The line being edited (may hold newlines: a recalled multi-line entry). */
  text: string;
  cursor: number;
  /** Lines already entered of an input the shell said was incomplete. */
  committed: string | undefined;
  history: readonly string[];
  /** Position while browsing history; history.length means the line being edited. */
  historyIndex: number;
  /** The line being edited, kept while browsing history. */
  draft: string;
  search: Search | undefined;
}

export type Action =
  | { type: 'submit'; input: string }
  | { type: 'complete' }
  | { type: 'interrupt' }
  | { type: 'clearScreen' }
  | { type: 'bell' };

export interface EditResult {
  state: EditorState;
  action?: Action;
}

export function newEditor(history: readonly string[] = []): EditorState {
  return { text: '', cursor: 0, committed: undefined, history, historyIndex: history.length, draft: '', search: undefined };
}

/** The state after an input was submitted and finished: an empty line, history updated. */
export function afterSubmit(history: readonly string[]): EditorState {
  return newEditor(history);
}

/** The shell wants more lines: keep what was entered, continue on a fresh line. */
export function continueInput(state: EditorState, input: string): EditorState {
  return { ...newEditor(state.history), committed: input };
}

export function edit(s: EditorState, key: Key): EditResult {
  if (s.search) return editSearch(s, s.search, key);
  const at = (text: string, cursor: number): EditResult => ({ state: { ...s, text, cursor } });
  const { text, cursor } = s;
  switch (key.type) {
    case 'text':
      return at(text.slice(0, cursor) + key.text + text.slice(cursor), cursor + key.text.length);
    case 'enter':
      return { state: { ...s, cursor: text.length }, action: { type: 'submit', input: s.committed !== undefined ? `${s.committed}\n${text}` : text } };
    case 'backspace':
      return cursor > 0 ? at(text.slice(0, cursor - 1) + text.slice(cursor), cursor - 1) : { state: s };
    case 'delete':
      return at(text.slice(0, cursor) + text.slice(cursor + 1), cursor);
    case 'left':
      return at(text, Math.max(0, cursor - 1));
    case 'right':
      return at(text, Math.min(text.length, cursor + 1));
    case 'home':
      return at(text, 0);
    case 'end':
      return at(text, text.length);
    case 'wordLeft':
      return at(text, wordStart(text, cursor));
    case 'wordRight':
      return at(text, wordEnd(text, cursor));
    case 'up':
      return recall(s, s.historyIndex - 1);
    case 'down':
      return recall(s, s.historyIndex + 1);
    case 'tab':
      return { state: s, action: { type: 'complete' } };
    case 'escape':
      return { state: s };
    case 'ctrl':
      return editCtrl(s, key.key);
  }
}

function editCtrl(s: EditorState, k: string): EditResult {
  const { text, cursor } = s;
  const at = (t: string, c: number): EditResult => ({ state: { ...s, text: t, cursor: c } });
  switch (k) {
    case 'a':
      return at(text, 0);
    case 'e':
      return at(text, text.length);
    case 'b':
      return at(text, Math.max(0, cursor - 1));
    case 'f':
      return at(text, Math.min(text.length, cursor + 1));
    case 'u':
      return at(text.slice(cursor), 0);
    case 'k':
      return at(text.slice(0, cursor), cursor);
    case 'w': {
      const start = wordStart(text, cursor, /\s/);
      return at(text.slice(0, start) + text.slice(cursor), start);
    }
    case 'd':
      return cursor < text.length ? at(text.slice(0, cursor) + text.slice(cursor + 1), cursor) : { state: s };
    case 'h':
      return edit(s, { type: 'backspace' });
    case 'p':
      return recall(s, s.historyIndex - 1);
    case 'n':
      return recall(s, s.historyIndex + 1);
    case 'c':
      return { state: newEditor(s.history), action: { type: 'interrupt' } };
    case 'l':
      return { state: s, action: { type: 'clearScreen' } };
    case 'r':
      return { state: { ...s, search: find({ query: '', index: -1 }, s.history, s.history.length - 1) } };
    default:
      return { state: s };
  }
}

function recall(s: EditorState, index: number): EditResult {
  if (index < 0 || index > s.history.length) return { state: s, action: { type: 'bell' } };
  const draft = s.historyIndex === s.history.length ? s.text : s.draft;
  const text = index === s.history.length ? draft : s.history[index];
  return { state: { ...s, text, cursor: text.length, historyIndex: index, draft } };
}

/** Reverse search: typing narrows, Ctrl+R finds an older match, Enter runs, other keys accept and edit. */
function editSearch(s: EditorState, search: Search, key: Key): EditResult {
  const h = s.history;
  if (key.type === 'text') return { state: { ...s, search: find({ ...search, query: search.query + key.text }, h, search.index < 0 ? h.length - 1 : search.index) } };
  if (key.type === 'backspace') return { state: { ...s, search: find({ ...search, query: search.query.slice(0, -1) }, h, h.length - 1) } };
  if (key.type === 'ctrl' && key.key === 'r') return { state: { ...s, search: find(search, h, search.index - 1, search.index) } };
  if (key.type === 'ctrl' && (key.key === 'g' || key.key === 'c')) return { state: { ...s, search: undefined } };
  const accepted = accept(s, search);
  if (key.type === 'escape') return { state: accepted };
  return edit(accepted, key);
}

function accept(s: EditorState, search: Search): EditorState {
  if (search.index < 0) return { ...s, search: undefined };
  const text = s.history[search.index];
  const hit = text.lastIndexOf(search.query);
  return { ...s, search: undefined, text, cursor: hit < 0 ? text.length : hit, historyIndex: search.index };
}

/** The newest entry at or before `from` that contains the query; keeps `fallback` if none. */
function find(search: Search, history: readonly string[], from: number, fallback = -1): Search {
  for (let i = from; i >= 0; i--) if (history[i].includes(search.query)) return { query: search.query, index: i };
  return { query: search.query, index: search.query === '' ? -1 : fallback };
}

/** True when the search has a query but nothing matches it. */
export function searchFailed(s: EditorState): boolean {
  return !!s.search && s.search.query !== '' && (s.search.index < 0 || !s.history[s.search.index].includes(s.search.query));
}

function wordStart(text: string, cursor: number, space = /[\s/=.:,-]/): number {
  let i = cursor;
  while (i > 0 && space.test(text[i - 1])) i--;
  while (i > 0 && !space.test(text[i - 1])) i--;
  return i;
}

function wordEnd(text: string, cursor: number, space = /[\s/=.:,-]/): number {
  let i = cursor;
  while (i < text.length && space.test(text[i])) i++;
  while (i < text.length && !space.test(text[i])) i++;
  return i;
}
