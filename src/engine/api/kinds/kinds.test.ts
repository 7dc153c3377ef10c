import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../objects';
import { errorOf, pod, testServer } from './testServer';

const obj = (apiVersion: string, kind: string, name: string, rest: Record<string, unknown> = {}, namespace?: string) =>
  ({ apiVersion, kind, metadata: namespace ? { name, namespace } : { name }, ...rest }) as KubeObject;

describe('Namespace', () => {
  it('is Active with the kubernetes finalizer and its name label', () => {
    const { api } = testServer();
    const ns = api.create('namespaces', obj('v1', 'Namespace', 'shop'));
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
    const relabeled = api.update('namespaces', { ...ns, metadata: { ...ns.metadata, labels: { team: 'a' } }, spec: {} } as KubeObject);
    expect(relabeled.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'shop' });
    expect(relabeled.spec).toEqual({ finalizers: ['kubernetes'] });
  });

  it('needs a DNS-1123 label name', () => {
    const { api } = testServer();
    expect(errorOf(() => api.create('namespaces', obj('v1', 'Namespace', 'a.b')))).toBe('Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots');
  });
});

describe('object metadata', () => {
  it('checks label keys, values and annotation keys', () => {
    const { api } = testServer();
    expect(errorOf(() => api.create('pods', pod('p', {}, { labels: { app: 'bad value' } })))).toBe(
      'Pod "p" is invalid: metadata.labels: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
    );
    expect(errorOf(() => api.create('pods', pod('p', {}, { annotations: { 'a/b/c': 'x' } })))).toMatch(/^Pod "p" is invalid: metadata.annotations: Invalid value: "a\/b\/c": a qualified name must consist of/);
    expect(errorOf(() => api.create('pods', pod('p', {}, { annotations: { big: 'x'.repeat(262145) } })))).toBe(
      'Pod "p" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes',
    );
  });

  it('validates labels on update too', () => {
    const { api } = testServer();
    const cm = api.create('configmaps', obj('v1', 'ConfigMap', 'c', { data: { a: '1' } }));
    expect(errorOf(() => api.update('configmaps', { ...cm, metadata: { ...cm.metadata, labels: { '-x': 'y' } } } as KubeObject))).toMatch(
      /^ConfigMap "c" is invalid: metadata.labels: Invalid value: "-x": name part must consist of/,
    );
  });
});

describe('Secret and ConfigMap', () => {
  it('defaults the type, merges stringData and rejects bad base64', () => {
    const { api } = testServer();
    const s = api.create('secrets', obj('v1', 'Secret', 's', { stringData: { password: 'hunter2' } }));
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ password: 'aHVudGVyMg==' });
    expect(s.stringData).toBeUndefined();
    expect(errorOf(() => api.create('secrets', obj('v1', 'Secret', 't', { data: { a: 'abc' } })))).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0',
    );
    expect(errorOf(() => api.create('secrets', obj('v1', 'Secret', 't', { data: { a: 'ab$d' } })))).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 2',
    );
    expect(errorOf(() => api.update('secrets', { ...s, type: 'kubernetes.io/tls' } as KubeObject))).toBe(
      'Secret "s" is invalid: [type: Invalid value: "kubernetes.io/tls": field is immutable, data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
  });

  it('freezes immutable ConfigMaps and checks keys', () => {
    const { api } = testServer();
    const cm = api.create('configmaps', obj('v1', 'ConfigMap', 'c', { data: { a: '1' }, immutable: true }));
    expect(errorOf(() => api.update('configmaps', { ...cm, data: { a: '2' } } as KubeObject))).toBe(
      'ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
    expect(errorOf(() => api.create('configmaps', obj('v1', 'ConfigMap', 'd', { data: { 'a b': '1' } })))).toMatch(
      /^ConfigMap "d" is invalid: data\[a b\]: Invalid value: "a b": a valid config key must consist of alphanumeric characters/,
    );
  });
});

describe('Node, Lease, Event, ControllerRevision', () => {
  it('validates node taints and defaults allocatable', () => {
    const { api } = testServer();
    const n = api.create('nodes', obj('v1', 'Node', 'node-1', { status: { capacity: { cpu: '2' } } }));
    expect(n.status.allocatable).toEqual({ cpu: '2' });
    expect(errorOf(() => api.create('nodes', obj('v1', 'Node', 'node-2', { spec: { taints: [{ key: 'k', effect: 'Sometimes' }] } })))).toBe(
      'Node "node-2" is invalid: spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
  });

  it('checks lease durations, event namespaces and revision data', () => {
    const { api } = testServer();
    expect(errorOf(() => api.create('leases.coordination.k8s.io', obj('coordination.k8s.io/v1', 'Lease', 'l', { spec: { leaseDurationSeconds: 0 } })))).toBe(
      'Lease.coordination.k8s.io "l" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    );
    const ev = obj('v1', 'Event', 'e', { involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } }, 'default');
    expect(errorOf(() => api.create('events', ev))).toBe('Event "e" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace');
    expect(errorOf(() => api.create('controllerrevisions.apps', obj('apps/v1', 'ControllerRevision', 'r', { revision: 1 })))).toBe(
      'ControllerRevision.apps "r" is invalid: data: Required value: data is mandatory',
    );
  });
});
