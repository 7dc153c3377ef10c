/**
 * Applying Tab completion to the line: one candidate is inserted with a space after it, several
 * extend the word to their common prefix, and a second Tab that cannot extend lists them in
 * columns, as bash does.
 */
import type { Completion } from '../../protocol/messages';

export interface Completed {
  text: string;
  cursor: number;
  /** Candidates to list below the line (second Tab), if any. */
  list?: string[];
  /** Nothing to add: ring the bell. */
  bell?: boolean;
}

export function applyCompletion(text: string, cursor: number, c: Completion, secondTab: boolean): Completed {
  const partial = text.slice(c.start, cursor);
  const insert = (word: string): Completed => ({ text: text.slice(0, c.start) + word + text.slice(cursor), cursor: c.start + word.length });
  if (c.candidates.length === 0) return { text, cursor, bell: true };
  if (c.candidates.length === 1) {
    const word = c.candidates[0];
    const done = /[/=]$/.test(word) ? word : `${word} `;
    return insert(text.slice(cursor).startsWith(' ') ? word : done);
  }
  const common = commonPrefix(c.candidates);
  if (common.length > partial.length) return insert(common);
  return secondTab ? { text, cursor, list: c.candidates } : { text, cursor, bell: true };
}

export function commonPrefix(words: string[]): string {
  let p = words[0] ?? '';
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Words in columns across the terminal width, bash's `ls`-like order (down, then across). */
export function formatColumns(words: string[], cols: number): string {
  const width = Math.max(...words.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(words.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const w = words[c * rows + r];
      if (w !== undefined) line += w.padEnd(width);
    }
    lines.push(line.trimEnd());
  }
  return lines.join('\n') + '\n';
}
