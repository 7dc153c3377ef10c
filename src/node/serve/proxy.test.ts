import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitSchemeNamePort } from './proxy';
import type { RunningServer } from './server';
import { call, serveForTest } from './testing';

let s: RunningServer;
const NS = '/api/v1/namespaces/default';

beforeAll(async () => {
  s = await serveForTest();
  const pod = (name: string, image: string, ports?: number[], labels?: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'main', image, ports: ports?.map((containerPort) => ({ containerPort })) }] },
  });
  const pods = [
    pod('boot', 'gcr.io/google-samples/kubernetes-bootcamp:v1', undefined, { app: 'boot' }),
    pod('boot2', 'docker.io/jocatalin/kubernetes-bootcamp:v2', undefined, { app: 'boot2' }),
    pod('web', 'nginx:1.27', [80]),
    pod('stuck', 'nginx:1.27', [80]),
  ];
  for (const p of pods.slice(0, 3)) expect((await call(s.url, 'POST', `${NS}/pods`, { body: p })).status).toBe(201);
  const svc = (name: string, selector: Record<string, string>, port: number, targetPort: number, portName?: string) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector, ports: [{ name: portName, port, targetPort }] },
  });
  for (const v of [svc('boot', { app: 'boot' }, 80, 8080, 'http'), svc('nobody', { app: 'none' }, 80, 8080)]) {
    expect((await call(s.url, 'POST', `${NS}/services`, { body: v })).status).toBe(201);
  }
  // No node matches it: Pending, with no IP.
  expect((await call(s.url, 'POST', `${NS}/pods`, { body: { ...pods[3], spec: { ...pods[3].spec, nodeSelector: { disk: 'none' } } } })).status).toBe(201);
  s.clock.advance(30_000);
});
afterAll(() => s.close());

describe('splitSchemeNamePort', () => {
  it('reads name, name:port and scheme:name:port', () => {
    expect(splitSchemeNamePort('web')).toEqual({ scheme: '', name: 'web', port: '' });
    expect(splitSchemeNamePort('web:8080')).toEqual({ scheme: '', name: 'web', port: '8080' });
    expect(splitSchemeNamePort('https:web:443')).toEqual({ scheme: 'https', name: 'web', port: '443' });
    expect(splitSchemeNamePort('ftp:web:21')).toBeUndefined();
    expect(splitSchemeNamePort(':80')).toBeUndefined();
    expect(splitSchemeNamePort('a:b:c:d')).toBeUndefined();
  });
});

describe('pods/NAME/proxy', () => {
  it('answers with the container server, through the cluster network', async () => {
    const r = await call(s.url, 'GET', `${NS}/pods/boot:8080/proxy/`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.text).toBe('Hello Kubernetes bootcamp! | Running on: boot | v=1\n');
    expect((await call(s.url, 'GET', `${NS}/pods/boot2:8080/proxy/anything?x=1`)).text).toBe('Hello Kubernetes bootcamp! | Running on: boot2 | v=2\n');
  });

  it('uses the first declared container port when the name has none', async () => {
    const r = await call(s.url, 'GET', `${NS}/pods/web/proxy/`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('<title>Welcome to nginx!</title>');
    expect((await call(s.url, 'GET', `${NS}/pods/web/proxy/nope`)).status).toBe(404);
  });

  it('gives the proxy transport\'s 503 when nothing listens', async () => {
    const r = await call(s.url, 'GET', `${NS}/pods/boot/proxy/`);
    expect(r.status).toBe(503);
    expect(r.json()).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
    expect(r.json().message).toMatch(/^error trying to reach service: dial tcp 10\.244\.\d+\.\d+:80: connect: connection refused$/);
  });

  it('redirects a path-less proxy to the trailing slash', async () => {
    const r = await call(s.url, 'GET', `${NS}/pods/boot:8080/proxy?a=b`);
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe(`${NS}/pods/boot:8080/proxy/?a=b`);
  });

  it('refuses what the apiserver refuses', async () => {
    expect((await call(s.url, 'GET', `${NS}/pods/ghost/proxy/`)).json()).toMatchObject({ code: 404, message: 'pods "ghost" not found' });
    expect((await call(s.url, 'GET', `${NS}/pods/a:b:c:d/proxy/`)).json()).toMatchObject({ code: 400, message: 'invalid pod request "a:b:c:d"' });
    expect((await call(s.url, 'GET', `${NS}/pods/stuck/proxy/`)).json()).toMatchObject({ code: 400, reason: 'BadRequest', message: 'address not allowed' });
  });
});

describe('services/NAME/proxy', () => {
  it('reaches a ready endpoint by port number, port name or no port', async () => {
    for (const id of ['boot:80', 'boot:http', 'http:boot:http']) {
      const r = await call(s.url, 'GET', `${NS}/services/${id}/proxy/`);
      expect(r.status, id).toBe(200);
      expect(r.text).toBe('Hello Kubernetes bootcamp! | Running on: boot | v=1\n');
    }
  });

  it('503s for an unknown port and a Service without endpoints', async () => {
    expect((await call(s.url, 'GET', `${NS}/services/boot:81/proxy/`)).json()).toMatchObject({ code: 503, reason: 'ServiceUnavailable', message: 'no service port 81 found for service "boot"' });
    expect((await call(s.url, 'GET', `${NS}/services/nobody/proxy/`)).json()).toMatchObject({ code: 503, message: 'no endpoints available for service "nobody"' });
  });
});
