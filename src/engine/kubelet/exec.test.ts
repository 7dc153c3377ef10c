import { describe, expect, it } from 'vitest';
import { isApiError } from '../api/errors';
import type { ShellEffect } from '../shell/types';
import type { ExecOptions } from './exec';
import { boot, containerStatus, createPod, NODE, podManifest, waitFor } from './testing';

type Kubelet = ReturnType<typeof boot>['kubelet'];

/** Runs an exec session to its end: output (both streams, in order), exit code; `lines` answer stdin reads. */
function exec(kubelet: Kubelet, pod: string, container: string, argv: string[], opts: ExecOptions = {}, lines: string[] = []): { out: string; code: number } {
  const gen = kubelet.exec('default', pod, container, argv, opts);
  let out = '';
  let r = gen.next();
  while (!r.done) {
    const e: ShellEffect = r.value;
    let reply: unknown;
    if (e.type === 'stdout' || e.type === 'stderr') out += e.text;
    else if (e.type === 'call' && e.name === 'stdin.readLine') reply = lines.shift();
    r = gen.next(reply);
  }
  return { out, code: r.value };
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isApiError(e) ? `${e.reason}: ${e.message}` : (e as Error).message;
  }
  return '';
}

describe('exec in a running container', () => {
  it('sees the environment the kubelet and the image give it', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'web', [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'MODE', value: 'demo' }, { name: 'ME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'AT', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }] }]);
    sim.advance(20_000);
    const env = exec(kubelet, 'web', 'web', ['env']).out.split('\n');
    expect(env.slice(0, 4)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=web', 'NGINX_VERSION=1.27.3', 'PKG_RELEASE=1~bookworm']);
    expect(env).toContain('MODE=demo');
    expect(env).toContain('ME=web');
    expect(env).toContain('AT=node-1');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(env).toContain('KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443');
    expect(env.at(-2)).toBe('HOME=/root');
  });

  it('links the Services that existed when the container started', () => {
    const { sim, kubelet } = boot();
    const service = (name: string, clusterIP: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { clusterIP, selector: { app: name }, ports: [{ name: 'http', port: 80 }] } });
    sim.api.create('services', service('early-db', '10.0.0.20'));
    sim.advance(2_000);
    createPod(sim, 'box', [{ name: 'box', image: 'busybox', command: ['sleep', '3600'] }]);
    sim.advance(20_000);
    sim.api.create('services', service('late', '10.0.0.21'));
    const env = exec(kubelet, 'box', 'box', ['env']).out.split('\n');
    expect(env.filter((l) => l.startsWith('EARLY_DB_'))).toEqual([
      'EARLY_DB_SERVICE_HOST=10.0.0.20',
      'EARLY_DB_SERVICE_PORT=80',
      'EARLY_DB_SERVICE_PORT_HTTP=80',
      'EARLY_DB_PORT=tcp://10.0.0.20:80',
      'EARLY_DB_PORT_80_TCP=tcp://10.0.0.20:80',
      'EARLY_DB_PORT_80_TCP_PROTO=tcp',
      'EARLY_DB_PORT_80_TCP_PORT=80',
      'EARLY_DB_PORT_80_TCP_ADDR=10.0.0.20',
    ]);
    expect(env.some((l) => l.startsWith('LATE_'))).toBe(false);
  });

  it('has the files the kubelet mounts and the image ships', () => {
    const { sim, kubelet } = boot();
    const pod = createPod(sim, 'web', [{ name: 'web', image: 'nginx' }]);
    sim.advance(20_000);
    const ip = sim.api.get('pods', 'default', 'web').status?.podIP;
    expect(exec(kubelet, 'web', 'web', ['cat', '/etc/hosts']).out).toContain(`\n${ip}\tweb\n`);
    expect(exec(kubelet, 'web', 'web', ['cat', '/etc/resolv.conf']).out).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(exec(kubelet, 'web', 'web', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).out).toBe('default');
    const token = exec(kubelet, 'web', 'web', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/token']).out;
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(payload.sub).toBe('system:serviceaccount:default:default');
    expect(payload['kubernetes.io'].pod).toEqual({ name: 'web', uid: pod.metadata.uid });
    expect(exec(kubelet, 'web', 'web', ['cat', '/usr/share/nginx/html/index.html']).out).toContain('<title>Welcome to nginx!</title>');
    expect(exec(kubelet, 'web', 'web', ['ls', '/etc/nginx/conf.d']).out).toBe('default.conf\n');
  });

  it('keeps what exec writes for the life of the container instance, and in snapshots', () => {
    const a = boot(5);
    createPod(a.sim, 'box', [{ name: 'box', image: 'busybox', command: ['sh', '-c', 'sleep 60; exit 1'] }]);
    a.sim.advance(10_000);
    expect(exec(a.kubelet, 'box', 'box', ['sh', '-c', 'mkdir /data && echo kept > /data/note']).code).toBe(0);
    const b = boot(5, a.sim.snapshot());
    expect(exec(b.kubelet, 'box', 'box', ['cat', '/data/note']).out).toBe('kept\n');
    expect(exec(b.kubelet, 'box', 'box', ['ls', '/']).out.split('\n')).toContain('data');
    // The container exits and the kubelet starts a new one: the image's files only.
    waitFor(b.sim, () => containerStatus(b.sim, 'box')?.restartCount === 1 && !!containerStatus(b.sim, 'box')?.state?.running);
    expect(exec(b.kubelet, 'box', 'box', ['cat', '/data/note'])).toEqual({ out: "cat: can't open '/data/note': No such file or directory\n", code: 1 });
  });

  it('shows the node\'s kernel: uname and the nginx banner agree with nodeInfo.kernelVersion', () => {
    const { sim, kubelet } = boot();
    kubelet.addNode({ ...NODE, name: 'node-2', internalIP: '10.224.0.5', podCIDR: '10.244.2.0/24', nodeInfo: { kernelVersion: '5.15.0-1098-azure' } });
    sim.api.create('pods', { ...podManifest('web', [{ name: 'web', image: 'nginx:1.27' }]), spec: { nodeName: 'node-2', containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    sim.advance(20_000);
    expect(sim.api.get('nodes', '', 'node-2').status.nodeInfo.kernelVersion).toBe('5.15.0-1098-azure');
    expect(exec(kubelet, 'web', 'web', ['uname', '-r']).out).toBe('5.15.0-1098-azure\n');
    expect(kubelet.logs('default', 'web', 'web').join('\n')).toContain('[notice] 1#1: OS: Linux 5.15.0-1098-azure');
  });

  it('answers an interactive shell line by line, with its prompt', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'box', [{ name: 'box', image: 'busybox', command: ['sleep', '3600'] }]);
    createPod(sim, 'web', [{ name: 'web', image: 'nginx' }]);
    sim.advance(20_000);
    const sh = exec(kubelet, 'box', 'box', ['sh'], { live: true, tty: true }, ['cd /tmp', 'echo hi > f', 'cat f', 'exit 4']);
    expect(sh).toEqual({ out: '/ # /tmp # /tmp # hi\n/tmp # ', code: 4 });
    const bash = exec(kubelet, 'web', 'web', ['bash'], { live: true, tty: true }, ['hostname']);
    expect(bash).toEqual({ out: 'root@web:/# web\nroot@web:/# exit\n', code: 0 });
    // A script on stdin runs whole, without prompts.
    expect(exec(kubelet, 'box', 'box', ['sh'], { stdin: 'echo one\necho two\n' }).out).toBe('one\ntwo\n');
  });

  it('fails as the runtime, kubelet and apiserver do', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'web', [{ name: 'web', image: 'nginx' }]);
    createPod(sim, 'crash', [{ name: 'crash', image: 'busybox', command: ['false'] }]);
    createPod(sim, 'distroless', [{ name: 'app', image: 'hashicorp/http-echo' }]);
    sim.advance(20_000);
    expect(errorOf(() => exec(kubelet, 'web', 'web', ['ps']))).toMatch(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in \$PATH: unknown$/);
    expect(errorOf(() => exec(kubelet, 'distroless', 'app', ['sh']))).toContain('exec: "sh": executable file not found in $PATH');
    expect(errorOf(() => exec(kubelet, 'crash', 'crash', ['ls']))).toBe('container not found ("crash")');
    expect(errorOf(() => exec(kubelet, 'web', 'nope', ['ls']))).toBe('BadRequest: container nope is not valid for pod web');
    expect(errorOf(() => exec(kubelet, 'gone', 'web', ['ls']))).toBe('NotFound: pods "gone" not found');
  });
});
