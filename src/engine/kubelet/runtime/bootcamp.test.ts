/** The Kubernetes basics tutorial's image, as the tutorial sees it (engine side; serve's tutorial.test.ts drives the real kubectl). */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/create';
import { ClusterNetwork } from '../../network/clusterNetwork';
import type { KubeObject } from '../../objects';
import { KUBELET_COMPONENT, type KubeletComponent } from '../component';
import { imageLayer, startExec } from './exec';
import { parseImageRef, pullFailure } from './images';
import { startProcess } from './process';

const ref = (image: string) => {
  const p = parseImageRef(image);
  if (!p.ok) throw new Error(p.message);
  return p.ref;
};

describe('kubernetes-bootcamp', () => {
  it('has v1 and v2 under gcr.io/google-samples and docker.io/jocatalin, and no v10', () => {
    for (const image of ['gcr.io/google-samples/kubernetes-bootcamp:v1', 'jocatalin/kubernetes-bootcamp:v2', 'docker.io/jocatalin/kubernetes-bootcamp:v1']) expect(pullFailure(ref(image)), image).toBeUndefined();
    expect(pullFailure(ref('gcr.io/google-samples/kubernetes-bootcamp:v10'))).toBe('NotFound');
    expect(pullFailure(ref('jocatalin/kubernetes-bootcamp:v10'))).toBe('NotFound');
  });

  it('runs `node server.js`, which logs its start once listening', () => {
    const gen = startProcess({ image: 'gcr.io/google-samples/kubernetes-bootcamp:v1', hostname: 'kubernetes-bootcamp-abc-12345', now: Date.UTC(2026, 0, 5, 9), random: () => 0.5 });
    const logs: string[] = [];
    let ready = false;
    for (let r = gen.next(); !r.done; r = gen.next()) {
      if (r.value.type === 'ready') ready = true;
      if (r.value.type === 'log') logs.push(r.value.text);
      if (r.value.type === 'sleep' && r.value.ms === Infinity) break;
    }
    expect(ready).toBe(true);
    expect(logs).toEqual(['Kubernetes Bootcamp App Started At: 2026-01-05T09:00:01.000Z | Running On:  kubernetes-bootcamp-abc-12345 ', '']);
  });

  it('ships /server.js, node\'s environment, bash and curl', () => {
    const layer = imageLayer('jocatalin/kubernetes-bootcamp:v2');
    expect(layer.files['/server.js']).toContain('var version = "2";');
    expect(layer.env).toEqual([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['NPM_CONFIG_LOGLEVEL', 'info'], ['NODE_VERSION', '6.3.1']]);
    expect(layer.userland).toBe('debian');
    const exec = startExec({ image: 'gcr.io/google-samples/kubernetes-bootcamp:v1', argv: ['bash', '-c', 'cat server.js | head -1; command -v curl'], env: [], hostname: 'h', mounts: {}, top: {}, pid: 7, now: () => 0 });
    expect(exec.ok).toBe(true);
  });

  it('answers HTTP on 8080 with its pod name and version', () => {
    const sim = createCluster({ seed: 2 });
    const kubelet = sim.component<KubeletComponent>(KUBELET_COMPONENT)!;
    const net = new ClusterNetwork({ store: sim.store, random: sim.random, serving: (ns, pod, port, path) => kubelet.serving(ns, pod, port, path), nodeUp: (n) => kubelet.kubeletAlive(n) });
    for (const [name, image] of [['boot1', 'gcr.io/google-samples/kubernetes-bootcamp:v1'], ['boot2', 'jocatalin/kubernetes-bootcamp:v2']]) {
      sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app', image }] } } as KubeObject);
    }
    sim.advance(30_000);
    const ip = (name: string) => sim.store.get('pods', 'default', name)!.status!.podIP as string;
    const from = { namespace: 'default', pod: 'boot1', container: 'app', node: '' };
    expect(net.http(`http://${ip('boot1')}:8080/`, from)).toMatchObject({ ok: true, status: 200, body: 'Hello Kubernetes bootcamp! | Running on: boot1 | v=1\n' });
    expect(net.http(`http://${ip('boot2')}:8080/anything`, from)).toMatchObject({ ok: true, status: 200, body: 'Hello Kubernetes bootcamp! | Running on: boot2 | v=2\n' });
    expect(net.http('http://localhost:8080', from)).toMatchObject({ ok: true, body: 'Hello Kubernetes bootcamp! | Running on: boot1 | v=1\n' });
    expect(net.http(`http://${ip('boot1')}:80/`, from)).toMatchObject({ ok: false, error: 'refused' });
  });
});
