import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server';
import { call, serveForTest } from './testing';

let s: RunningServer;
beforeAll(async () => {
  s = await serveForTest();
});
afterAll(async () => {
  await s.close();
});

const APPLY = { 'Content-Type': 'application/apply-patch+yaml' };
const PATH = '/api/v1/namespaces/default/configmaps/owned';
const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\ndata:\n${data}`;

describe('server-side apply over HTTP', () => {
  it('records managers from fieldManager or the User-Agent', async () => {
    const created = await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'by-agent' }, data: { a: '1' } },
      headers: { 'User-Agent': 'kubectl/v1.34.5 (linux/amd64) kubernetes/abcdef' },
    });
    expect(created.json().metadata.managedFields).toEqual([
      { manager: 'kubectl', operation: 'Update', apiVersion: 'v1', time: expect.any(String), fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } } },
    ]);
  });

  it('creates, conflicts with 409 and the apiserver message, and forces', async () => {
    expect((await call(s.url, 'PATCH', `${PATH}?fieldManager=alice`, { body: cm('  color: blue\n'), headers: APPLY })).status).toBe(201);
    const clash = await call(s.url, 'PATCH', `${PATH}?fieldManager=bob`, { body: cm('  color: red\n'), headers: APPLY });
    expect(clash.status).toBe(409);
    expect(clash.json()).toMatchObject({
      kind: 'Status',
      reason: 'Conflict',
      code: 409,
      message: 'Apply failed with 1 conflict: conflict with "alice": .data.color',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.data.color' }] },
    });
    const forced = await call(s.url, 'PATCH', `${PATH}?fieldManager=bob&force=true`, { body: cm('  color: red\n'), headers: APPLY });
    expect(forced.status).toBe(200);
    expect(forced.json().data).toEqual({ color: 'red' });
    expect(forced.json().metadata.managedFields.map((e: { manager: string }) => e.manager)).toEqual(['bob']);
  });

  it('requires a field manager', async () => {
    const r = await call(s.url, 'PATCH', PATH, { body: cm('  color: red\n'), headers: APPLY });
    expect(r.status).toBe(400);
    expect(r.json().message).toBe('PATCH, application/apply-patch+yaml requires fieldManager to be set');
  });
});
