import { describe, expect, it } from 'vitest';
import { boot, containerStatus, createPod, getPod, podEvents, waitFor } from './testing';

describe('kubelet pod lifecycle', () => {
  it('pulls nginx and runs it, with the events a real kubelet writes', () => {
    const { sim } = boot();
    createPod(sim, 'web', [{ name: 'web', image: 'nginx' }]);
    const pending = getPod(sim, 'web')!;
    expect(pending.status.phase).toBe('Pending');
    expect(pending.status.containerStatuses[0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(pending.status.hostIP).toBe('10.224.0.4');
    expect(pending.status.podIP).toBeUndefined();
    const conditions = Object.fromEntries(pending.status.conditions.map((c: any) => [c.type, c]));
    expect(conditions.Ready.message).toBe('containers with unready status: [web]');
    expect(conditions.PodReadyToStartContainers.status).toBe('False');

    const took = waitFor(sim, () => getPod(sim, 'web')?.status.phase === 'Running');
    expect(took).toBeGreaterThan(1000);
    expect(took).toBeLessThan(4000);
    const pod = getPod(sim, 'web')!;
    expect(pod.status.podIP).toBe('10.244.1.2');
    expect(pod.status.podIPs).toEqual([{ ip: '10.244.1.2' }]);
    const cs = pod.status.containerStatuses[0];
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.image).toBe('docker.io/library/nginx:latest');
    expect(cs.ready).toBe(true);
    expect(pod.status.conditions.map((c: any) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const events = podEvents(sim, 'web');
    expect(events[0]).toBe('Normal Pulling Pulling image "nginx"');
    expect(events[1]).toMatch(/^Normal Pulled Successfully pulled image "nginx" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(events.slice(2)).toEqual(['Normal Created Created container: web', 'Normal Started Started container web']);
  });

  it('uses the node image cache for the second pod', () => {
    const { sim } = boot();
    createPod(sim, 'a', [{ name: 'web', image: 'nginx:1.25' }]);
    waitFor(sim, () => getPod(sim, 'a')?.status.phase === 'Running');
    createPod(sim, 'b', [{ name: 'web', image: 'nginx:1.25' }]);
    const took = waitFor(sim, () => getPod(sim, 'b')?.status.phase === 'Running');
    expect(took).toBeLessThan(1500);
    expect(podEvents(sim, 'b')[0]).toBe('Normal Pulled Container image "nginx:1.25" already present on machine');
    expect(getPod(sim, 'b')!.status.podIP).toBe('10.244.1.3');
  });

  it('runs a busybox command to completion with restartPolicy Never', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'hi', [{ name: 'hi', image: 'busybox', command: ['sh', '-c', 'echo hi'] }], { restartPolicy: 'Never' });
    waitFor(sim, () => getPod(sim, 'hi')?.status.phase === 'Succeeded');
    const cs = containerStatus(sim, 'hi');
    expect(cs.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(cs.ready).toBe(false);
    expect(kubelet.logs('default', 'hi', 'hi')).toEqual(['hi']);
    const ready = getPod(sim, 'hi')!.status.conditions.find((c: any) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });
});
