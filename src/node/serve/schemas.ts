/**
 * OpenAPI schemas for the served kinds: the field tables of the engine's known-fields data
 * (src/engine/api/schema/knownFields.json) with the descriptions and required fields of the
 * Kubernetes API reference, read from the `kubernetes-types` declarations (their doc comments are
 * the API's own field descriptions). Enough for `kubectl explain` and client validation; no
 * patch-strategy extensions (kubectl then uses its built-in patch metadata, which is upstream's).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import known from '../../engine/api/schema/knownFields.json';

type Known = { roots: Record<string, string>; types: Record<string, Record<string, string>> };
const KNOWN = known as Known;

interface TypeDoc {
  /** Qualified OpenAPI name: io.k8s.api.apps.v1.Deployment. */
  qualified: string;
  description: string;
  fields: Record<string, string>;
  required: string[];
}

const SCALAR_SCHEMAS: Record<string, object> = {
  string: { type: 'string' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  number: { type: 'number', format: 'double' },
  boolean: { type: 'boolean' },
  'int-or-string': { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true },
  quantity: { type: 'string', format: 'quantity' },
  any: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
};

function qualifiedPrefix(dir: string, version: string): string {
  if (dir === 'meta') return `io.k8s.apimachinery.pkg.apis.meta.${version}`;
  if (dir === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  const group = dir === 'core' ? 'core' : dir;
  return `io.k8s.api.${group}.${version}`;
}

let docs: Map<string, TypeDoc> | undefined;

/** Type name (as knownFields names it, `EndpointPort@discovery/v1` for clashes) → its documentation. */
function typeDocs(): Map<string, TypeDoc> {
  if (docs) return docs;
  docs = new Map();
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve('kubernetes-types/package.json'));
  } catch {
    return docs;
  }
  // core first, so unqualified clashes resolve to core/v1 as knownFields does.
  const dirs = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort((a, b) => (a === 'core' ? -1 : b === 'core' ? 1 : a < b ? -1 : 1));
  for (const dir of dirs) {
    for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.d.ts')).sort()) {
      const version = file.replace(/\.d\.ts$/, '');
      parseDeclarations(readFileSync(join(root, dir, file), 'utf8'), qualifiedPrefix(dir, version), `${dir}/${version}`, docs);
    }
  }
  return docs;
}

function parseDeclarations(text: string, prefix: string, gv: string, out: Map<string, TypeDoc>): void {
  const re = /(?:\/\*\*([\s\S]*?)\*\/\s*)?export interface (\w+)[^{]*\{([\s\S]*?)\n\}/g;
  for (const m of text.matchAll(re)) {
    const [, desc, name, body] = m;
    const fields: Record<string, string> = {};
    const required: string[] = [];
    for (const f of body.matchAll(/(?:\/\*\*([\s\S]*?)\*\/\s*)?(?:readonly )?(\w+)(\??):/g)) {
      fields[f[2]] = clean(f[1] ?? '');
      if (f[3] !== '?') required.push(f[2]);
    }
    const doc = { qualified: `${prefix}.${name}`, description: clean(desc ?? ''), fields, required };
    if (!out.has(name)) out.set(name, doc);
    out.set(`${name}@${gv}`, doc);
  }
}

function clean(s: string): string {
  return s.replace(/^\s*\*\s?/gm, '').trim();
}

/** The OpenAPI name of a knownFields type (`Container` → `io.k8s.api.core.v1.Container`). */
export function qualifiedTypeName(t: string): string {
  return typeDocs().get(t)?.qualified ?? `io.k8s.api.core.v1.${t.replace(/@.*$/, '')}`;
}

/** A field's schema: scalars inline, lists and maps around their element, objects by reference. */
function fieldSchema(t: string, ref: (name: string) => string, description?: string): Record<string, unknown> {
  const d = description ? { description } : {};
  if (SCALAR_SCHEMAS[t]) return { ...SCALAR_SCHEMAS[t], ...d };
  if (t.startsWith('[')) return { type: 'array', items: fieldSchema(t.slice(1, -1), ref), ...d };
  if (t.startsWith('{')) return { type: 'object', additionalProperties: fieldSchema(t.slice(1, -1), ref), ...d };
  return { allOf: [{ $ref: ref(qualifiedTypeName(t)) }], default: {}, ...d };
}

/**
 * Every schema reachable from the served kinds, keyed by qualified name. `ref` makes a reference
 * (`#/components/schemas/…` in v3, `#/definitions/…` in v2).
 */
export function buildSchemas(kinds: { group: string; version: string; kind: string }[], ref: (name: string) => string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const gvkOf = new Map<string, { group: string; version: string; kind: string }>();
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
    const doc = typeDocs().get(t);
    const properties: Record<string, unknown> = {};
    for (const [name, ft] of Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1))) {
      properties[name] = fieldSchema(ft, ref, doc?.fields[name]);
      const inner = ft.replace(/^[[{](.*)[\]}]$/, '$1');
      if (KNOWN.types[inner] && !seen.has(inner)) queue.push(inner);
    }
    const schema: Record<string, unknown> = { type: 'object', properties };
    if (doc?.description) schema.description = doc.description;
    const required = (doc?.required ?? []).filter((r) => r in fields);
    if (required.length) schema.required = required;
    const gvk = gvkOf.get(t);
    if (gvk) schema['x-kubernetes-group-version-kind'] = [gvk];
    out[qualifiedTypeName(t)] = schema;
  }
  return out;
}
