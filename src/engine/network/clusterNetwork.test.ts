import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/create';
import { KUBELET_COMPONENT, type KubeletComponent } from '../kubelet/component';
import type { KubeObject } from '../objects';
import { ClusterNetwork, CONNECT_TIMEOUT_MS } from './clusterNetwork';

function cluster() {
  const sim = createCluster({ seed: 3 });
  const kubelet = sim.component<KubeletComponent>(KUBELET_COMPONENT)!;
  const net = new ClusterNetwork({ store: sim.store, random: sim.random, serving: (ns, pod, port, path) => kubelet.serving(ns, pod, port, path), nodeUp: (n) => kubelet.kubeletAlive(n) });
  const deployment = (name: string, image: string, replicas: number) =>
    sim.api.create('deployments.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'default' },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, ports: [{ name: 'http', containerPort: 80 }] }] } } },
    } as KubeObject);
  const service = (name: string, spec: Record<string, unknown>) => sim.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec } as KubeObject);
  return { sim, net, deployment, service };
}

const from = { namespace: 'default', pod: 'client', container: 'c', node: 'n' };

describe('cluster network', () => {
  it('resolves Service names through the search list and reaches a ready endpoint', () => {
    const { sim, net, deployment, service } = cluster();
    deployment('web', 'nginx:1.27', 2);
    const svc = service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });
    sim.advance(60_000);
    const ip = svc.spec.clusterIP;
    for (const name of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local']) {
      expect(net.lookup(name, from)).toEqual({ server: '10.0.0.10', name: 'web.default.svc.cluster.local', addresses: [ip] });
    }
    expect(net.lookup('web', { namespace: 'kube-system' }).addresses).toEqual([]);
    expect(net.lookup('kube-dns.kube-system', from).addresses).toEqual(['10.0.0.10']);
    const r = net.answer('net.http', { url: 'http://web/', method: 'GET' }, from) as { ok: boolean; status: number; body: string; address: string };
    expect(r).toMatchObject({ ok: true, status: 200, address: ip });
    expect(r.body).toContain('<title>Welcome to nginx!</title>');
    expect(net.answer('net.http', { url: 'http://web/nope', method: 'GET' }, from)).toMatchObject({ ok: true, status: 404 });
    // An undeclared port of a ClusterIP is dropped: the client times out.
    expect(net.answer('net.connect', { host: 'web', port: 8080 }, from)).toEqual({ ok: false, error: 'timeout', address: ip, elapsedMs: CONNECT_TIMEOUT_MS });
    expect(net.answer('net.connect', { host: 'nothing-here', port: 80 }, from)).toEqual({ ok: false, error: 'unknown-host' });
  });

  it('refuses connections to a Service without ready endpoints, and reaches NodePorts on node IPs', () => {
    const { sim, net, deployment, service } = cluster();
    deployment('web', 'nginx:1.27', 1);
    service('empty', { selector: { app: 'none' }, ports: [{ port: 80 }] });
    const np = service('np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] });
    sim.advance(60_000);
    expect(net.answer('net.connect', { host: 'empty', port: 80 }, from)).toMatchObject({ ok: false, error: 'refused' });
    const node = sim.api.list('nodes').items[2];
    const nodeIP = node.status.addresses.find((a: { type: string }) => a.type === 'InternalIP').address;
    expect(net.answer('net.connect', { host: nodeIP, port: np.spec.ports[0].nodePort }, from)).toEqual({ ok: true, address: nodeIP });
  });

  it('answers for headless Services with the ready pod IPs', () => {
    const { sim, net, deployment, service } = cluster();
    deployment('db', 'nginx:1.27', 2);
    service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 80 }] });
    sim.advance(60_000);
    const podIPs = sim.api.list('pods', { namespace: 'default', labelSelector: 'app=db' }).items.map((p) => p.status.podIP).sort();
    expect(net.lookup('db', from).addresses).toEqual(podIPs);
    const [a, b, c, d] = podIPs[0].split('.');
    expect(net.lookup(`${a}-${b}-${c}-${d}.default.pod.cluster.local`, from).addresses).toEqual([podIPs[0]]);
  });

  it('keeps 127.0.0.1 and localhost inside the pod: sibling containers answer, other ports are refused at once', () => {
    const { sim, net } = cluster();
    const kubelet = sim.component<KubeletComponent>(KUBELET_COMPONENT)!;
    sim.api.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'client', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }, { name: 'web', image: 'nginx:1.27' }] },
    } as KubeObject);
    sim.advance(60_000);
    const pod = sim.api.get('pods', 'default', 'client');
    const me = { namespace: 'default', pod: 'client', container: 'c', node: pod.spec.nodeName };
    for (const url of ['http://localhost/', 'http://127.0.0.1:80/', `http://${pod.status.podIP}/`, 'http://client/']) {
      expect(net.answer('net.http', { url, method: 'GET' }, me)).toMatchObject({ ok: true, status: 200 });
    }
    expect(net.answer('net.http', { url: 'http://localhost/', method: 'GET' }, me)).toMatchObject({ address: '127.0.0.1' });
    expect(net.answer('net.connect', { host: 'localhost', port: 8080 }, me)).toEqual({ ok: false, error: 'refused', address: '127.0.0.1' });
    // Another pod's loopback is its own: the nginx here is not there.
    sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'other', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } } as KubeObject);
    sim.advance(30_000);
    expect(kubelet.kubeletAlive(pod.spec.nodeName)).toBe(true);
    expect(net.answer('net.connect', { host: '127.0.0.1', port: 80 }, { ...me, pod: 'other' })).toEqual({ ok: false, error: 'refused', address: '127.0.0.1' });
  });

  it('refuses closed ports on a node IP, answers on the kubelet port, and times out when the VM is down', () => {
    const { sim, net } = cluster();
    const kubelet = sim.component<KubeletComponent>(KUBELET_COMPONENT)!;
    sim.advance(30_000);
    const node = sim.api.list('nodes').items[0];
    const nodeIP = node.status.addresses.find((a: { type: string }) => a.type === 'InternalIP').address;
    expect(net.answer('net.connect', { host: nodeIP, port: 8080 }, from)).toEqual({ ok: false, error: 'refused', address: nodeIP });
    expect(net.answer('net.connect', { host: nodeIP, port: 10250 }, from)).toEqual({ ok: true, address: nodeIP });
    expect(net.answer('net.http', { url: `http://${nodeIP}:10250/`, method: 'GET' }, from)).toMatchObject({ ok: true, status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' });
    kubelet.stopKubelet(node.metadata.name);
    expect(net.answer('net.connect', { host: nodeIP, port: 8080 }, from)).toEqual({ ok: false, error: 'timeout', address: nodeIP, elapsedMs: CONNECT_TIMEOUT_MS });
  });

  it('serves what nginx finds in its root: a sidecar\'s file in a shared emptyDir, 403 without an index', () => {
    const { sim, net } = cluster();
    const kubelet = sim.component<KubeletComponent>(KUBELET_COMPONENT)!;
    sim.api.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'site', namespace: 'default' },
      spec: {
        volumes: [{ name: 'html', emptyDir: {} }],
        containers: [
          { name: 'web', image: 'nginx:1.27', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] },
          { name: 'writer', image: 'busybox', command: ['sh', '-c', 'echo hello from the sidecar > /html/index.html; sleep 3600'], volumeMounts: [{ name: 'html', mountPath: '/html' }] },
        ],
      },
    } as KubeObject);
    sim.advance(60_000);
    const me = { namespace: 'default', pod: 'site', container: 'writer', node: sim.api.get('pods', 'default', 'site').spec.nodeName };
    expect(net.answer('net.http', { url: 'http://localhost/', method: 'GET' }, me)).toMatchObject({ ok: true, status: 200, body: 'hello from the sidecar\n' });
    expect(net.answer('net.http', { url: 'http://localhost/50x.html', method: 'GET' }, me)).toMatchObject({ ok: true, status: 404 });
    const rm = kubelet.exec('default', 'site', 'web', ['rm', '/usr/share/nginx/html/index.html']);
    for (let r = rm.next(); !r.done; r = rm.next());
    expect(net.answer('net.http', { url: 'http://localhost/', method: 'GET' }, me)).toMatchObject({ ok: true, status: 403 });
  });
});
