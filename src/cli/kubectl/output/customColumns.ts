/**
 * `-o custom-columns=NAME:.metadata.name,…` and `-o custom-columns-file=PATH`, as kubectl 1.34's
 * pkg/cmd/get/customcolumn.go and customcolumn_flags.go do them: a header row (unless
 * `--no-headers`; the file form always prints it), one row per object (per item of a List), each
 * cell the column's JSONPath results printed with Go's %v and joined by commas, `<none>` when
 * there are none, and the rows aligned by kubectl's tabwriter.
 */
import { goSprint } from './goFormat';
import { JsonPath } from './jsonpath';
import type { ObjectPrinter, ReadFile } from './jsonpathPrinter';
import { alignText, KUBECTL_GET_TABWRITER } from '../../../engine/util/tabwriter';

export interface CustomColumn {
  header: string;
  /** A full JSONPath template, e.g. `{.metadata.name}`. */
  fieldSpec: string;
}

/**
 * An error after some output was already written (kubectl flushes its tabwriter on the way out,
 * so the header and earlier rows still appear before `error: …`).
 */
export class PartialOutputError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * RelaxedJSONPathExpression: accepts `metadata.name`, `.metadata.name`, `{metadata.name}` or
 * `{.metadata.name}` and returns `{.metadata.name}`; an empty path stays empty.
 */
export function relaxedJsonPathExpression(path: string): string {
  if (path === '') return path;
  const m = RELAXED.exec(path);
  if (!m) {
    throw new Error(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] ?? m[2]}}`;
}

/** NewCustomColumnsPrinterFromSpec's parsing of `HEADER:path,HEADER:path`. */
export function customColumnsFromSpec(spec: string): CustomColumn[] {
  if (spec === '') throw new Error('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPathExpression(part.slice(colon + 1)) };
  });
}

const MISSING_LINE = 'Expected format is one line of space separated headers, one line of space separated column specs.';

/** NewCustomColumnsPrinterFromTemplate: a line of headers, then a line of paths. */
export function customColumnsFromTemplate(text: string): CustomColumn[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  if (lines.length < 1) throw new Error(`invalid template, missing header line. ${MISSING_LINE}`);
  if (lines.length < 2) throw new Error(`invalid template, missing spec line. ${MISSING_LINE}`);
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) {
    throw new Error(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPathExpression(specs[i]) }));
}

function words(line: string): string[] {
  return line.split(/\s+/u).filter((w) => w !== '');
}

/** printers.EscapeTerminal: ESC and CR would let a value drive the terminal. */
export function escapeTerminal(s: string): string {
  return s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

function isList(obj: unknown): boolean {
  return Array.isArray(obj) || (typeof obj === 'object' && obj !== null && Array.isArray((obj as { items?: unknown }).items));
}

/** The rows of a List (or of a plain array of objects, taken as one), or the one object. */
function rowsOf(obj: unknown): unknown[] {
  if (Array.isArray(obj)) return obj;
  return isList(obj) ? (obj as { items: unknown[] }).items : [obj];
}

export class CustomColumnsPrinter implements ObjectPrinter {
  /** Whether the last object printed was a list, to repeat the header only when that changes. */
  private lastType: 'list' | 'object' | undefined;

  constructor(
    readonly columns: CustomColumn[],
    readonly noHeaders = false,
  ) {}

  /** Prints one object, or each item of a List (a plain array of objects counts as one). */
  print(obj: unknown): string {
    const lines: string[] = [];
    const type = isList(obj) ? 'list' : 'object';
    if (!this.noHeaders && type !== this.lastType) {
      lines.push(this.columns.map((c) => c.header).join('\t'));
      this.lastType = type;
    }
    try {
      const parsers = this.columns.map((c, ix) => new JsonPath(`column${ix}`).allowMissingKeys(true).parse(c.fieldSpec));
      for (const item of rowsOf(obj)) {
        lines.push(parsers.map((parser) => cell(parser.findResults(item))).join('\t'));
      }
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      throw new PartialOutputError(e.message, render(lines));
    }
    return render(lines);
  }
}

function render(lines: string[]): string {
  return lines.length ? alignText(lines.map((l) => `${l}\n`).join(''), KUBECTL_GET_TABWRITER) : '';
}

function cell(values: unknown[][]): string {
  const strings: string[] = [];
  if (values.length === 0 || values[0].length === 0) strings.push('<none>');
  for (const set of values) for (const v of set) strings.push(escapeTerminal(goSprint(v)));
  return strings.join(',');
}

/**
 * CustomColumnsPrintFlags.ToPrinter: `format` is the `-o` value. Returns undefined when it is not
 * a custom-columns format.
 */
export function customColumnsPrinterForFormat(
  format: string,
  opts: { templateArgument?: string; noHeaders?: boolean; readFile?: ReadFile } = {},
): CustomColumnsPrinter | undefined {
  let kind = format;
  let value = opts.templateArgument ?? '';
  if (!value) {
    const prefix = ['custom-columns-file', 'custom-columns'].find((f) => format.startsWith(`${f}=`));
    if (prefix) {
      kind = prefix;
      value = format.slice(prefix.length + 1);
    }
  }
  if (kind !== 'custom-columns' && kind !== 'custom-columns-file') return undefined;
  if (!value) throw new Error('custom-columns format specified but no custom columns given');
  if (kind === 'custom-columns-file') {
    const text = opts.readFile?.(value);
    if (text === undefined) throw new Error(`error reading template ${value}, open ${value}: no such file or directory\n`);
    return new CustomColumnsPrinter(customColumnsFromTemplate(text), false);
  }
  return new CustomColumnsPrinter(customColumnsFromSpec(value), opts.noHeaders ?? false);
}
