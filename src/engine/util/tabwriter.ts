/**
 * Go's text/tabwriter (as forked in github.com/liggitt/tabwriter, which kubectl uses), for the
 * subset kubectl needs: left-aligned cells, space or tab padding, and RememberWidths.
 *
 * Text is split into cells by '\t' (or '\v') and into lines by '\n' (or '\f', which also forces a
 * flush). The text after a line's last tab is not a column cell and is never padded. A column's
 * width is computed per *block*: a run of consecutive lines that all have a cell in that column,
 * so only contiguous lines align — which is why describe output aligns paragraph by paragraph.
 * Width = max(minwidth, widest cell + padding), counted in code points like Go's runes.
 */

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  /** Keep the widest width seen per column across flushes (kubectl get, watch). */
  rememberWidths?: boolean;
  /** Discard columns whose cells are all empty and ended by '\v'. */
  discardEmptyColumns?: boolean;
}

/** cli-runtime printers.GetNewTabWriter: what `kubectl get` tables use. */
export const KUBECTL_GET_TABWRITER: TabWriterOptions = {
  minwidth: 6,
  tabwidth: 4,
  padding: 3,
  padchar: ' ',
  rememberWidths: true,
};

/** kubectl describe's tabbedString writer. */
export const KUBECTL_DESCRIBE_TABWRITER: TabWriterOptions = { minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ' };

interface Cell {
  text: string;
  width: number;
  /** Ended by '\t' (rather than '\v' or end of line). */
  htab: boolean;
}

/** Code points, as Go counts runes: a surrogate pair is one, a lone surrogate one too. */
const runeCount = (s: string): number => {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
};

const SEPARATOR = /[\t\v\n\f]/;

/** Runs of spaces by length, so padding a 10,000-row table does not build the same strings anew. */
const SPACES: string[] = [];
const spaces = (n: number): string => SPACES[n] ?? (n < 256 ? (SPACES[n] = ' '.repeat(n)) : ' '.repeat(n));

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out = '';

  constructor(private readonly opts: TabWriterOptions) {}

  /** Buffers text; a line holding a single cell (no tab) flushes, as in Go. */
  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        if (ch === '\f' || ncells === 1) this.flush();
      }
    }
    this.cell += text.slice(start);
  }

  /**
   * One line of cells: the same as `write(cells.join('\t') + '\n')`, without joining and
   * scanning the text again. Cells holding a separator ('\t', '\v', '\n', '\f') go through
   * `write` so they split as there.
   */
  writeLine(cells: readonly string[]): void {
    for (const c of cells) {
      if (SEPARATOR.test(c)) {
        this.write(`${cells.join('\t')}\n`);
        return;
      }
    }
    let ncells = 0;
    for (let i = 0; i < cells.length; i++) {
      this.cell += cells[i];
      ncells = this.terminateCell(i < cells.length - 1);
    }
    if (cells.length === 0) ncells = this.terminateCell(false);
    this.lines.push([]);
    if (ncells === 1) this.flush();
  }

  /** Formats and emits everything buffered. */
  flush(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = '';
  }

  /** Everything emitted so far (call flush() first to include buffered text). */
  output(): string {
    return this.out;
  }

  /** Forgets remembered widths, as kubectl does between resource types. */
  resetRememberedWidths(): void {
    this.maxwidths = [];
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  /** Go's recursive column-block formatting between lines [line0, line1). */
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= this.lines[i].length - 1) continue;
      // A block for this column starts here: print the lines before it.
      this.writeLines(line0, i);
      line0 = i;
      let width = this.opts.minwidth;
      let discardable = true;
      for (; i < line1; i++) {
        const line = this.lines[i];
        if (column >= line.length - 1) break;
        const c = line[column];
        width = Math.max(width, c.width + this.opts.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.opts.discardEmptyColumns) width = 0;
      width = this.remember(width);
      this.widths.push(width);
      this.format(line0, i);
      this.widths.pop();
      line0 = i;
    }
    this.writeLines(line0, line1);
  }

  private remember(width: number): number {
    if (!this.opts.rememberWidths) return width;
    const col = this.widths.length;
    if (this.maxwidths.length < col) this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
    if (this.maxwidths.length === col) this.maxwidths.push(width);
    else if (this.maxwidths[col] > width) return this.maxwidths[col];
    else this.maxwidths[col] = width;
    return width;
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      line.forEach((c, j) => {
        this.out += c.text;
        if (j < this.widths.length) this.out += this.padding(c.width, this.widths[j]);
      });
      // The last buffered line is the unfinished one: no newline yet.
      if (i + 1 < this.lines.length) this.out += '\n';
    }
  }

  private padding(textw: number, cellw: number): string {
    const { padchar, tabwidth } = this.opts;
    if (padchar === ' ') return spaces(Math.max(0, cellw - textw));
    if (padchar !== '\t') return padchar.repeat(Math.max(0, cellw - textw));
    if (tabwidth === 0) return '';
    const rounded = Math.ceil(cellw / tabwidth) * tabwidth;
    return '\t'.repeat(Math.ceil((rounded - textw) / tabwidth));
  }
}

/** Aligns a complete text in one go (write + flush), e.g. a describe section or a table. */
export function alignText(text: string, opts: TabWriterOptions): string {
  const w = new TabWriter(opts);
  w.write(text);
  w.flush();
  return w.output();
}
