// Generates k8sMessages.json, the field tables the protobuf decoder needs, from Kubernetes'
// generated.proto files (k8s.io/api and k8s.io/apimachinery, Apache-2.0).
// Usage: node src/node/serve/protobuf/generate.mjs DIR... > src/node/serve/protobuf/k8sMessages.json
// where each DIR holds generated.proto files (searched recursively).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function protoFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? protoFiles(p) : f.endsWith('.proto') ? [p] : [];
  });
}

const messages = {};
for (const file of process.argv.slice(2).flatMap(protoFiles).sort()) {
  const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  const pkg = text.match(/^package ([\w.]+);/m)[1];
  for (const m of text.matchAll(/^message (\w+) \{([\s\S]*?)^\}/gm)) {
    const fields = {};
    for (const f of m[2].matchAll(/(optional|repeated)?\s*(map<\s*(\S+?)\s*,\s*(\S+?)\s*>|[\w.]+)\s+(\w+)\s*=\s*(\d+)/g)) {
      const [, label, type, mapKey, mapValue, name, num] = f;
      const resolve = (t) => (t.startsWith('.') ? t.slice(1) : /^[a-z]/.test(t) && !t.includes('.') ? t : `${pkg}.${t}`);
      fields[num] = mapKey ? [name, resolve(mapValue), 'm'] : [name, resolve(type), label === 'repeated' ? 'r' : 'o'];
    }
    messages[`${pkg}.${m[1]}`] = fields;
  }
}
process.stdout.write(JSON.stringify(messages) + '\n');
