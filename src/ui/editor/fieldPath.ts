/**
 * Maps an apiserver field path (`spec.replicas`, `spec.template.spec.containers[0].image`,
 * `metadata.labels[app.kubernetes.io/name]`) to the place in a YAML buffer it names, so an
 * `Invalid` error from the API becomes a marker on the right line. Pure: no Monaco, no DOM.
 *
 * Field paths are written as k8s.io/apimachinery's field.Path prints them: names joined by `.`,
 * list indexes and map keys in brackets.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node, type Pair } from 'yaml';

/** A 1-based range, as Monaco's IRange. `exact` is false when the path ends at a field the text lacks. */
export interface FieldRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  exact: boolean;
}

/** Splits `a.b[0].c[x.y/z]` into `['a', 'b', '0', 'c', 'x.y/z']`. */
export function parseFieldPath(path: string): string[] {
  const segments: string[] = [];
  for (const m of path.matchAll(/\[([^\]]*)\]|([^.[\]]+)/g)) segments.push(m[1] ?? m[2]);
  return segments;
}

/**
 * Finds `path` in the `docIndex`-th object of a (multi-document) YAML text. Documents that hold no
 * object (an empty document, a trailing `---`) are not counted, as `kubectl apply -f` skips them.
 * Returns null when there is no such document. When the path leads to a field the text lacks
 * (`spec.selector: Required value`), the range is the deepest key that exists, with `exact: false`.
 */
export function fieldPathToRange(text: string, path: string, docIndex = 0): FieldRange | null {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', lineCounter });
  const list = Array.isArray(docs) ? docs : [];
  const doc = list.filter((d) => !(d.contents === null || (isScalar(d.contents) && d.contents.value === null)))[docIndex];
  if (!doc?.contents) return null;

  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  let exact = true;
  let item = false;
  for (const segment of parseFieldPath(path)) {
    const next = child(node, segment);
    if (!next) {
      exact = false;
      break;
    }
    node = next.node;
    pair = next.pair ?? pair;
    item = !next.pair;
  }
  const target = pickTarget(node, pair, exact, item);
  const range = (target as Node | undefined)?.range;
  if (!range) return null;
  return toRange(text, range[0], range[1], lineCounter, exact);
}

function child(node: unknown, segment: string): { node: unknown; pair?: Pair } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    return pair ? { node: pair.value, pair } : undefined;
  }
  if (isSeq(node) && /^\d+$/.test(segment)) {
    const item = node.items[Number(segment)];
    return item ? { node: item } : undefined;
  }
  return undefined;
}

/** A scalar value or a list item is marked itself; a missing field, a block or a null value marks the key. */
function pickTarget(node: unknown, pair: Pair | undefined, exact: boolean, item: boolean): unknown {
  const range = (node as Node | null)?.range;
  if (exact && (isScalar(node) || item) && range && range[0] < range[1]) return node;
  if (pair && isPair(pair) && isScalar(pair.key)) return pair.key;
  return node;
}

function toRange(text: string, start: number, end: number, lines: LineCounter, exact: boolean): FieldRange {
  const from = lines.linePos(start);
  // A block (a map, a list item) is marked on its first line only.
  const lineEnd = text.indexOf('\n', start);
  const stop = lineEnd >= 0 && lineEnd < end ? lineEnd : end;
  const to = lines.linePos(Math.max(stop, start + 1));
  return { startLineNumber: from.line, startColumn: from.col, endLineNumber: to.line, endColumn: to.col, exact };
}
