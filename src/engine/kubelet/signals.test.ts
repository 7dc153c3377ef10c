import { describe, expect, it } from 'vitest';
import type { ShellEffect } from '../shell/types';
import { boot, containerStatus, createPod, podEvents, waitFor } from './testing';

type Kubelet = ReturnType<typeof boot>['kubelet'];

function exec(kubelet: Kubelet, pod: string, argv: string[]): { out: string; code: number } {
  const gen = kubelet.exec('default', pod, pod, argv);
  let out = '';
  let r = gen.next();
  while (!r.done) {
    const e: ShellEffect = r.value;
    if (e.type === 'stdout' || e.type === 'stderr') out += e.text;
    r = gen.next();
  }
  return { out, code: r.value };
}

describe('signals sent from inside a container', () => {
  it('leaves a PID 1 without handlers running, even for SIGKILL', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'box', [{ name: 'box', image: 'busybox', command: ['sleep', '3600'] }]);
    sim.advance(10_000);
    expect(exec(kubelet, 'box', ['kill', '1'])).toEqual({ out: '', code: 0 });
    expect(exec(kubelet, 'box', ['sh', '-c', 'kill -9 1'])).toEqual({ out: '', code: 0 });
    sim.advance(30_000);
    expect(containerStatus(sim, 'box')).toMatchObject({ restartCount: 0, state: { running: {} } });
    expect(exec(kubelet, 'box', ['kill', '99'])).toEqual({ out: "kill: can't kill pid 99: No such process\n", code: 1 });
    expect(exec(kubelet, 'box', ['sh', '-c', 'kill -s BOGUS 1'])).toEqual({ out: "sh: bad signal name 'BOGUS'\n", code: 1 });
  });

  it('stops nginx with nginx -s quit; the kubelet restarts it, and backs off only when it keeps exiting', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'web', [{ name: 'web', image: 'nginx:1.27' }]);
    sim.advance(10_000);
    expect(exec(kubelet, 'web', ['nginx', '-s', 'quit']).code).toBe(0);
    waitFor(sim, () => containerStatus(sim, 'web')?.restartCount === 1 && !!containerStatus(sim, 'web')?.state?.running);
    expect(containerStatus(sim, 'web').lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(podEvents(sim, 'web').filter((e) => e.includes('BackOff'))).toEqual([]);
    // Debian images have no /bin/kill, but their shells have the builtin.
    expect(() => exec(kubelet, 'web', ['kill', '1'])).toThrow(/exec: "kill": executable file not found in \$PATH/);
    expect(exec(kubelet, 'web', ['sh', '-c', 'kill 1']).code).toBe(0);
    waitFor(sim, () => containerStatus(sim, 'web')?.state?.waiting?.reason === 'CrashLoopBackOff');
    expect(podEvents(sim, 'web')).toContain('Warning BackOff Back-off restarting failed container web in pod web_default(' + sim.api.get('pods', 'default', 'web').metadata.uid + ')');
  });
});
