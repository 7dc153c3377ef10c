import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server';
import { call, serveForTest, stream } from './testing';

let s: RunningServer;
beforeAll(async () => {
  s = await serveForTest({ bookmarkMs: 50 });
});
afterAll(() => s.close());

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });

describe('watch', () => {
  it('streams JSON lines from a resourceVersion, with bookmarks when allowed', async () => {
    const rv = (await call(s.url, 'GET', '/api/v1/namespaces/default/configmaps')).json().metadata.resourceVersion;
    const w = stream(s.url, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`);
    expect(await w.status).toBe(200);
    await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm('w1') });
    await call(s.url, 'PATCH', '/api/v1/namespaces/default/configmaps/w1', { body: { data: { a: '2' } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    await call(s.url, 'DELETE', '/api/v1/namespaces/default/configmaps/w1');
    await w.until((l) => l.some((x) => JSON.parse(x).type === 'BOOKMARK') && l.filter((x) => JSON.parse(x).type !== 'BOOKMARK').length >= 3);
    w.stop();
    const events = w.lines.map((l) => JSON.parse(l));
    expect(events.filter((e) => e.type !== 'BOOKMARK').map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED w1', 'MODIFIED w1', 'DELETED w1']);
    const bookmark = events.find((e) => e.type === 'BOOKMARK');
    expect(bookmark.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: expect.any(String) } });
  });

  it('starts with ADDED for what exists, and filters by name', async () => {
    await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm('w2') });
    await call(s.url, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm('w3') });
    const w = stream(s.url, '/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dw3');
    await w.until((l) => l.length >= 1);
    w.stop();
    expect(w.lines.map((l) => JSON.parse(l).object.metadata.name)).toEqual(['w3']);
  });

  it('sends one-row Tables, column definitions only in the first event', async () => {
    const w = stream(s.url, '/api/v1/namespaces/kube-system/pods?watch=true', { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    await w.until((l) => l.length >= 2);
    w.stop();
    const [first, second] = w.lines.map((l) => JSON.parse(l));
    expect(first.type).toBe('ADDED');
    expect(first.object.kind).toBe('Table');
    expect(first.object.columnDefinitions[0].name).toBe('Name');
    expect(first.object.rows).toHaveLength(1);
    expect(second.object.columnDefinitions).toBeNull();
  });

  it('ends the initial events with the initial-events-end bookmark', async () => {
    const w = stream(s.url, '/api/v1/namespaces/kube-system/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan');
    await w.until((l) => l.some((x) => JSON.parse(x).type === 'BOOKMARK'));
    w.stop();
    const bookmark = w.lines.map((l) => JSON.parse(l)).find((e) => e.type === 'BOOKMARK');
    expect(bookmark.object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });

  it('reports a compacted resourceVersion as an ERROR event with 410 Expired', async () => {
    const w = stream(s.url, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=-5');
    await w.until((l) => l.length >= 1);
    const e = JSON.parse(w.lines[0]);
    w.stop();
    expect(e).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('ends after timeoutSeconds', async () => {
    const w = stream(s.url, '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=0&resourceVersion=1');
    expect(await w.status).toBe(200);
    w.stop();
  });
});
