#!/usr/bin/env node
// Generates src/engine/api/schema/descriptions.json: the API reference's descriptions and required
// fields for every type reachable from the served kinds (src/engine/api/resources.ts), read from the
// `kubernetes-types` declarations' doc comments. `pilothouse serve`'s OpenAPI and our kubectl's
// `explain` both build their schemas from it (src/engine/api/schema/openapi.ts), so they agree.
//
//   node scripts/gen-schema-docs.mjs
//
// Format: { "<knownFields type>": { "q": qualified OpenAPI name, "d": description,
// "f": { field: description }, "r": [required fields] } }; fields are those knownFields lists.
// Served kinds knownFields does not describe get only "q" (serve's paths name them).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules/kubernetes-types');
const known = JSON.parse(readFileSync(join(root, 'src/engine/api/schema/knownFields.json'), 'utf8'));
const out = join(root, 'src/engine/api/schema/descriptions.json');

/** The served kinds, as RESOURCE_TYPES lists them: `type({ group: 'apps', kind: 'Deployment', … })`. */
const served = [...readFileSync(join(root, 'src/engine/api/resources.ts'), 'utf8').matchAll(/type\(\{ (?:group: '([^']*)', )?kind: '(\w+)'/g)].map((m) => ({
  apiVersion: m[1] ? `${m[1]}/v1` : 'v1',
  kind: m[2],
}));

function qualifiedPrefix(dir, version) {
  if (dir === 'meta') return `io.k8s.apimachinery.pkg.apis.meta.${version}`;
  if (dir === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  return `io.k8s.api.${dir}.${version}`;
}

function clean(s) {
  return s.replace(/^\s*\*\s?/gm, '').trim();
}

// core first, so unqualified clashes resolve to core/v1 as knownFields does.
const docs = new Map();
const dirs = readdirSync(typesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort((a, b) => (a === 'core' ? -1 : b === 'core' ? 1 : a < b ? -1 : 1));
for (const dir of dirs) {
  for (const file of readdirSync(join(typesDir, dir)).filter((f) => f.endsWith('.d.ts')).sort()) {
    const version = file.replace(/\.d\.ts$/, '');
    const text = readFileSync(join(typesDir, dir, file), 'utf8');
    for (const m of text.matchAll(/(?:\/\*\*([\s\S]*?)\*\/\s*)?export interface (\w+)[^{]*\{([\s\S]*?)\n\}/g)) {
      const [, desc, name, body] = m;
      const fields = {};
      const required = [];
      for (const f of body.matchAll(/(?:\/\*\*([\s\S]*?)\*\/\s*)?(?:readonly )?(\w+)(\??):/g)) {
        fields[f[2]] = clean(f[1] ?? '');
        if (f[3] !== '?') required.push(f[2]);
      }
      const doc = { qualified: `${qualifiedPrefix(dir, version)}.${name}`, description: clean(desc ?? ''), fields, required };
      if (!docs.has(name)) docs.set(name, doc);
      docs.set(`${name}@${dir}/${version}`, doc);
    }
  }
}

const result = {};
const queue = [];
for (const { apiVersion, kind } of served) {
  const t = known.roots[`${apiVersion}/${kind}`];
  if (t) queue.push(t);
  else if (docs.has(kind)) result[kind] = { q: docs.get(kind).qualified };
}
const seen = new Set();
while (queue.length) {
  const t = queue.shift();
  if (seen.has(t)) continue;
  seen.add(t);
  const fields = known.types[t];
  if (!fields) continue;
  for (const ft of Object.values(fields)) {
    const inner = ft.replace(/^[[{](.*)[\]}]$/, '$1');
    if (known.types[inner] && !seen.has(inner)) queue.push(inner);
  }
  const doc = docs.get(t);
  if (!doc) continue;
  const entry = { q: doc.qualified };
  if (doc.description) entry.d = doc.description;
  const f = Object.fromEntries(Object.keys(fields).filter((n) => doc.fields[n]).sort().map((n) => [n, doc.fields[n]]));
  if (Object.keys(f).length) entry.f = f;
  const r = doc.required.filter((n) => n in fields);
  if (r.length) entry.r = r;
  result[t] = entry;
}

const sorted = Object.keys(result).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(result[k])}`);
const text = `{\n${sorted.join(',\n')}}\n`;
writeFileSync(out, text);
console.log(`wrote ${out}: ${sorted.length} types, ${text.length} bytes`);
