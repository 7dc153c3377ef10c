/**
 * client-go's JSONPath engine (k8s.io/client-go/util/jsonpath/jsonpath.go) over decoded JSON
 * values, as `kubectl get -o jsonpath=…`, custom columns and `--sort-by` use it.
 *
 * Values are plain JSON: objects, arrays, strings, numbers, booleans and null. `undefined` stands
 * for Go's zero reflect.Value (what a `{range}` over an empty list, or over a null item, walks).
 * Where Go iterates a map (`*`, `..`) it does so in random order; we use sorted key order.
 *
 * Execution keeps client-go's state machine for `{range}`…`{end}`, quirks included: a range
 * without `{end}` runs its body per item and then once more on the outer object, and a JsonPath
 * that has executed a range keeps the template's tail (as the Go struct does), so reuse a parsed
 * JsonPath only as kubectl would.
 */
import { goJsonIndent, goJsonMarshal, goKind, goSprint, goTypeName } from './goFormat';
import { ComparisonError, compareFilterValues } from './jsonpathCompare';
import { parseJsonPath, type JsonPathNode, type ListNode } from './jsonpathParser';

/**
 * An error while executing a template; `message` is client-go's text (`x is not found`).
 * `partial` is what the failing step returned alongside its error in Go, which an `exists`
 * filter (`[?(@.a[1])]`) uses as its answer: an index out of bounds there still counts as found.
 */
export class JsonPathExecError extends Error {
  constructor(
    message: string,
    readonly partial: unknown[] = [],
  ) {
    super(message);
  }
}

type Values = unknown[];
type NodeOf<T extends JsonPathNode['type']> = Extract<JsonPathNode, { type: T }>;

const fail = (message: string, partial: Values = []): never => {
  throw new JsonPathExecError(message, partial);
};

/** Go's template.Indirect for a decoded JSON value: null is a nil interface. */
const isNil = (v: unknown): boolean => v === null;

export class JsonPath {
  private nodes: JsonPathNode[] | undefined;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JsonPathNode | undefined;
  private missingKeysAllowed = false;
  private jsonOutput = false;

  constructor(readonly name = 'out') {}

  allowMissingKeys(allow: boolean): this {
    this.missingKeysAllowed = allow;
    return this;
  }

  /** `-o jsonpath-as-json`: print each result set as an indented JSON array. */
  enableJsonOutput(enabled: boolean): this {
    this.jsonOutput = enabled;
    return this;
  }

  /** Parses a template; throws JsonPathSyntaxError. */
  parse(template: string): this {
    this.nodes = undefined;
    this.nodes = parseJsonPath(template).nodes;
    return this;
  }

  /** Runs the template and returns what kubectl writes (nothing is written on error). */
  execute(data: unknown): string {
    return this.findResults(data)
      .map((results) => this.printResults(results))
      .join('');
  }

  /** One result set per top-level node, as client-go's FindResults returns them. */
  findResults(data: unknown): Values[] {
    if (!this.nodes) fail(`${this.name} is an incomplete jsonpath template`);
    const nodes = this.nodes!;
    const cur: Values = [data];
    const full: Values[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        this.nodes = nodes.slice(i + 1);
        if (results.length > 0) {
          for (const value of results) {
            this.nodes = nodes.slice(i + 1);
            full.push(...this.findResults(value === null ? undefined : value));
          }
        } else {
          // No items: still walk the body so that the position moves on to its {end}.
          this.findResults(undefined);
        }
        this.inRange--;
        const end = nodes.indexOf(this.lastEndNode as JsonPathNode, i + 1);
        if (end >= 0) i = end;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  /** Formats one result set: scalars as Go prints them, maps and lists as JSON, space-joined. */
  printResults(results: Values): string {
    if (this.jsonOutput) return goJsonIndent(results.map((v) => (v === undefined ? null : v))) + '\n';
    return results.map(formatJsonPathValue).join(' ');
  }

  private walk(input: Values, node: JsonPathNode): Values {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node);
      case 'array':
        return evalArray(input, node);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap(children);
      case 'recursive':
        return evalRecursive(input);
      case 'union':
        return withPartial(input, () => node.nodes.flatMap((list) => this.evalList(input, list)));
      case 'identifier':
        return this.evalIdentifier(input, node);
    }
  }

  private evalList(input: Values, list: ListNode): Values {
    let cur = input;
    for (const node of list.nodes) cur = this.walk(cur, node);
    return cur;
  }

  private evalIdentifier(input: Values, node: NodeOf<'identifier'>): Values {
    if (node.name === 'range') {
      this.beginRange++;
      return input;
    }
    if (node.name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      fail('not in range, nothing to end');
    }
    return fail(`unrecognized identifier ${node.name}`, input);
  }

  private evalField(input: Values, node: NodeOf<'field'>): Values {
    if (input.length === 0) return [];
    const results: Values = [];
    for (const value of input) {
      if (goKind(value) !== 'map') continue;
      const m = value as Record<string, unknown>;
      if (Object.hasOwn(m, node.name) && m[node.name] !== undefined) results.push(m[node.name]);
    }
    if (results.length === 0 && !this.missingKeysAllowed) fail(`${node.name} is not found`);
    return results;
  }

  private evalFilter(input: Values, node: NodeOf<'filter'>): Values {
    const results: Values = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        const shown = value === undefined ? '<invalid reflect.Value>' : goSprint(value);
        fail(`${shown} is not array or slice and cannot be filtered`, input);
      }
      for (const item of value as Values) {
        const temp = [item];
        if (node.operator === 'exists') {
          if (this.tryEvalList(temp, node.left).length > 0) results.push(item);
          continue;
        }
        const lefts = withPartial(input, () => this.evalList(temp, node.left));
        if (lefts.length === 0) continue;
        if (lefts.length > 1) fail('can only compare one element at a time', input);
        const rights = withPartial(input, () => this.evalList(temp, node.right));
        if (rights.length === 0) continue;
        if (rights.length > 1) fail('can only compare one element at a time', input);
        let pass = false;
        try {
          pass = compareFilterValues(node.operator, lefts[0], rights[0]);
        } catch (e) {
          if (e instanceof ComparisonError) fail(e.message, results);
          throw e;
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }

  /** An `exists` filter ignores errors and takes what Go's failing step returned with its error. */
  private tryEvalList(input: Values, list: ListNode): Values {
    try {
      return this.evalList(input, list);
    } catch (e) {
      if (e instanceof JsonPathExecError) return e.partial;
      throw e;
    }
  }
}

/** Runs `f`; an error from it is reported as this step's, returning `partial` as Go's step would. */
function withPartial(partial: Values, f: () => Values): Values {
  try {
    return f();
  } catch (e) {
    if (e instanceof JsonPathExecError) fail(e.message, partial);
    throw e;
  }
}

/** How a single JSONPath result prints: strings raw, numbers as Go, null as `null`, objects as JSON. */
export function formatJsonPathValue(v: unknown): string {
  switch (goKind(v)) {
    case 'invalid':
      return '<no value>';
    case 'nil':
      return 'null';
    case 'map':
    case 'slice':
      return goJsonMarshal(v);
    default:
      return goSprint(v);
  }
}

/** Map values (in key order), list items, or a string's UTF-8 bytes — what `*` yields. */
function children(value: unknown): Values {
  switch (goKind(value)) {
    case 'map': {
      const m = value as Record<string, unknown>;
      return Object.keys(m)
        .sort()
        .map((k) => m[k]);
    }
    case 'slice':
      return value as Values;
    case 'string':
      return utf8Bytes(value as string);
    default:
      return [];
  }
}

function utf8Bytes(s: string): number[] {
  const bytes: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return bytes;
}

function evalRecursive(input: Values): Values {
  const result: Values = [];
  for (const value of input) {
    if (isNil(value)) continue;
    if (typeof value === 'string') {
      // A string's children are its bytes, which have no children of their own.
      if (value.length > 0) result.push(value);
      continue;
    }
    const kids = children(value);
    if (kids.length > 0) result.push(value, ...evalRecursive(kids));
  }
  return result;
}

function evalArray(input: Values, node: NodeOf<'array'>): Values {
  const result: Values = [];
  for (const value of input) {
    if (isNil(value)) continue;
    if (!Array.isArray(value)) {
      if (value === undefined) fail('call of reflect.Value.Type on zero Value', input);
      fail(`${goTypeName(value)} is not array or slice`, input);
    }
    const list = value as Values;
    const len = list.length;
    const [first, second, third] = node.params;
    let start = first.known ? first.value : 0;
    if (start < 0) start += len;
    let end = second.known ? second.value : len;
    if (end < 0 || (end === 0 && second.derived)) end += len;
    if (end === start) return result;
    if (start >= len || start < 0) fail(`array index out of bounds: index ${start}, length ${len}`, input);
    if (end > len || end < 0) fail(`array index out of bounds: index ${end - 1}, length ${len}`, input);
    if (start > end) fail(`starting index ${start} is greater than ending index ${end}`, input);
    let step = 1;
    if (third.known) {
      if (third.value <= 0) fail('step must be > 0', input);
      step = third.value;
    }
    for (let i = start; i < end; i += step) result.push(list[i]);
  }
  return result;
}
