/**
 * Draws the line being edited: prompt, text (wrapping at the terminal's width, newlines shown
 * with a continuation prompt) and the cursor in place. Pure: it returns the escape sequences to
 * write and where it left the cursor, so the next draw can erase this one.
 */
export interface Prompt {
  /** What to write (may contain colour escapes). */
  text: string;
  /** How many columns it takes. */
  width: number;
}

export interface View {
  prompt: Prompt;
  /** Written before each line after a newline in the text. */
  continuation: Prompt;
  text: string;
  cursor: number;
}

export interface Drawn {
  /** Rows from the first row of the drawing down to the cursor. */
  cursorRow: number;
}

export const NOTHING_DRAWN: Drawn = { cursorRow: 0 };

export function plainPrompt(text: string): Prompt {
  return { text, width: text.length };
}

/** Sequences that erase `previous`, draw `view`, and put the cursor where it belongs. */
export function draw(view: View, cols: number, previous: Drawn): { out: string; drawn: Drawn } {
  let out = previous.cursorRow > 0 ? `\x1b[${previous.cursorRow}A` : '';
  out += '\r\x1b[J';
  let row = 0;
  let col = 0;
  let cursorAt: [number, number] | undefined;
  const advance = (width: number) => {
    for (let i = 0; i < width; i++) {
      if (col === cols) {
        row++;
        col = 0;
      }
      col++;
    }
  };
  out += view.prompt.text;
  advance(view.prompt.width);
  const here = (): [number, number] => (col === cols ? [row + 1, 0] : [row, col]);
  for (let i = 0; i < view.text.length; i++) {
    if (i === view.cursor) cursorAt = here();
    const c = view.text[i];
    if (c === '\n') {
      out += '\r\n' + view.continuation.text;
      row++;
      col = 0;
      advance(view.continuation.width);
      continue;
    }
    out += c;
    advance(1);
  }
  const end = here();
  if (col === cols) out += ' \b'; // leave the pending-wrap state: the cursor really is on the next row
  const [cursorRow, cursorCol] = cursorAt ?? end;
  if (end[0] > cursorRow) out += `\x1b[${end[0] - cursorRow}A`;
  if (end[0] > cursorRow || end[1] !== cursorCol) out += '\r' + (cursorCol > 0 ? `\x1b[${cursorCol}C` : '');
  return { out, drawn: { cursorRow } };
}
