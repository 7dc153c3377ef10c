import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server';
import { call, serveForTest, stream } from './testing';

let s: RunningServer;
beforeAll(async () => {
  s = await serveForTest();
  const deploy = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
  };
  expect((await call(s.url, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: deploy })).status).toBe(201);
  s.clock.advance(30_000);
});
afterAll(() => s.close());

const pods = async () => (await call(s.url, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb')).json().items as { metadata: { name: string; deletionTimestamp?: string } }[];

describe('subresources', () => {
  it('reads and writes scale', async () => {
    const scale = (await call(s.url, 'GET', '/apis/apps/v1/namespaces/default/deployments/web/scale')).json();
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 2, selector: 'app=web' } });
    const patched = await call(s.url, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { body: { spec: { replicas: 3 } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(patched.json().spec.replicas).toBe(3);
    expect((await pods()).length).toBe(3);
    const bad = await call(s.url, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { body: { spec: { replicas: -1 } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(bad.json()).toMatchObject({ code: 422, reason: 'Invalid' });
  });

  it('reads status and refuses unknown subresources', async () => {
    const st = (await call(s.url, 'GET', '/apis/apps/v1/namespaces/default/deployments/web/status')).json();
    expect(st.status.replicas).toBeGreaterThan(0);
    expect((await call(s.url, 'GET', '/apis/apps/v1/namespaces/default/deployments/web/exec')).status).toBe(404);
  });

  it('serves logs, with tailLines and the apiserver errors', async () => {
    s.clock.advance(30_000);
    const name = (await pods())[0].metadata.name;
    const log = await call(s.url, 'GET', `/api/v1/namespaces/default/pods/${name}/log`);
    expect(log.headers['content-type']).toBe('text/plain');
    expect(log.text).toContain('/docker-entrypoint.sh');
    const tail = await call(s.url, 'GET', `/api/v1/namespaces/default/pods/${name}/log?tailLines=2`);
    expect(tail.text.trimEnd().split('\n')).toHaveLength(2);
    const wrong = await call(s.url, 'GET', `/api/v1/namespaces/default/pods/${name}/log?container=nope`);
    expect(wrong.json()).toMatchObject({ code: 400, message: `container nope is not valid for pod ${name}` });
  });

  it('follows logs as virtual time moves, until the client leaves', async () => {
    const name = (await pods())[0].metadata.name;
    const follow = stream(s.url, `/api/v1/namespaces/default/pods/${name}/log?follow=true&tailLines=1`);
    await follow.until((l) => l.length >= 1);
    expect(await follow.status).toBe(200);
    follow.stop();
  });

  it('evicts a pod gracefully', async () => {
    const name = (await pods())[0].metadata.name;
    const ev = await call(s.url, 'POST', `/api/v1/namespaces/default/pods/${name}/eviction`, {
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } },
    });
    expect(ev.status).toBe(201);
    const pod = (await call(s.url, 'GET', `/api/v1/namespaces/default/pods/${name}`)).json();
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    s.clock.advance(60_000);
    expect((await call(s.url, 'GET', `/api/v1/namespaces/default/pods/${name}`)).status).toBe(404);
  });

  it('binds an unscheduled pod once', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'manual' }, spec: { schedulerName: 'nobody', containers: [{ name: 'c', image: 'nginx' }] } };
    expect((await call(s.url, 'POST', '/api/v1/namespaces/default/pods', { body: pod })).status).toBe(201);
    const node = (await call(s.url, 'GET', '/api/v1/nodes')).json().items[0].metadata.name;
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'manual' }, target: { apiVersion: 'v1', kind: 'Node', name: node } };
    expect((await call(s.url, 'POST', '/api/v1/namespaces/default/pods/manual/binding', { body: binding })).status).toBe(201);
    expect((await call(s.url, 'GET', '/api/v1/namespaces/default/pods/manual')).json().spec.nodeName).toBe(node);
    expect((await call(s.url, 'POST', '/api/v1/namespaces/default/pods/manual/binding', { body: binding })).json().reason).toBe('Conflict');
  });
});
