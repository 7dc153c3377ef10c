import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server';
import { call, serveForTest } from './testing';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

let s: RunningServer;
beforeAll(async () => {
  s = await serveForTest();
});
afterAll(() => s.close());

describe('health, version and discovery', () => {
  it('answers health and version', async () => {
    expect((await call(s.url, 'GET', '/healthz')).text).toBe('ok');
    expect((await call(s.url, 'GET', '/readyz?verbose')).status).toBe(200);
    expect((await call(s.url, 'GET', '/version')).json().gitVersion).toBe('v1.34.5');
  });

  it('serves legacy discovery with subresources', async () => {
    expect((await call(s.url, 'GET', '/api')).json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await call(s.url, 'GET', '/apis')).json();
    expect(groups.groups.map((g: { name: string }) => g.name)).toEqual(['apps', 'coordination.k8s.io', 'discovery.k8s.io', 'metrics.k8s.io', 'networking.k8s.io']);
    const core = (await call(s.url, 'GET', '/api/v1')).json();
    expect(core.resources.find((r: { name: string }) => r.name === 'pods')).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'] });
    expect(core.resources.find((r: { name: string }) => r.name === 'pods/eviction')).toMatchObject({ group: 'policy', version: 'v1', kind: 'Eviction' });
    const apps = (await call(s.url, 'GET', '/apis/apps/v1')).json();
    expect(apps.resources.find((r: { name: string }) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', kind: 'Scale' });
    expect((await call(s.url, 'GET', '/apis/apps')).json().preferredVersion.groupVersion).toBe('apps/v1');
    expect((await call(s.url, 'GET', '/apis/batch/v1')).status).toBe(404);
  });

  it('negotiates aggregated discovery, and refuses what it cannot send', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    const r = await call(s.url, 'GET', '/apis', { headers: { Accept: accept } });
    expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const apps = r.json().items.find((i: { metadata: { name: string } }) => i.metadata.name === 'apps');
    const deploy = apps.versions[0].resources.find((x: { resource: string }) => x.resource === 'deployments');
    expect(deploy).toMatchObject({ scope: 'Namespaced', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' } });
    expect(deploy.subresources.map((x: { subresource: string }) => x.subresource)).toEqual(['scale', 'status']);
    expect((await call(s.url, 'GET', '/api', { headers: { Accept: accept } })).json().items[0].versions[0].version).toBe('v1');
    expect((await call(s.url, 'GET', '/apis', { headers: { Accept: 'application/vnd.kubernetes.protobuf;as=APIGroupList' } })).status).toBe(406);
  });

  it('serves OpenAPI v3 with the PATCH fieldValidation parameter kubectl looks for', async () => {
    const root = (await call(s.url, 'GET', '/openapi/v3')).json();
    const doc = (await call(s.url, 'GET', root.paths['apis/apps/v1'].serverRelativeURL)).json();
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain('fieldValidation');
    const schema = doc.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'];
    expect(schema.properties.replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(schema.required).toEqual(['selector', 'template']);
    expect((await call(s.url, 'GET', '/openapi/v2')).json().definitions['io.k8s.api.core.v1.Pod']['x-kubernetes-group-version-kind']).toEqual([{ group: '', version: 'v1', kind: 'Pod' }]);
  });
});

describe('resources', () => {
  it('lists as JSON without per-item type meta, and as a server-side Table', async () => {
    const list = (await call(s.url, 'GET', '/api/v1/nodes')).json();
    expect(list).toMatchObject({ kind: 'NodeList', apiVersion: 'v1' });
    expect(list.items).toHaveLength(3);
    expect(list.items[0].kind).toBeUndefined();
    const r = await call(s.url, 'GET', '/api/v1/nodes', { headers: { Accept: TABLE } });
    expect(r.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    const table = r.json();
    expect(table.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
    expect(table.rows[0].cells.slice(1, 4)).toEqual(['Ready', '<none>', '5m']);
    expect(table.rows[0].object.kind).toBe('PartialObjectMetadata');
    const none = (await call(s.url, 'GET', '/api/v1/nodes?includeObject=None', { headers: { Accept: TABLE } })).json();
    expect(none.rows[0].object).toBeNull();
    const one = (await call(s.url, 'GET', '/api/v1/namespaces/kube-system', { headers: { Accept: TABLE } })).json();
    expect(one.rows.map((x: { cells: unknown[] }) => x.cells[0])).toEqual(['kube-system']);
  });

  it('pages with limit and continue, and filters with selectors', async () => {
    const first = (await call(s.url, 'GET', '/api/v1/pods?limit=5')).json();
    expect(first.items).toHaveLength(5);
    expect(first.metadata.remainingItemCount).toBeGreaterThan(0);
    const rest = (await call(s.url, 'GET', `/api/v1/pods?limit=500&continue=${first.metadata.continue}`)).json();
    const all = (await call(s.url, 'GET', '/api/v1/pods')).json();
    expect([...first.items, ...rest.items].map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(all.items.map((p: { metadata: { name: string } }) => p.metadata.name));
    const dns = (await call(s.url, 'GET', '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-dns')).json();
    expect(dns.items).toHaveLength(2);
    const byField = (await call(s.url, 'GET', '/api/v1/pods?fieldSelector=metadata.namespace%3Ddefault')).json();
    expect(byField.items).toHaveLength(0);
    expect((await call(s.url, 'GET', '/api/v1/pods?continue=garbage')).status).toBe(400);
  });

  it('creates, patches every way, updates and deletes, with Status errors', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' }, data: { a: '1' } };
    const created = await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm });
    expect(created.status).toBe(201);
    expect(created.json().metadata).toMatchObject({ name: 'one', namespace: 'default' });
    const dup = await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm });
    expect(dup.status).toBe(409);
    expect(dup.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'AlreadyExists', message: 'configmaps "one" already exists', code: 409 });
    const merge = await call(s.url, 'PATCH', '/api/v1/namespaces/default/configmaps/one', { body: { data: { b: '2' } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(merge.json().data).toEqual({ a: '1', b: '2' });
    const json = await call(s.url, 'PATCH', '/api/v1/namespaces/default/configmaps/one', { body: [{ op: 'remove', path: '/data/a' }], headers: { 'Content-Type': 'application/json-patch+json' } });
    expect(json.json().data).toEqual({ b: '2' });
    const smp = await call(s.url, 'PATCH', '/api/v1/namespaces/default/configmaps/one', { body: { metadata: { labels: { x: 'y' } } }, headers: { 'Content-Type': 'application/strategic-merge-patch+json' } });
    expect(smp.json().metadata.labels).toEqual({ x: 'y' });
    const put = { ...smp.json(), data: { c: '3' } };
    expect((await call(s.url, 'PUT', '/api/v1/namespaces/default/configmaps/one', { body: put })).json().data).toEqual({ c: '3' });
    const stale = await call(s.url, 'PUT', '/api/v1/namespaces/default/configmaps/one', { body: put });
    expect(stale.json()).toMatchObject({ reason: 'Conflict', code: 409 });
    const strict = await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { body: { ...cm, metadata: { name: 'two' }, colour: 'red' } });
    expect(strict.json()).toMatchObject({ code: 400, message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "colour"' });
    const dry = await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body: { ...cm, metadata: { name: 'dry' } } });
    expect(dry.status).toBe(201);
    expect((await call(s.url, 'GET', '/api/v1/namespaces/default/configmaps/dry')).status).toBe(404);
    const gone = await call(s.url, 'DELETE', '/api/v1/namespaces/default/configmaps/one', { body: { propagationPolicy: 'Background' } });
    expect(gone.json()).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'one', kind: 'configmaps' } });
    const missing = await call(s.url, 'GET', '/api/v1/namespaces/default/configmaps/one');
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ reason: 'NotFound', message: 'configmaps "one" not found', details: { name: 'one', kind: 'configmaps' } });
    expect((await call(s.url, 'GET', '/api/v1/widgets')).json()).toMatchObject({ code: 404, message: 'the server could not find the requested resource' });
  });

  it('applies server-side', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: v\n';
    const headers = { 'Content-Type': 'application/apply-patch+yaml' };
    const first = await call(s.url, 'PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=me', { body: yaml, headers });
    expect(first.status).toBe(201);
    const again = await call(s.url, 'PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=me', { body: yaml.replace('k: v', 'k: w'), headers });
    expect(again.json().data).toEqual({ k: 'w' });
    expect((await call(s.url, 'PATCH', '/api/v1/namespaces/default/configmaps/ssa', { body: yaml, headers })).status).toBe(400);
  });
});
