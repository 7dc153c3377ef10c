import { describe, expect, it } from 'vitest';
import { ApiServer } from '../../engine/api/server';
import { Random } from '../../engine/sim/random';
import { Store } from '../../engine/store/store';
import { applyManifests, createFromManifests, LAST_APPLIED } from './apply';

function cluster() {
  const api = new ApiServer(new Store(), { now: () => 0 }, new Random(1));
  api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return api;
}

const cm = (data: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg${extra}
data:
${data}`;

const opts = { namespace: 'default' };

describe('applyManifests', () => {
  it('creates with the last-applied annotation, then reports unchanged and configured', () => {
    const api = cluster();
    const first = applyManifests(api, [{ name: 'cm.yaml', text: cm('  a: "1"\n  b: "2"\n') }], opts);
    expect(first).toEqual({ stdout: ['configmap/cfg created'], stderr: [], exitCode: 0 });
    const live = api.get('configmaps', 'default', 'cfg');
    expect(live.metadata.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"cfg","namespace":"default"}}\n',
    );
    expect(applyManifests(api, [{ name: 'cm.yaml', text: cm('  a: "1"\n  b: "2"\n') }], opts).stdout).toEqual(['configmap/cfg unchanged']);

    // Someone else adds a key: apply keeps it; the manifest drops `b`: apply deletes it.
    api.patch('configmaps', 'default', 'cfg', 'merge', { data: { other: 'x' } });
    expect(applyManifests(api, [{ name: 'cm.yaml', text: cm('  a: "2"\n') }], opts).stdout).toEqual(['configmap/cfg configured']);
    expect(api.get('configmaps', 'default', 'cfg').data).toEqual({ a: '2', other: 'x' });
  });

  it('applies a Deployment as a strategic merge: changed image, other containers and fields kept', () => {
    const api = cluster();
    const dep = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: app, image: ${image}, env: [{name: A, value: "1"}]}
`;
    expect(applyManifests(api, [{ name: 'd.yaml', text: dep('nginx:1.25') }], opts).stdout).toEqual(['deployment.apps/web created']);
    const live = api.get('deployments.apps', 'default', 'web');
    const injected = structuredClone(live.spec.template.spec);
    injected.containers.push({ name: 'mesh', image: 'envoy' });
    api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { template: { spec: injected } } });
    expect(applyManifests(api, [{ name: 'd.yaml', text: dep('nginx:1.26') }], opts).stdout).toEqual(['deployment.apps/web configured']);
    const after = api.get('deployments.apps', 'default', 'web').spec.template.spec.containers;
    expect(after.map((c: any) => `${c.name}=${c.image}`)).toEqual(['app=nginx:1.26', 'mesh=envoy']);
  });

  it('reports unserved kinds and bad namespaces, and still applies the rest', () => {
    const api = cluster();
    const text = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: frontend}
spec: {defaultBackend: {service: {name: frontend, port: {number: 80}}}}
---
${cm('  a: "1"\n')}`;
    const r = applyManifests(api, [{ name: 'frontend-ingress.yaml', text }], opts);
    expect(r.stdout).toEqual(['configmap/cfg created']);
    expect(r.stderr).toEqual([
      'error: resource mapping not found for name: "frontend" namespace: "" from "frontend-ingress.yaml": no matches for kind "Ingress" in version "networking.k8s.io/v1"',
      'ensure CRDs are installed first',
    ]);
    expect(r.exitCode).toBe(1);

    const other = applyManifests(api, [{ name: 'x.yaml', text: cm('  a: "1"\n').replace('name: cfg', 'name: cfg\n  namespace: a') }], { namespace: 'b', enforceNamespace: true });
    expect(other.stderr).toEqual([`error: the namespace from the provided object "a" does not match the namespace "b". You must pass '--namespace=a' to perform this operation.`]);
  });

  it('wraps server errors with the file and lists several errors bare', () => {
    const api = cluster();
    const text = `${cm('  a: "1"\n').replace('name: cfg', 'name: cfg\n  namespace: foo')}---\n${cm('  a: "1"\n', '2').replace('name: cfg2', 'name: cfg2\n  namespace: bar')}`;
    const r = applyManifests(api, [{ name: 'x.yaml', text }], opts);
    expect(r.stderr).toEqual([
      'Error from server (NotFound): error when creating "x.yaml": namespaces "foo" not found',
      'Error from server (NotFound): error when creating "x.yaml": namespaces "bar" not found',
    ]);
  });

  it('rejects unknown fields as the apiserver does under strict validation', () => {
    const api = cluster();
    const r = applyManifests(api, [{ name: 'x.yaml', text: cm('  a: "1"\n') + 'extra: 1\n' }], opts);
    expect(r.stderr).toEqual(['Error from server (BadRequest): error when creating "x.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "extra"']);
    applyManifests(api, [{ name: 'x.yaml', text: cm('  a: "1"\n') }], opts);
    const patchErr = applyManifests(api, [{ name: 'x.yaml', text: cm('  a: "2"\n') + 'extra: 1\n' }], opts);
    expect(patchErr.stderr[0]).toMatch(/^The request is invalid: patch: Invalid value: "map\[data:map\[a:2\] extra:1 metadata:map\[annotations:map\[kubectl.kubernetes.io\/last-applied-configuration:\{\\"apiVersion\\"/);
    expect(patchErr.stderr[0]).toMatch(/: strict decoding error: unknown field "extra"$/);
  });

  it('supports dry runs', () => {
    const api = cluster();
    expect(applyManifests(api, [{ name: 'x.yaml', text: cm('  a: "1"\n') }], { ...opts, dryRun: 'client' }).stdout).toEqual(['configmap/cfg created (dry run)']);
    expect(applyManifests(api, [{ name: 'x.yaml', text: cm('  a: "1"\n') }], { ...opts, dryRun: 'server' }).stdout).toEqual(['configmap/cfg created (server dry run)']);
    expect(api.tryGet('configmaps', 'default', 'cfg')).toBeUndefined();
  });
});

describe('createFromManifests', () => {
  it('creates, then fails with AlreadyExists', () => {
    const api = cluster();
    expect(createFromManifests(api, [{ name: 'x.yaml', text: cm('  a: "1"\n') }], opts).stdout).toEqual(['configmap/cfg created']);
    expect(api.get('configmaps', 'default', 'cfg').metadata.annotations).toBeUndefined();
    const again = createFromManifests(api, [{ name: 'x.yaml', text: cm('  a: "1"\n') }], opts);
    expect(again.stderr).toEqual(['Error from server (AlreadyExists): error when creating "x.yaml": configmaps "cfg" already exists']);
    expect(again.exitCode).toBe(1);
  });
});
