/**
 * meta.k8s.io/v1 Table, as the apiserver returns it for `Accept: application/json;as=Table`.
 * Both `pilothouse serve` (to the real kubectl) and our kubectl render from this one shape.
 */

export interface TableColumn {
  name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** `name` marks the column kubectl prefixes with `kind/` when several kinds are printed. */
  format?: string;
  /** 0 = always shown, 1 = only with `-o wide`. */
  priority: number;
  description?: string;
}

export type TableCell = string | number | boolean;

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: TableCell[];
  object: object;
  conditions?: TableRowCondition[];
}

export interface Table {
  columns: TableColumn[];
  rows: TableRow[];
}

/** One kind's printer: its columns and a row function (always computing the wide cells, as the apiserver does). */
export interface TablePrinter {
  columns: TableColumn[];
  row(obj: any, now: number): TableCell[];
  conditions?(obj: any): TableRowCondition[] | undefined;
}
