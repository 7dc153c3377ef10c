import { describe, expect, it } from 'vitest';
import { decodeError, goFormat } from './strictDecoding';
import { fieldTypeError, unknownFields } from './unknownFields';

const dep = (container: Record<string, unknown>, meta: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', ...meta },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container] } } },
});

describe('unknownFields', () => {
  it('finds misspelt fields with list indexes', () => {
    expect(unknownFields('Deployment', dep({ name: 'a', imagee: 'x', resources: { limits: { cpu: 1 } } }))).toEqual(['spec.template.spec.containers[0].imagee']);
    expect(unknownFields('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], nodeSelecter: {} } })).toEqual(['spec.nodeSelecter']);
  });

  it('knows fields added after kubernetes-types 1.30', () => {
    expect(unknownFields('Pod', { spec: { containers: [], resources: { limits: { cpu: '1' } } } })).toEqual([]);
  });

  it('words type errors as Go encoding/json', () => {
    expect(fieldTypeError('Deployment', dep({ name: 'a', env: [{ name: 'X', value: true }] }))).toBe(
      'json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
    );
    expect(fieldTypeError('Deployment', dep({ name: 'a', ports: [{ containerPort: '80' }] }))).toBe(
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
    expect(fieldTypeError('Deployment', dep({ name: 'a', ports: [{ containerPort: 80 }] }))).toBeUndefined();
  });

  it('builds the apiserver error for a create', () => {
    expect(decodeError(dep({ name: 'a', imagee: 'x' }))?.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"',
    );
    expect(decodeError(dep({ name: 'a' }, { labels: { on: true } }))?.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
    );
  });

  it('formats values as Go %v', () => {
    expect(goFormat({ spec: { replicas: 1000000, b: [1, 'x'], a: null } })).toBe('map[spec:map[a:<nil> b:[1 x] replicas:1e+06]]');
  });
});
