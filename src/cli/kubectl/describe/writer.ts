/**
 * kubectl describe's PrefixWriter over its tabwriter (minwidth 0, tabwidth 8, padding 2):
 * `write(level, text)` indents by two spaces per level; `flush()` ends the current alignment
 * block, as DescribeEvents does before the Events table.
 */
import { KUBECTL_DESCRIBE_TABWRITER, TabWriter } from '../../../engine/util/tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/** printers.WriteEscaped: neutralise terminal escape sequences. */
const escape = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

export class PrefixWriter {
  private readonly tw = new TabWriter(KUBECTL_DESCRIBE_TABWRITER);

  /** Writes text (which carries its own tabs and newline) after `level` two-space indents. */
  write(level: number, text: string): void {
    this.tw.write(escape('  '.repeat(level) + text));
  }

  /** Go's WriteLine: the text and a newline, no indent. */
  writeLine(text: string): void {
    this.tw.write(escape(`${text}\n`));
  }

  flush(): void {
    this.tw.flush();
  }

  /** Flushes and returns the whole description (tabbedString). */
  toString(): string {
    this.tw.flush();
    return this.tw.output();
  }
}

/** tabbedString: runs a describer body against a fresh writer and returns its text. */
export function tabbedString(body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  body(w);
  return w.toString();
}
