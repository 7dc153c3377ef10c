import { afterEach, describe, expect, it } from 'vitest';
import { Random } from '../sim/random';
import { dormancy } from './processes';
import { boot, createPod } from './testing';

/** Containers that park for good (servers, `sleep infinity`) and some that never do. */
const CONTAINERS: any[] = [
  { name: 'c', image: 'nginx:1.27' },
  { name: 'c', image: 'redis:7' },
  { name: 'c', image: 'busybox', command: ['sh', '-c', 'echo start > /tmp/f; echo up; sleep 3; echo ready; sleep infinity'] },
  { name: 'c', image: 'busybox', command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 4; done'] },
  { name: 'c', image: 'nginx:1.27', livenessProbe: { exec: { command: ['sh', '-c', 'echo x >> /tmp/p; test $(wc -l < /tmp/p) -lt 4'] }, periodSeconds: 5 } },
  // Exec probes write files before the process parks: those writes must survive it.
  { name: 'c', image: 'busybox', command: ['sh', '-c', 'echo up; sleep 12; echo parked; sleep infinity'], livenessProbe: { exec: { command: ['sh', '-c', 'echo x >> /tmp/p; test $(wc -l < /tmp/p) -lt 9'] }, periodSeconds: 2 } },
  { name: 'c', image: 'nginx:1.27', readinessProbe: { httpGet: { port: 80 }, periodSeconds: 3 } },
  { name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hi; sleep infinity'], readinessProbe: { exec: { command: ['cat', '/tmp/none'] }, periodSeconds: 2 } },
];

/** A random workload: pods created, deleted (SIGTERM to a parked process), time advanced. */
function run(seed: number, keepParked: boolean) {
  dormancy.keepParked = keepParked;
  const r = new Random(seed);
  const { sim, kubelet } = boot(seed);
  const names: string[] = [];
  for (let step = 0; step < 12; step++) {
    const op = r.int(3);
    if (op === 0 || names.length === 0) {
      const name = `p${step}`;
      createPod(sim, name, [CONTAINERS[r.int(CONTAINERS.length)]], r.int(2) ? { terminationGracePeriodSeconds: r.int(5) } : {});
      names.push(name);
    } else if (op === 1) {
      const name = names.splice(r.int(names.length), 1)[0];
      sim.api.delete('pods', 'default', name, r.int(3) === 0 ? { gracePeriodSeconds: 0 } : {});
    }
    sim.advance(1 + r.int(40_000));
  }
  sim.advance(120_000);
  const logs = names.map((n) => kubelet.logs('default', n, 'c'));
  return { snapshot: sim.snapshot(), logs, dormant: [...(kubelet as any).nodes.values()].flatMap((k: any) => [...k.live.values()]).filter((p: any) => p.dormant).length };
}

describe('dormant processes', () => {
  afterEach(() => {
    dormancy.keepParked = false;
  });

  it('behave exactly as processes kept live (random workloads)', () => {
    let dormant = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const kept = run(seed, true);
      const parked = run(seed, false);
      expect(kept.dormant).toBe(0);
      expect(parked.snapshot).toEqual(kept.snapshot);
      expect(parked.logs).toEqual(kept.logs);
      dormant += parked.dormant;
    }
    expect(dormant).toBeGreaterThan(0);
  }, 60_000);
});
