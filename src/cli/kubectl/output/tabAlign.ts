/**
 * Column alignment as Go's text/tabwriter does it for kubectl's printers
 * (cli-runtime printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, padchar ' ').
 *
 * A cell is text ended by a tab; the text after a line's last tab is not a cell and is not
 * padded. A column block is a run of consecutive lines that all have a cell in that column; each
 * block is as wide as its widest cell plus padding, and never narrower than minwidth. Widths count
 * runes, as Go does. Kept here, small and private, until a shared tabwriter exists in the engine.
 */

export interface TabAlignOptions {
  minwidth: number;
  padding: number;
}

export const KUBECTL_TABWRITER: TabAlignOptions = { minwidth: 6, padding: 3 };

const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Aligns tab-separated text as a tabwriter flushed once at the end would. */
export function alignTabs(text: string, opts: TabAlignOptions = KUBECTL_TABWRITER): string {
  const lines = text.split('\n').map((line) => line.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let line = '';
      cells.forEach((cell, j) => {
        line += cell;
        if (j < widths.length && j < cells.length - 1) line += ' '.repeat(Math.max(0, widths[j] - runeCount(cell)));
      });
      out.push(line);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let width = opts.minwidth;
      for (; cur < line1 && column < lines[cur].length - 1; cur++) {
        width = Math.max(width, runeCount(lines[cur][column]) + opts.padding);
      }
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur; // line `cur` has no cell in this column, so the loop may step past it
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}
