import { describe, expect, it } from 'vitest';
import { boot, containerStatus, createPod, getPod, podEvents, waitFor } from './testing';

describe('graceful termination', () => {
  it('stops nginx quickly on SIGTERM and deletes the pod', () => {
    const { sim } = boot();
    const pod = createPod(sim, 'web', [{ name: 'web', image: 'nginx' }]);
    waitFor(sim, () => getPod(sim, 'web')?.status.phase === 'Running');
    const deletes: any[] = [];
    sim.store.subscribe((e) => e.resource === 'pods' && e.type === 'DELETED' && deletes.push(e.object));
    sim.api.delete('pods', 'default', 'web');
    sim.settle();
    expect(getPod(sim, 'web')!.metadata.deletionTimestamp).toBeDefined();
    expect(podEvents(sim, 'web')).toContain('Normal Killing Stopping container web');
    const took = waitFor(sim, () => !getPod(sim, 'web'), 5000);
    expect(took).toBeLessThan(500);
    expect(deletes[0].metadata.uid).toBe(pod.metadata.uid);
    expect(deletes[0].status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('kills a shell that ignores SIGTERM at the end of the grace period', () => {
    const { sim } = boot();
    createPod(sim, 'sleeper', [{ name: 'sleeper', image: 'busybox', command: ['sleep', '3600'] }]);
    waitFor(sim, () => getPod(sim, 'sleeper')?.status.phase === 'Running');
    const deletes: any[] = [];
    sim.store.subscribe((e) => e.resource === 'pods' && e.type === 'DELETED' && deletes.push(e.object));
    sim.api.delete('pods', 'default', 'sleeper');
    sim.advance(29_000);
    expect(getPod(sim, 'sleeper')).toBeDefined();
    const took = waitFor(sim, () => !getPod(sim, 'sleeper'), 5000);
    expect(took).toBeLessThanOrEqual(1000);
    expect(deletes[0].status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(deletes[0].status.phase).toBe('Failed');
  });

  it('leaves pods Terminating on a stopped kubelet', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'web', [{ name: 'web', image: 'nginx' }]);
    waitFor(sim, () => getPod(sim, 'web')?.status.phase === 'Running');
    kubelet.stopKubelet('node-1');
    sim.api.delete('pods', 'default', 'web');
    sim.advance(10 * 60_000);
    expect(getPod(sim, 'web')?.metadata.deletionTimestamp).toBeDefined();
    kubelet.startKubelet('node-1');
    waitFor(sim, () => !getPod(sim, 'web'), 5000);
  });
});

describe('init containers', () => {
  it('runs init containers to completion in order before the app containers', () => {
    const { sim } = boot();
    const phases: string[] = [];
    sim.store.subscribe((e) => {
      if (e.resource !== 'pods' || e.object.metadata.name !== 'app') return;
      const s = e.object.status?.initContainerStatuses?.map((c: any) => Object.keys(c.state)[0]).join(',');
      if (s && phases[phases.length - 1] !== s) phases.push(s);
    });
    createPod(sim, 'app', [{ name: 'web', image: 'nginx' }], {
      initContainers: [
        { name: 'one', image: 'busybox', command: ['sh', '-c', 'echo one; sleep 2'] },
        { name: 'two', image: 'busybox', command: ['sh', '-c', 'echo two'] },
      ],
    });
    const first = getPod(sim, 'app')!;
    expect(first.status.conditions.find((c: any) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [one two]',
    });
    waitFor(sim, () => getPod(sim, 'app')?.status.phase === 'Running');
    // `echo two` exits in the instant it starts: the status manager never posts it running.
    expect(phases).toEqual(['waiting,waiting', 'running,waiting', 'terminated,waiting', 'terminated,terminated']);
    expect(containerStatus(sim, 'app', 'two').state.terminated.reason).toBe('Completed');
    expect(podEvents(sim, 'app').filter((e) => e.includes('Started'))).toEqual([
      'Normal Started Started container one',
      'Normal Started Started container two',
      'Normal Started Started container web',
    ]);
  });

  it('fails the pod when an init container fails with restartPolicy Never', () => {
    const { sim } = boot();
    createPod(sim, 'bad-init', [{ name: 'web', image: 'nginx' }], {
      restartPolicy: 'Never',
      initContainers: [{ name: 'setup', image: 'busybox', command: ['sh', '-c', 'exit 3'] }],
    });
    waitFor(sim, () => getPod(sim, 'bad-init')?.status.phase === 'Failed');
    expect(containerStatus(sim, 'bad-init', 'setup').state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });
});
