import { describe, expect, it } from 'vitest';
import { toJson, toYaml } from './serialize';

describe('toYaml', () => {
  it('writes what go-yaml v2 writes for a pod', () => {
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'web', creationTimestamp: '2026-01-05T09:00:00Z', labels: { run: 'web', enabled: 'true', port: '80', y: 'yes' } },
      spec: { containers: [{ name: 'web', image: 'nginx', args: ['sh', '-c', 'echo hi'], resources: {} }], tolerations: [] },
    };
    expect(toYaml(pod)).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2026-01-05T09:00:00Z"
  labels:
    enabled: "true"
    port: "80"
    run: web
    "y": "yes"
  name: web
spec:
  containers:
  - args:
    - sh
    - -c
    - echo hi
    image: nginx
    name: web
    resources: {}
  tolerations: []
`);
  });

  it('single-quotes strings that cannot be plain and keeps multi-line strings as blocks', () => {
    expect(toYaml({ a: 'has: colon', b: '{"k":1}', c: 'one\ntwo\n', d: '' })).toBe(`a: 'has: colon'
b: '{"k":1}'
c: |
  one
  two
d: ""
`);
  });
});

describe('toJson', () => {
  it('sorts keys and indents by four spaces', () => {
    expect(toJson({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'x' } })).toBe(`{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "x"
    }
}
`);
  });
});

describe('managedFields in yaml', () => {
  it('writes the `.` key plain, as go-yaml does', () => {
    const entry = { fieldsV1: { 'f:data': { '.': {}, 'f:a': {} }, 'f:list': { 'k:{"name":"x"}': { '.': {} } } } };
    expect(toYaml({ managedFields: [entry] })).toBe(`managedFields:
- fieldsV1:
    f:data:
      .: {}
      f:a: {}
    f:list:
      k:{"name":"x"}:
        .: {}
`);
  });
});
