import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/create';
import { isApiError } from './errors';
import { parseRFC3339Error, typedDecode } from './typedDecoding';

const dep = (spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ...container }] } },
    ...spec,
  },
});

describe('typedDecode (encoding/json)', () => {
  it('words scalar mismatches with the Go struct and field path', () => {
    expect(typedDecode(dep({ replicas: '3' }), 'json')).toBe('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(typedDecode(dep({ replicas: 1.5 }), 'json')).toBe('json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(typedDecode(dep({ replicas: 2 ** 31 }), 'json')).toBe('json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(typedDecode(dep({ paused: 'yes' }), 'json')).toBe('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool');
    expect(typedDecode(dep({}, { env: [{ name: 'A', value: true }] }), 'json')).toBe(
      'json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
    );
    expect(typedDecode(dep({ template: [] }), 'json')).toBe('json: cannot unmarshal array into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec');
    expect(typedDecode(dep({}, { ports: { containerPort: 80 } }), 'json')).toBe(
      'json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort',
    );
  });

  it('lets Quantity, IntOrString and Time speak for themselves', () => {
    expect(typedDecode(dep({}, { resources: { limits: { cpu: 'lots' } } }), 'json')).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(typedDecode(dep({}, { resources: { limits: { cpu: 1, memory: '64Mi' } } }), 'json')).toBeUndefined();
    expect(typedDecode(dep({ strategy: { rollingUpdate: { maxSurge: true } } }), 'json')).toBe('json: cannot unmarshal bool into Go value of type int32');
    expect(typedDecode(dep({ strategy: { rollingUpdate: { maxSurge: 1.5 } } }), 'json')).toBe('json: cannot unmarshal number 1.5 into Go value of type int32');
    expect(typedDecode(dep({ strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } } }), 'json')).toBeUndefined();
    const pod = (ts: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: ts }, spec: { containers: [] } });
    expect(typedDecode(pod(5), 'json')).toBe('json: cannot unmarshal number into Go value of type string');
    expect(typedDecode(pod('yesterday'), 'json')).toBe('parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"');
    expect(typedDecode(pod('2026-01-05T09:05:00Z'), 'json')).toBeUndefined();
    expect(typedDecode(pod(null), 'json')).toBeUndefined();
  });

  it('parses RFC 3339 as Go does', () => {
    expect(parseRFC3339Error('2026-01-05T09:05:00.123456+01:00')).toBeUndefined();
    expect(parseRFC3339Error('2026-01-05 09:05:00Z')).toBe('parsing time "2026-01-05 09:05:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 09:05:00Z" as "T"');
    expect(parseRFC3339Error('2026-13-05T09:05:00Z')).toBe('parsing time "2026-13-05T09:05:00Z": month out of range');
    expect(parseRFC3339Error('2026-01-05T09:05:00Zjunk')).toBe('parsing time "2026-01-05T09:05:00Zjunk": extra text: "junk"');
  });

  it('treats null as the zero value', () => {
    const d: any = dep({ replicas: null }, { args: ['a', null], env: [null] });
    d.metadata.labels = { a: null };
    expect(typedDecode(d, 'json')).toBeUndefined();
    expect(d.spec.replicas).toBeNull();
    expect(d.spec.template.spec.containers[0].args).toEqual(['a', '']);
    expect(d.spec.template.spec.containers[0].env).toEqual([{}]);
    expect(d.metadata.labels).toEqual({ a: '' });
  });
});

describe('typedDecode (strategic merge patch: the unstructured converter)', () => {
  it('words mismatches as runtime.DefaultUnstructuredConverter', () => {
    expect(typedDecode(dep({ replicas: 'x' }), 'unstructured')).toBe('unrecognized type: int32');
    expect(typedDecode(dep({ replicas: 1.5 }), 'unstructured')).toBe('cannot convert float64 to int32');
    expect(typedDecode({ ...dep(), metadata: { name: 'web', labels: { a: 1 } } }, 'unstructured')).toBe('cannot convert int64 to string');
    expect(typedDecode({ ...dep(), metadata: { name: 'web', labels: { a: true } } }, 'unstructured')).toBe('unrecognized type: string');
    expect(typedDecode(dep({ template: 'x' }), 'unstructured')).toBe('cannot restore struct from: string');
    expect(typedDecode(dep({}, { ports: {} }), 'unstructured')).toBe('cannot restore slice from map');
    expect(typedDecode({ ...dep(), metadata: { name: 'web', labels: [] } }, 'unstructured')).toBe('cannot restore map from slice');
  });

  it('converts integers into int32 as Go does: they wrap', () => {
    const d: any = dep({ replicas: 2 ** 32 + 3 });
    expect(typedDecode(d, 'unstructured')).toBeUndefined();
    expect(d.spec.replicas).toBe(3);
  });
});

describe('the API server decodes every write', () => {
  const setup = () => {
    const sim = createCluster({ seed: 3, nodes: 1 });
    sim.api.create('deployments.apps', dep() as any);
    return sim;
  };
  const error = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (isApiError(e)) return `${e.code} ${e.reason}: ${e.message}`;
      throw e;
    }
    return 'no error';
  };

  it('rejects creates, updates, patches of each type, status writes and applies of the wrong types', () => {
    const sim = setup();
    const api = sim.api;
    const stored = () => api.get('deployments.apps', 'default', 'web');
    const before = stored().metadata.resourceVersion;
    expect(error(() => api.create('deployments.apps', { ...dep({ replicas: '3' }), metadata: { name: 'other' } } as any))).toBe(
      '400 BadRequest: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(error(() => api.update('deployments.apps', { ...stored(), spec: { ...stored().spec, replicas: 'x' } }))).toContain('400 BadRequest: Deployment in version "v1" cannot be handled');
    expect(error(() => api.patch('deployments.apps', 'default', 'web', 'strategic', { spec: { replicas: 'x' } }))).toBe(
      '422 Invalid:  "" is invalid: patch: Invalid value: "map[spec:map[replicas:x]]": unrecognized type: int32',
    );
    expect(error(() => api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 'x' } }))).toMatch(
      /^422 Invalid: {2}"" is invalid: patch: Invalid value: "\{.*\\"replicas\\":\\"x\\".*\}": json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32$/,
    );
    expect(error(() => api.patch('deployments.apps', 'default', 'web', 'json', [{ op: 'replace', path: '/spec/replicas', value: true }]))).toContain(
      'json: cannot unmarshal bool into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(error(() => api.updateStatus('deployments.apps', { ...stored(), status: { replicas: 'many' } }))).toContain(
      'json: cannot unmarshal string into Go struct field DeploymentStatus.status.replicas of type int32',
    );
    expect(error(() => api.apply('deployments.apps', 'default', 'web', dep({ replicas: '2' }) as any, { fieldManager: 'me' }))).toContain(
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(stored().metadata.resourceVersion).toBe(before);
    sim.advance(60_000);
    expect(api.get('deployments.apps', 'default', 'web').spec.replicas).toBe(1);
  });
});

describe('typedDecode against a stored version', () => {
  it('checks what is new and leaves the parts shared with the stored version as they were decoded', () => {
    const stored = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { conditions: [{ type: 'Ready', status: 'True' }], hostIPs: [{ ip: '10.0.0.1' }] } };
    const ok = { ...stored, status: { ...stored.status, phase: 'Running' } };
    expect(typedDecode(ok, 'json', undefined, undefined, stored)).toBeUndefined();
    const bad = { ...stored, status: { ...stored.status, conditions: [...stored.status.conditions, { type: 'X', status: 1 }] } };
    expect(typedDecode(bad, 'json', undefined, undefined, stored)).toBe('json: cannot unmarshal number into Go struct field PodCondition.status.conditions.status of type string');
    const nulls = { ...stored, status: { ...stored.status, podIPs: [null] } };
    expect(typedDecode(nulls, 'json', undefined, undefined, stored)).toBeUndefined();
    expect(nulls.status.podIPs).toEqual([{}]);
  });
});
