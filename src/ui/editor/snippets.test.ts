import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import schema from './schema/kubernetes.schema.json';
import { newBufferText, SNIPPETS, snippetFor, snippetText } from './snippets';
import { yamlSyntaxMarkers } from './yamlSyntax';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: boolean | Schema; required?: string[]; enum?: unknown[]; type?: string; anyOf?: Schema[] };
const definitions = (schema as unknown as { definitions: Record<string, Schema> }).definitions;
const resolve = (s: Schema): Schema => (s.$ref ? resolve(definitions[s.$ref.split('/').pop()!]) : s);

/** Every field of `value` that the schema does not know, or whose scalar type is wrong. */
function problems(value: unknown, s: Schema, path: string): string[] {
  s = resolve(s);
  if (s.anyOf) return s.anyOf.some((a) => problems(value, a, path).length === 0) ? [] : [`${path}: no alternative matches`];
  if (Array.isArray(value)) return value.flatMap((v, i) => problems(v, s.items ?? {}, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const out = (s.required ?? []).filter((r) => !(r in value)).map((r) => `${path}.${r}: Required value`);
    for (const [k, v] of Object.entries(value)) {
      const field = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (!field && s.additionalProperties === false) out.push(`${path}.${k}: unknown field`);
      else if (field) out.push(...problems(v, field, `${path}.${k}`));
    }
    return out;
  }
  if (s.enum && !s.enum.includes(value)) return [`${path}: ${String(value)} not in ${s.enum.join(',')}`];
  if (s.type === 'integer' && !Number.isInteger(value)) return [`${path}: not an integer`];
  if (s.type === 'string' && typeof value !== 'string') return [`${path}: not a string`];
  return [];
}

describe('snippets', () => {
  it('each fills in to a valid manifest of its kind', () => {
    for (const snippet of SNIPPETS) {
      const text = snippetText(snippet.body);
      expect(text, snippet.label).not.toMatch(/\$\{|\$\d/);
      expect(yamlSyntaxMarkers(text), snippet.label).toEqual([]);
      const obj = parse(text, { version: '1.1' });
      expect(obj.kind).toBe(snippet.kind);
      expect(problems(obj, { $ref: `#/definitions/${snippet.kind}` }, snippet.kind), snippet.label).toEqual([]);
    }
  });

  it('are found by kind or label', () => {
    expect(snippetFor('deployment')?.kind).toBe('Deployment');
    expect(snippetFor('PVC')?.kind).toBe('PersistentVolumeClaim');
    expect(snippetFor('nothing')).toBeUndefined();
  });

  it('fill choices with their first value', () => {
    expect(snippetText('type: ${2|ClusterIP,NodePort|}\nname: ${1:web}$0')).toBe('type: ClusterIP\nname: web');
  });

  it('start new buffers', () => {
    expect(parse(newBufferText('Service')).kind).toBe('Service');
    expect(newBufferText()).toMatch(/^apiVersion: \nkind: /);
  });
});

describe('the generated schema', () => {
  it('dispatches by kind and requires apiVersion and kind', () => {
    const root = schema as unknown as { required: string[]; allOf: { if: unknown; then: Schema }[] };
    expect(root.required).toEqual(['apiVersion', 'kind']);
    expect(root.allOf.length).toBeGreaterThanOrEqual(19);
    expect(problems({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 'three', tpye: 1 } }, { $ref: '#/definitions/Deployment' }, 'Deployment'))
      .toEqual(expect.arrayContaining(['Deployment.spec.replicas: not an integer', 'Deployment.spec.tpye: unknown field']));
  });

  it('accepts quantities as strings or numbers, and status as anything', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'a', resources: { limits: { cpu: 1, memory: '1Gi' } } }] }, status: { phase: 'Running' } };
    expect(problems(pod, { $ref: '#/definitions/Pod' }, 'Pod')).toEqual([]);
    const quantity = definitions.Quantity.anyOf![0] as Schema & { pattern: string };
    expect(new RegExp(quantity.pattern).test('1 core')).toBe(false);
    expect(new RegExp(quantity.pattern).test('500m')).toBe(true);
  });

  it('carries descriptions for hover', () => {
    const spec = definitions.DeploymentSpec as Schema & { properties: Record<string, { description?: string }> };
    expect(spec.properties.replicas.description).toMatch(/Number of desired pods/);
  });
});
