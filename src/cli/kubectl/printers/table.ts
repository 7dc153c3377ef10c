/**
 * Client-side rendering of a meta.k8s.io/v1 Table, as cli-runtime's HumanReadablePrinter does:
 * decorateTable (NAMESPACE first, -L label columns, LABELS last, `kind/` prefix on the name
 * column) then printTable (upper-cased headers, priority-1 columns only when wide, cells cut at
 * the first newline) through the kubectl tabwriter.
 */
import { formatLabels } from '../../../engine/printers/format';
import type { Table, TableCell } from '../../../engine/printers';
import { KUBECTL_GET_TABWRITER, TabWriter } from '../../../engine/util/tabwriter';

export interface RenderTableOptions {
  noHeaders?: boolean;
  wide?: boolean;
  /** `-A`: the namespace of each row, in row order (defaults to each row object's namespace). */
  namespaces?: readonly string[];
  withNamespace?: boolean;
  showLabels?: boolean;
  /** `-L key`: one column per label key. */
  labelColumns?: readonly string[];
  /** `lower(Kind)[.group]`, e.g. `deployment.apps`, when several kinds are printed. */
  kindPrefix?: string;
}

type Meta = { metadata?: { namespace?: string; labels?: Record<string, string> } };


/** printers.WriteEscaped, after cutting a string at its first line break. */
function cellText(cell: TableCell | null | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  // Most cells have no line break and no escape: they print as they are.
  if (!SPECIAL.test(cell)) return cell;
  const cut = cell.search(/[\f\n\r]/);
  const text = cut >= 0 ? `${cell.slice(0, cut)}...` : cell;
  return text.replaceAll('\x1b', '^[');
}

const SPECIAL = /[\f\n\r\x1b]/;

interface Decorated {
  headers: string[];
  rows: string[][];
}

/** decorateTable + the wide filter, producing header and row texts. */
function decorate(table: Table, opts: RenderTableOptions): Decorated {
  const visible = table.columns.map((c) => opts.wide || c.priority === 0);
  const nameColumn = opts.kindPrefix ? table.columns.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
  const withNamespace = opts.withNamespace || opts.namespaces !== undefined;
  const labelKeys = opts.labelColumns ?? [];
  const headers = [
    ...(withNamespace ? ['NAMESPACE'] : []),
    ...table.columns.filter((_, i) => visible[i]).map((c) => c.name.toUpperCase()),
    ...labelKeys.map((k) => k.split('/').pop()!.toUpperCase()),
    ...(opts.showLabels ? ['LABELS'] : []),
  ];
  // One array per row, filled in one pass (10,000-row tables are common enough to matter).
  const ncols = table.columns.length;
  const rows = table.rows.map((row, r) => {
    const meta = (row.object as Meta).metadata;
    const out: string[] = [];
    if (withNamespace) out.push(opts.namespaces?.[r] ?? meta?.namespace ?? '');
    const cells = row.cells;
    for (let i = 0; i < ncols && i < cells.length; i++) {
      if (!visible[i]) continue;
      const text = cellText(cells[i]);
      out.push(i === nameColumn ? `${opts.kindPrefix}/${text}` : text);
    }
    for (const k of labelKeys) out.push(meta?.labels?.[k] ?? '');
    if (opts.showLabels) out.push(formatLabels(meta?.labels));
    return out;
  });
  return { headers, rows };
}

/** Writes the table's lines into a kubectl tabwriter (not flushed), so watch output can share widths. */
export function writeTable(w: TabWriter, table: Table, opts: RenderTableOptions = {}): void {
  // kubectl prints nothing at all, not even headers, for a table without rows.
  if (table.rows.length === 0) return;
  const { headers, rows } = decorate(table, opts);
  if (!opts.noHeaders) w.writeLine(headers);
  for (const row of rows) w.writeLine(row);
}

/** The text `kubectl get` prints for one table. */
export function renderTable(table: Table, opts: RenderTableOptions = {}): string {
  const w = new TabWriter(KUBECTL_GET_TABWRITER);
  writeTable(w, table, opts);
  w.flush();
  return w.output();
}
