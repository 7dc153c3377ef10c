import { describe, expect, it } from 'vitest';
import type { ShellEffect } from '../shell/types';
import { boot, containerStatus, createPod, waitFor } from './testing';

type Kubelet = ReturnType<typeof boot>['kubelet'];

function exec(kubelet: Kubelet, pod: string, container: string, argv: string[]): { out: string; code: number } {
  const gen = kubelet.exec('default', pod, container, argv);
  let out = '';
  let r = gen.next();
  while (!r.done) {
    const e: ShellEffect = r.value;
    if (e.type === 'stdout' || e.type === 'stderr') out += e.text;
    r = gen.next();
  }
  return { out, code: r.value };
}

const data = [{ name: 'data', emptyDir: {} }];

describe('pod volumes in the containers', () => {
  it('shares an emptyDir between containers, through exec and the containers\' own processes', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'duo', [
      { name: 'writer', image: 'busybox', command: ['sh', '-c', 'echo made-by-writer > /out/greeting; sleep 3600'], volumeMounts: [{ name: 'data', mountPath: '/out' }] },
      { name: 'web', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/usr/share/nginx/html' }] },
    ], { volumes: data });
    sim.advance(20_000);
    // The mount hides the image's index.html.
    expect(exec(kubelet, 'duo', 'web', ['ls', '/usr/share/nginx/html']).out).toBe('greeting\n');
    expect(exec(kubelet, 'duo', 'web', ['cat', '/usr/share/nginx/html/greeting']).out).toBe('made-by-writer\n');
    expect(exec(kubelet, 'duo', 'web', ['sh', '-c', 'echo from-web > /usr/share/nginx/html/index.html']).code).toBe(0);
    expect(exec(kubelet, 'duo', 'writer', ['cat', '/out/index.html']).out).toBe('from-web\n');
    // Not mounted there: the container's own file system.
    expect(exec(kubelet, 'duo', 'writer', ['cat', '/usr/share/nginx/html/index.html']).code).toBe(1);
  });

  it('keeps emptyDir contents across a container restart, the rest of the file system not', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'box', [{ name: 'box', image: 'busybox', command: ['sh', '-c', 'date >> /cache/starts; sleep 30; exit 1'], volumeMounts: [{ name: 'data', mountPath: '/cache' }] }], { volumes: data });
    sim.advance(5_000);
    exec(kubelet, 'box', 'box', ['sh', '-c', 'echo kept > /cache/note; echo lost > /tmp/note']);
    waitFor(sim, () => containerStatus(sim, 'box')?.restartCount === 1 && !!containerStatus(sim, 'box')?.state?.running);
    expect(exec(kubelet, 'box', 'box', ['cat', '/cache/note']).out).toBe('kept\n');
    expect(exec(kubelet, 'box', 'box', ['cat', '/tmp/note']).code).toBe(1);
    // The second instance's process appended to what the first one wrote.
    expect(exec(kubelet, 'box', 'box', ['cat', '/cache/starts']).out.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('mounts configMap and secret keys as read-only files', () => {
    const { sim, kubelet } = boot();
    sim.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { color: 'blue', 'app.conf': 'x=1\n' } });
    sim.api.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { password: 'czNjcjN0' } });
    createPod(sim, 'app', [{ name: 'app', image: 'busybox', command: ['sleep', '3600'], volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }, { name: 's', mountPath: '/etc/s', readOnly: true }, { name: 'one', mountPath: '/etc/one' }] }], {
      volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 's', secret: { secretName: 's' } }, { name: 'one', configMap: { name: 'cfg', items: [{ key: 'app.conf', path: 'conf/app.conf' }] } }],
    });
    sim.advance(20_000);
    expect(exec(kubelet, 'app', 'app', ['ls', '/etc/cfg']).out).toBe('app.conf\ncolor\n');
    expect(exec(kubelet, 'app', 'app', ['cat', '/etc/cfg/color']).out).toBe('blue');
    expect(exec(kubelet, 'app', 'app', ['cat', '/etc/s/password']).out).toBe('s3cr3t');
    expect(exec(kubelet, 'app', 'app', ['cat', '/etc/one/conf/app.conf']).out).toBe('x=1\n');
    expect(exec(kubelet, 'app', 'app', ['sh', '-c', 'echo red > /etc/cfg/color'])).toEqual({ out: "sh: can't create /etc/cfg/color: Read-only file system\n", code: 1 });
    expect(exec(kubelet, 'app', 'app', ['rm', '/etc/cfg/color'])).toEqual({ out: "rm: can't remove '/etc/cfg/color': Read-only file system\n", code: 1 });
    expect(exec(kubelet, 'app', 'app', ['touch', '/etc/s/new'])).toEqual({ out: 'touch: /etc/s/new: Read-only file system\n', code: 1 });
  });
});
