/**
 * `kubectl get --sort-by=FIELD`, as kubectl 1.34's pkg/cmd/get/sorter.go does it.
 *
 * - FIELD is relaxed like a custom column (`.metadata.name` → `{.metadata.name}`).
 * - If no object has the field: `couldn't find any field with path "{.x}" in the list of objects`.
 * - Each object is keyed by the first JSONPath result. An object without one sorts before
 *   everything (kubectl's less says "true" for it, even against another such object).
 * - Strings that both parse as quantities compare as quantities ("500m" < "1"), other strings
 *   byte-wise, numbers numerically; timestamps are RFC 3339 strings, so they sort in time order.
 * - Other pairs (booleans, maps, lists, a string against a number) are unsortable: kubectl exits
 *   through klog; we throw SortFatalError with klog's message.
 * - The sort is Go's sort.Sort, which is not stable: goSort reproduces its exact order.
 *
 * Two paths exist in kubectl and differ only in error wording: `table` for the human-readable
 * printers (rows of the server's Table), `objects` for -o json/yaml/name/jsonpath/custom-columns.
 */
import { goKind, goQuote, goSharpV, compareGoStrings } from './goFormat';
import { goSort } from './goSort';
import { JsonPath } from './jsonpath';
import { compareQuantities, parseQuantity } from './quantityCompare';
import { relaxedJsonPathExpression } from './customColumns';

export type SortPath = 'table' | 'objects';

/**
 * kubectl stops through klog rather than returning an error. It prints one line to stderr,
 * `F1123 10:24:38.589170   12536 sorter.go:329] <message>` (severity, date, time, pid padded to 7,
 * `source`); `message` is what follows the `]`. Exitf exits 1; Fatalf (exit 255) also dumps the
 * goroutine stacks.
 */
export class SortFatalError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 255,
    readonly source: string,
  ) {
    super(message);
  }
}

class Unsortable extends Error {}

/** Returns the objects in the order `kubectl get --sort-by=sortBy` prints them. */
export function sortObjects<T>(objects: readonly T[], sortBy: string, path: SortPath = 'objects'): T[] {
  const items = [...objects];
  if (items.length === 0) return items;
  let field: string;
  try {
    field = relaxedJsonPathExpression(sortBy);
  } catch {
    field = sortBy;
  }
  if (path === 'objects') field = relaxedJsonPathExpression(field);
  const parser = () => new JsonPath('sorting').allowMissingKeys(true).parse(field);
  const keys = path === 'table' ? tableKeys(items, field) : objectKeys(items, field, parser);
  const typeName = path === 'table' ? '[][][]reflect.Value' : '*unstructured.Unstructured';

  goSort({
    len: () => items.length,
    swap(i, j) {
      [items[i], items[j]] = [items[j], items[i]];
      [keys[i], keys[j]] = [keys[j], keys[i]];
    },
    less(i, j) {
      const a = keys[i]('i');
      const b = keys[j]('j');
      if (a === undefined) return true;
      if (b === undefined) return false;
      try {
        return isLess(a, b);
      } catch (e) {
        if (!(e instanceof Unsortable)) throw e;
        throw new SortFatalError(
          `Field ${field} in ${typeName} is an unsortable type: interface, err: ${e.message}`,
          1,
          path === 'table' ? 'sorter.go:375' : 'sorter.go:329',
        );
      }
    },
  });
  return items;
}

/** The sort key of one object, looked up when first compared ("i" or "j" names its side). */
type Key = (side: 'i' | 'j') => unknown;

const firstResult = (results: unknown[][]): unknown => results[0]?.[0];

function objectKeys<T>(items: T[], field: string, parser: () => JsonPath): Key[] {
  const template = parser();
  let found = false;
  for (const item of items) {
    if (firstResult(template.findResults(item)) !== undefined) {
      found = true;
      break;
    }
  }
  if (!found) throw new Error(`couldn't find any field with path ${goQuote(field)} in the list of objects`);
  return items.map((item) => {
    let cached: { value: unknown } | undefined;
    return (side) => {
      if (!cached) {
        try {
          cached = { value: firstResult(parser().findResults(item)) };
        } catch (e) {
          const message = (e as Error).message;
          // sorter.go prints the i-side error with %#v and the j-side one with %v.
          const err = side === 'i' ? `&errors.errorString{s:${goQuote(message)}}` : message;
          const obj = `&unstructured.Unstructured{Object:${goSharpV(item)}}`;
          const source = side === 'i' ? 'sorter.go:310' : 'sorter.go:315';
          throw new SortFatalError(`Failed to get ${side} values for ${obj} using ${field} (${err})`, 255, source);
        }
      }
      return cached.value;
    };
  });
}

function tableKeys<T>(items: T[], field: string): Key[] {
  let template: JsonPath;
  try {
    template = new JsonPath('sorting').allowMissingKeys(true).parse(field);
  } catch (e) {
    throw new Error(`sorting error: ${(e as Error).message}`);
  }
  const values = items.map((item) => {
    try {
      return firstResult(template.findResults(item));
    } catch (e) {
      const err = `&errors.errorString{s:${goQuote((e as Error).message)}}`;
      throw new Error(`Failed to get values for [][]reflect.Value(nil) using ${field} (${err})`);
    }
  });
  if (values.every((v) => v === undefined)) {
    throw new Error(`couldn't find any field with path ${goQuote(field)} in the list of objects`);
  }
  return values.map((v) => () => v);
}

/** sorter.go's isLess for two values of an unstructured object (reflect kind Interface). */
export function isLess(a: unknown, b: unknown): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  const ka = goKind(a);
  const kb = goKind(b);
  switch (ka) {
    case 'int':
    case 'float':
      if (ka !== kb) break;
      return (a as number) < (b as number);
    case 'string': {
      if (kb !== 'string') break;
      const qa = parseQuantity(a as string);
      const qb = qa && parseQuantity(b as string);
      if (qa && qb) return compareQuantities(qa, qb) < 0;
      return compareGoStrings(a as string, b as string) < 0;
    }
    case 'bool':
      throw new Unsortable('unsortable type: bool');
    case 'slice':
      throw new Unsortable('unsortable type: []interface {}');
    default:
      throw new Unsortable('unsortable type: map[string]interface {}');
  }
  throw new Unsortable('unsortable interface: interface');
}
