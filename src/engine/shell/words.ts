/**
 * Helpers for the terminal's line editor: "does this input need a continuation line?" and
 * "which words is the user completing?". Neither runs anything.
 */
import { parseScript } from './parser';
import { ShellSyntaxError } from './syntaxError';

/**
 * True when the source cannot be complete yet: an open quote, a here-document without its
 * delimiter, `while` without `done`, a trailing `|`, `&&`, `||` or backslash.
 */
export function isIncomplete(source: string): boolean {
  try {
    return parseScript(source).heredocAtEof !== undefined;
  } catch (err) {
    if (err instanceof ShellSyntaxError) return err.incomplete;
    throw err;
  }
}

export interface CompletionWords {
  /** The finished words of the command under the cursor (after the last `|`, `;`, `&&`, `||`). */
  words: string[];
  /** The word being typed, quotes removed ('' right after a space). */
  partial: string;
  /** Offset in the line where the partial word starts, for replacing it. */
  start: number;
}

const SEPARATORS = ['&&', '||', '|', ';', '&', '(', ')'];

/**
 * Split a command line into argv-like words for tab completion. Tolerant: an unterminated
 * quote just makes the last word partial. No expansion is performed.
 */
export function completionWords(line: string): CompletionWords {
  let words: string[] = [];
  let current = '';
  let inWord = false;
  let start = line.length;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (quote === '"' && c === '\\' && i + 1 < line.length) current += line[++i];
      else current += c;
      continue;
    }
    const sep = SEPARATORS.find((s) => line.startsWith(s, i));
    if (c === ' ' || c === '\t' || sep) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      if (sep) {
        words = [];
        i += sep.length - 1;
      }
      continue;
    }
    if (!inWord) {
      inWord = true;
      start = i;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && i + 1 < line.length) current += line[++i];
    else current += c;
  }
  if (!inWord) return { words, partial: '', start: line.length };
  return { words, partial: current, start };
}

/** Convenience for callers that want plain argv: all words of the last command, partial included. */
export function splitArgv(line: string): string[] {
  const { words, partial, start } = completionWords(line);
  return start < line.length ? [...words, partial] : words;
}
