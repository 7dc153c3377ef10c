/**
 * The apiserver's decoding checks, driven by `schema/knownFields.json` (generated from
 * kubernetes-types by scripts/gen-known-fields.mjs):
 * - strict field validation (`--validate=strict`, kubectl's default since 1.27): every field not in
 *   the kind's schema, as `spec.template.spec.containers[0].imagee`;
 * - Go's JSON type checks: the first value of the wrong JSON type, worded as encoding/json words it
 *   (`json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string`).
 *   The Go field path has no list indexes; Go types of structs are written `v1.<Type>` whatever
 *   their API group (autoscaling/v2 types print `v2.` upstream — not reproduced).
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

interface Walk {
  unknown: string[];
  typeError?: string;
}

/** Dotted paths of the fields the kind does not know, in document order. */
export function unknownFields(kind: string, obj: unknown, apiVersion?: string): string[] {
  const root = rootTypeOf(kind, apiVersion);
  if (!root) return [];
  const w: Walk = { unknown: [] };
  walkValue(root, obj, '', '', root, w);
  return w.unknown;
}

/** The first JSON type mismatch, as `json: cannot unmarshal … of type …`, or undefined (typedDecoding.ts). */
export function fieldTypeError(kind: string, obj: unknown, apiVersion?: string): string | undefined {
  return typedDecodeError(obj, 'json', kind, apiVersion);
}

/**
 * @param t      schema type of `value`
 * @param path   strict-decoding path (`spec.containers[0].image`)
 * @param goPath Go's field path (`spec.containers.image`)
 * @param struct the Go struct that holds the field (for type errors)
 */
function walkValue(t: string, value: unknown, path: string, goPath: string, struct: string, w: Walk): void {
  if (value === null || value === undefined || t === 'any') return;
  const mismatch = typeMismatch(t, value);
  if (mismatch) {
    w.typeError ??= `json: cannot unmarshal ${mismatch} into Go struct field ${goStruct(struct)}.${goPath} of type ${goType(t)}`;
    return;
  }
  if (t.startsWith('[')) {
    const elem = t.slice(1, -1);
    (value as unknown[]).forEach((v, i) => walkValue(elem, v, `${path}[${i}]`, goPath, struct, w));
  } else if (t.startsWith('{')) {
    const elem = t.slice(1, -1);
    for (const [k, v] of Object.entries(value as object)) walkValue(elem, v, join(path, k), goPath, struct, w);
  } else if (!SCALARS.has(t)) {
    const fields = schema.types[t];
    for (const [k, v] of Object.entries(value as object)) {
      const ft = fields[k];
      if (ft === undefined) w.unknown.push(join(path, k));
      else walkValue(ft, v, join(path, k), join(goPath, k), t, w);
    }
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** Go's description of the offending value when it does not fit, else undefined. */
function typeMismatch(t: string, v: unknown): string | undefined {
  const j = jsonType(v);
  switch (t) {
    case 'string':
      return j === 'string' ? undefined : j;
    case 'boolean':
      return j === 'bool' ? undefined : j;
    case 'int32':
    case 'int64': {
      if (j !== 'number') return j;
      const n = v as number;
      const limit = t === 'int32' ? 2 ** 31 : 2 ** 63;
      return Number.isInteger(n) && n >= -limit && n < limit ? undefined : `number ${n}`;
    }
    case 'number':
      return j === 'number' ? undefined : j;
    case 'quantity':
    case 'int-or-string':
      return j === 'number' || j === 'string' ? undefined : j;
    case 'time':
      return j === 'string' ? undefined : j;
  }
  if (t.startsWith('[')) return j === 'array' ? undefined : j;
  return j === 'object' ? undefined : j;
}

function goStruct(t: string): string {
  return t.replace(/@.*$/, '');
}

function goType(t: string): string {
  if (t.startsWith('[')) return `[]${goType(t.slice(1, -1))}`;
  if (t.startsWith('{')) return t === '{quantity}' ? 'v1.ResourceList' : `map[string]${goType(t.slice(1, -1))}`;
  switch (t) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'quantity':
      return 'resource.Quantity';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'string':
    case 'int32':
    case 'int64':
      return t;
  }
  return `v1.${goStruct(t)}`;
}
