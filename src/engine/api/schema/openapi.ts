/**
 * OpenAPI schemas for the served kinds: the field tables of the known-fields data
 * (knownFields.json) with the descriptions and required fields of the Kubernetes API reference
 * (descriptions.json, generated from the `kubernetes-types` doc comments by
 * scripts/gen-schema-docs.mjs). `pilothouse serve` publishes them (OpenAPI v2 and v3) and our
 * kubectl's `explain` reads them, so both explain the same schema. No patch-strategy extensions.
 */
import descriptions from './descriptions.json';
import known from './knownFields.json';

type Known = { roots: Record<string, string>; types: Record<string, Record<string, string>> };
const KNOWN = known as Known;

interface TypeDoc {
  /** Qualified OpenAPI name: io.k8s.api.apps.v1.Deployment. */
  q: string;
  d?: string;
  f?: Record<string, string>;
  r?: string[];
}
const DOCS = descriptions as Record<string, TypeDoc>;

const SCALAR_SCHEMAS: Record<string, object> = {
  string: { type: 'string' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  number: { type: 'number', format: 'double' },
  boolean: { type: 'boolean' },
  'int-or-string': { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true },
  quantity: { type: 'string', format: 'quantity' },
  time: { type: 'string', format: 'date-time' },
  any: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
};

/** The OpenAPI name of a knownFields type (`Container` → `io.k8s.api.core.v1.Container`). */
export function qualifiedTypeName(t: string): string {
  return Object.hasOwn(DOCS, t) ? DOCS[t].q : `io.k8s.api.core.v1.${t.replace(/@.*$/, '')}`;
}

/** A field's schema: scalars inline, lists and maps around their element, objects by reference. */
function fieldSchema(t: string, ref: (name: string) => string, description?: string): Record<string, unknown> {
  const d = description ? { description } : {};
  if (SCALAR_SCHEMAS[t]) return { ...SCALAR_SCHEMAS[t], ...d };
  if (t.startsWith('[')) return { type: 'array', items: fieldSchema(t.slice(1, -1), ref), ...d };
  if (t.startsWith('{')) return { type: 'object', additionalProperties: fieldSchema(t.slice(1, -1), ref), ...d };
  return { allOf: [{ $ref: ref(qualifiedTypeName(t)) }], default: {}, ...d };
}

export interface SchemaKind {
  group: string;
  version: string;
  kind: string;
}

/**
 * Every schema reachable from the given kinds, keyed by qualified name. `ref` makes a reference
 * (`#/components/schemas/…` in v3, `#/definitions/…` in v2).
 */
export function buildSchemas(kinds: SchemaKind[], ref: (name: string) => string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const gvkOf = new Map<string, SchemaKind>();
  const queue: string[] = [];
  for (const k of kinds) {
    const root = KNOWN.roots[`${k.group ? `${k.group}/` : ''}${k.version}/${k.kind}`];
    if (!root) continue;
    gvkOf.set(root, { group: k.group, version: k.version, kind: k.kind });
    queue.push(root);
  }
  const seen = new Set<string>();
  while (queue.length) {
    const t = queue.shift()!;
    if (seen.has(t)) continue;
    seen.add(t);
    const fields = KNOWN.types[t];
    if (!fields) continue;
    const doc = Object.hasOwn(DOCS, t) ? DOCS[t] : undefined;
    const properties: Record<string, unknown> = {};
    for (const [name, ft] of Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1))) {
      properties[name] = fieldSchema(ft, ref, doc?.f?.[name]);
      const inner = ft.replace(/^[[{](.*)[\]}]$/, '$1');
      if (KNOWN.types[inner] && !seen.has(inner)) queue.push(inner);
    }
    const schema: Record<string, unknown> = { type: 'object', properties };
    if (doc?.d) schema.description = doc.d;
    if (doc?.r?.length) schema.required = doc.r;
    const gvk = gvkOf.get(t);
    if (gvk) schema['x-kubernetes-group-version-kind'] = [gvk];
    out[qualifiedTypeName(t)] = schema;
  }
  return out;
}
