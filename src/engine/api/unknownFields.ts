/**
 * The apiserver's decoding checks, driven by `schema/knownFields.json` (generated from
 * kubernetes-types by scripts/gen-known-fields.mjs):
 * - strict field validation (`--validate=strict`, kubectl's default since 1.27): every field not in
 *   the kind's schema, as `spec.template.spec.containers[0].imagee`;
 * - Go's JSON type checks (`json: cannot unmarshal bool into Go struct field …`), which
 *   typedDecoding.ts does; `fieldTypeError` is its entry point for a kind.
 */
import known from './schema/knownFields.json';
import { typedDecodeError } from './typedDecoding';

type Schema = { roots: Record<string, string>; types: Record<string, Record<string, string>> };
const schema = known as Schema;

const SCALARS = new Set(['string', 'int32', 'int64', 'number', 'boolean', 'quantity', 'int-or-string', 'time', 'any']);

/** The schema type of a root kind: by `apiVersion/kind` when given, else by kind alone. */
export function rootTypeOf(kind: string, apiVersion?: string): string | undefined {
  if (apiVersion && schema.roots[`${apiVersion}/${kind}`]) return schema.roots[`${apiVersion}/${kind}`];
  if (apiVersion) return undefined;
  const key = Object.keys(schema.roots).find((k) => k.endsWith(`/${kind}`));
  return key ? schema.roots[key] : undefined;
}

/** Whether the kind has a schema here (kinds without one are not checked). */
export function kindHasSchema(kind: string, apiVersion?: string): boolean {
  return rootTypeOf(kind, apiVersion) !== undefined;
}

/** The fields of a schema type (`Container` → its field table), for patch metadata and tooling. */
export function fieldsOf(typeName: string): Record<string, string> | undefined {
  return schema.types[typeName];
}

/** Dotted paths of the fields the kind does not know, in document order. */
export function unknownFields(kind: string, obj: unknown, apiVersion?: string): string[] {
  const root = rootTypeOf(kind, apiVersion);
  if (!root) return [];
  const unknown: string[] = [];
  walkValue(root, obj, '', unknown);
  return unknown;
}

/** The first JSON type mismatch, as `json: cannot unmarshal … of type …`, or undefined (typedDecoding.ts). */
export function fieldTypeError(kind: string, obj: unknown, apiVersion?: string): string | undefined {
  return typedDecodeError(obj, 'json', kind, apiVersion);
}

/**
 * Collects the unknown fields under `value`, whose schema type is `t`. A value of the wrong JSON
 * shape is not descended into: type errors are typedDecoding.ts's to report.
 */
function walkValue(t: string, value: unknown, path: string, unknown: string[]): void {
  if (value === null || typeof value !== 'object' || SCALARS.has(t)) return;
  if (t.startsWith('[')) {
    if (!Array.isArray(value)) return;
    const elem = t.slice(1, -1);
    value.forEach((v, i) => walkValue(elem, v, `${path}[${i}]`, unknown));
    return;
  }
  if (Array.isArray(value)) return;
  if (t.startsWith('{')) {
    const elem = t.slice(1, -1);
    for (const [k, v] of Object.entries(value)) walkValue(elem, v, join(path, k), unknown);
    return;
  }
  const fields = schema.types[t];
  for (const [k, v] of Object.entries(value)) {
    const ft = fields[k];
    if (ft === undefined) unknown.push(join(path, k));
    else walkValue(ft, v, join(path, k), unknown);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
