/** Server-side Table printing: the public surface of src/engine/printers. */
export { printCustomResourceTable, printTable, tablePrinterFor } from './registry';
export type { Table, TableCell, TableColumn, TablePrinter, TableRow, TableRowCondition } from './types';
export { podStatusCells } from './pods';
export { nodeRoles, nodeStatus } from './cluster';
export { formatLabelSelector, formatLabels, selectorString } from './format';
