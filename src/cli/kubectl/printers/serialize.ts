/**
 * `-o yaml` and `-o json` as kubectl writes them: keys sorted (kubectl prints unstructured maps),
 * JSON indented by four spaces, YAML as go-yaml v2 emits it — sequences not indented under their
 * key, strings that YAML 1.1 would read as another type ("true", "80", "yes", "~") in double
 * quotes, other strings that cannot be plain in single quotes, multi-line strings as `|` blocks.
 */
import YAML, { Scalar, visit } from 'yaml';

export function toJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 4) + '\n';
}

export function toYaml(value: unknown): string {
  const doc = new YAML.Document(sortKeys(value), { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && readsAsOtherType(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const text = doc.toString({ indentSeq: false, lineWidth: 80, minContentWidth: 0, singleQuote: true, nullStr: 'null' });
  // managedFields' `.` keys: the yaml package's 1.1 float pattern takes `.` for a number and
  // quotes it; go-yaml (strconv.ParseFloat) does not, and writes `.: {}`.
  return text.includes("'.':") ? text.replace(/^(\s*(?:- )?)'\.':/gm, '$1.:') : text;
}

/** A List of objects as `kubectl get -o yaml|json` prints several. */
export function listOf(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

const YAML11_NON_STRINGS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|[-+]?(?:0b[01_]+|0[0-7_]+|0x[0-9a-fA-F_]+|(?:0|[1-9][0-9_]*)(?::[0-5]?[0-9])*|(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+)|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?)$/;

function readsAsOtherType(s: string): boolean {
  // A lone `.` (managedFields' `.: {}`) is no float to go-yaml: strconv.ParseFloat refuses it.
  if (s === '.') return false;
  return s === '' || YAML11_NON_STRINGS.test(s);
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = sortKeys(v);
  }
  return out;
}

