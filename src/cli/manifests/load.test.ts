import { describe, expect, it } from 'vitest';
import { unknownFields } from '../../engine/api/unknownFields';
import { loadManifests } from './load';

const load = (text: string, name = 'x.yaml') => loadManifests({ name, text });

describe('loadManifests', () => {
  it('splits documents, skips empty ones and flattens Lists', () => {
    const r = load('---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n# nothing\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: b}\n');
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/a', 'Secret/b']);
  });

  it('reads JSON', () => {
    expect(load('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"dev"}}', 'ns.json').objects).toHaveLength(1);
  });

  it('reads YAML 1.1 scalars as go-yaml does', () => {
    const r = load('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  mode: 0644\n  when: 2024-01-01\n');
    expect(r.objects[0].data).toEqual({ mode: 420, when: '2024-01-01' });
  });

  it('words syntax errors like go-yaml with document-relative lines', () => {
    expect(load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: a: b\n').errors).toEqual([
      'error: error parsing x.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context',
    ]);
    expect(load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: 1\n').errors[0]).toContain('yaml: line 5: mapping values are not allowed in this context');
    expect(load('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n').errors[0]).toContain('yaml: line 4: found character that cannot start any token');
    expect(load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\n').errors[0]).toContain('found unexpected end of stream');
    const second = load('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\n\tname: x\n');
    expect(second.objects).toHaveLength(1);
    expect(second.errors[0]).toContain('yaml: line 3: found character');
  });

  it('validates apiVersion and kind as kubectl does and stops the file', () => {
    const r = load('metadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([
      'error: error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    ]);
    expect(load('apiVersion: v1\nmetadata: {name: a}\n').errors[0]).toContain('error validating data: kind not set;');
    expect(loadManifests({ name: 'x.yaml', text: 'apiVersion: v1\nmetadata: {name: a}\n' }, { validate: false }).errors).toEqual([]);
  });

  it('rejects metadata values of the wrong type (labels: yes) client-side', () => {
    const r = load('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    enabled: yes\n');
    expect(r.errors).toEqual(['error: unable to decode "x.yaml": json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string']);
  });
});

// The cli layer's tsconfig has no Node types; the test reads the corpus through a dynamic import.
interface Fs {
  readdirSync(p: string): string[];
  readFileSync(p: string, enc: 'utf8'): string;
  statSync(p: string): { isDirectory(): boolean };
  existsSync(p: string): boolean;
}
const { readdirSync, readFileSync, statSync, existsSync } = (await import(String('node:fs'))) as Fs;
const join = (a: string, b: string) => `${a}/${b}`;

describe('corpus manifests', () => {
  const root = '/work/shared/corpus';
  if (!existsSync(root)) return;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.ya?ml$/.test(f) ? [join(dir, f)] : []));
  for (const file of files(root)) {
    it(`${file.slice(root.length + 1)} loads with no unknown fields`, () => {
      const r = loadManifests({ name: file, text: readFileSync(file, 'utf8') });
      expect(r.errors).toEqual([]);
      expect(r.objects.length).toBeGreaterThan(0);
      for (const o of r.objects) expect(unknownFields(String(o.kind), o, String(o.apiVersion))).toEqual([]);
    });
  }
});
