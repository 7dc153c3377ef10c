import { describe, expect, it } from 'vitest';
import { boot, createPod } from './testing';

function workload(sim: ReturnType<typeof boot>['sim']) {
  createPod(sim, 'web', [{ name: 'web', image: 'nginx', readinessProbe: { httpGet: { port: 80 }, periodSeconds: 3 } }]);
  createPod(sim, 'crash', [{ name: 'crash', image: 'busybox', command: ['sh', '-c', 'echo up; sleep 7; echo down; exit 2'] }]);
  createPod(sim, 'ticker', [{ name: 'tick', image: 'busybox', command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 4; done'] }]);
  createPod(sim, 'bad', [{ name: 'bad', image: 'nginx:nope' }]);
}

describe('snapshot and restore', () => {
  it('continues identically after a restore mid-life', () => {
    const a = boot(11);
    workload(a.sim);
    a.sim.advance(45_500);
    const snap = a.sim.snapshot();
    const b = boot(11, snap);
    for (const s of [a, b]) {
      s.sim.advance(10 * 60_000);
      s.sim.api.delete('pods', 'default', 'ticker');
      s.sim.advance(60_000);
    }
    expect(b.sim.snapshot()).toEqual(a.sim.snapshot());
    expect(b.kubelet.logs('default', 'crash', 'crash', { previous: true })).toEqual(['up', 'down']);
    expect(b.kubelet.logs('default', 'web', 'web').length).toBeGreaterThan(5);
  });

  it('rebuilds a running process by replay, keeping its state', () => {
    const a = boot(3);
    createPod(a.sim, 'ticker', [{ name: 'tick', image: 'busybox', command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 4; done'] }]);
    a.sim.advance(30_000);
    const b = boot(3, a.sim.snapshot());
    b.sim.advance(8_000);
    a.sim.advance(8_000);
    const logs = b.kubelet.logs('default', 'ticker', 'tick');
    expect(logs).toEqual(a.kubelet.logs('default', 'ticker', 'tick'));
    const n = logs.length;
    expect(logs[n - 1]).toBe(`tick ${n}`);
  });
});
