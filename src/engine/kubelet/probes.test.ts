import { describe, expect, it } from 'vitest';
import { boot, containerStatus, createPod, getPod, podEvents, waitFor } from './testing';

const readyOf = (pod: any) => pod?.status?.conditions?.find((c: any) => c.type === 'Ready')?.status;

describe('probes', () => {
  it('holds Ready until the readiness probe passes', () => {
    const { sim } = boot();
    createPod(sim, 'web', [{ name: 'web', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 } }]);
    waitFor(sim, () => getPod(sim, 'web')?.status.phase === 'Running');
    const running = sim.now();
    expect(readyOf(getPod(sim, 'web'))).toBe('False');
    expect(containerStatus(sim, 'web').ready).toBe(false);
    waitFor(sim, () => readyOf(getPod(sim, 'web')) === 'True');
    expect(sim.now() - running).toBeGreaterThanOrEqual(4000);
    expect(sim.now() - running).toBeLessThan(11_000);
    expect(podEvents(sim, 'web').some((e) => e.includes('Unhealthy'))).toBe(false);
  });

  it('reports readiness failures with the real message and never restarts for them', () => {
    const { sim } = boot();
    createPod(sim, 'web', [{ name: 'web', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 } }]);
    sim.advance(60_000);
    const pod = getPod(sim, 'web')!;
    expect(readyOf(pod)).toBe('False');
    expect(pod.status.containerStatuses[0].restartCount).toBe(0);
    const ip = pod.status.podIP;
    expect(podEvents(sim, 'web')).toContain(`Warning Unhealthy Readiness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`);
    const ev = sim.api.list('events', { namespace: 'default' }).items.find((e: any) => e.reason === 'Unhealthy') as any;
    expect(ev.count).toBeGreaterThan(8);
    expect(ev.involvedObject.fieldPath).toBe('spec.containers{web}');
  });

  it('runs exec probes in the container, seeing the files its process wrote', () => {
    const { sim } = boot();
    createPod(sim, 'exec', [
      {
        name: 'app',
        image: 'busybox',
        command: ['sh', '-c', 'sleep 8; echo ok > /tmp/healthy; sleep 3600'],
        readinessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 2 },
      },
    ]);
    sim.advance(6000);
    expect(readyOf(getPod(sim, 'exec'))).toBe('False');
    expect(podEvents(sim, 'exec')).toContain("Warning Unhealthy Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    waitFor(sim, () => readyOf(getPod(sim, 'exec')) === 'True', 10_000);
  });

  it('restarts a container whose liveness probe fails', () => {
    const { sim } = boot();
    createPod(
      sim,
      'live',
      [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 3600'], livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 3, periodSeconds: 5 } }],
      { terminationGracePeriodSeconds: 5 },
    );
    waitFor(sim, () => podEvents(sim, 'live').includes('Normal Killing Container app failed liveness probe, will be restarted'), 60_000);
    const killedAt = sim.now();
    waitFor(sim, () => containerStatus(sim, 'live')?.restartCount === 1, 60_000);
    // sh as PID 1 ignores SIGTERM: the kubelet's SIGKILL ends it after the 5 s grace period.
    expect(sim.now() - killedAt).toBeGreaterThanOrEqual(5000);
    const cs = containerStatus(sim, 'live');
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    const ip = getPod(sim, 'live')!.status.podIP;
    expect(podEvents(sim, 'live')).toContain(`Warning Unhealthy Liveness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
  });
});

describe('resources', () => {
  it('OOM-kills polinux/stress above its memory limit', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'memory-demo', [
      {
        name: 'memory-demo-ctr',
        image: 'polinux/stress',
        resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } },
        command: ['stress'],
        args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
      },
    ]);
    waitFor(sim, () => containerStatus(sim, 'memory-demo')?.state.terminated?.reason === 'OOMKilled');
    expect(containerStatus(sim, 'memory-demo').state.terminated.exitCode).toBe(137);
    waitFor(sim, () => containerStatus(sim, 'memory-demo')?.lastState.terminated?.reason === 'OOMKilled');
    expect(getPod(sim, 'memory-demo')!.status.qosClass).toBe('Burstable');
    expect(kubelet.usage('default', 'memory-demo')).toBeDefined();
  });

  it('exposes CPU and memory use of running containers', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'load', [{ name: 'load', image: 'polinux/stress', command: ['stress'], args: ['--cpu', '1'] }]);
    waitFor(sim, () => getPod(sim, 'load')?.status.phase === 'Running');
    sim.advance(1000);
    expect(kubelet.usage('default', 'load')).toEqual([{ name: 'load', cpu: 1000, memory: 800_000 }]);
  });
});
