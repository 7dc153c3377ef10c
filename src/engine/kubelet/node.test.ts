import { describe, expect, it } from 'vitest';
import { parseTime } from '../util/time';
import { boot, containerStatus, createPod, getPod, podEvents, waitFor } from './testing';

describe('node registration and heartbeats', () => {
  it('registers the Node with kubelet conditions and a Lease', () => {
    const { sim } = boot();
    const node = sim.api.get('nodes', undefined, 'node-1');
    expect(node.metadata.annotations!['volumes.kubernetes.io/controller-managed-attach-detach']).toBe('true');
    expect(node.metadata.labels!['kubernetes.io/hostname']).toBe('node-1');
    expect(node.spec.podCIDR).toBe('10.244.1.0/24');
    expect(node.status.conditions.map((c: any) => `${c.type}=${c.status} ${c.reason}: ${c.message}`)).toEqual([
      'MemoryPressure=False KubeletHasSufficientMemory: kubelet has sufficient memory available',
      'DiskPressure=False KubeletHasNoDiskPressure: kubelet has no disk pressure',
      'PIDPressure=False KubeletHasSufficientPID: kubelet has sufficient PID available',
      'Ready=True KubeletReady: kubelet is posting ready status',
    ]);
    const lease = sim.api.get('leases.coordination.k8s.io', 'kube-node-lease', 'node-1');
    expect(lease.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
  });

  it('costs nothing while idle: 1,000 nodes schedule no timers', () => {
    const { sim, kubelet } = boot();
    for (let i = 2; i <= 1000; i++) {
      kubelet.addNode({ name: `node-${i}`, capacity: { cpu: '2', memory: '8Gi' }, internalIP: `10.224.${i >> 8}.${i & 255}`, podCIDR: `10.245.${i & 255}.0/24` });
    }
    sim.settle();
    expect(sim.queue.pending((e) => e.target === 'kubelet')).toHaveLength(0);
    sim.advance(60 * 60_000);
    const lease = sim.api.get('leases.coordination.k8s.io', 'kube-node-lease', 'node-777');
    expect(parseTime(lease.spec.renewTime)).toBe(sim.now());
  });

  it('derives Lease renewals every 10 s while the kubelet runs, frozen once it stops', () => {
    const { sim, kubelet } = boot();
    const t0 = sim.now();
    const renew = () => parseTime(sim.api.get('leases.coordination.k8s.io', 'kube-node-lease', 'node-1').spec.renewTime)! - t0;
    sim.advance(25_000);
    expect(renew()).toBe(20_000);
    sim.advance(6_000);
    expect(renew()).toBe(30_000);
    const heartbeat = () => parseTime(sim.api.get('nodes', undefined, 'node-1').status.conditions[3].lastHeartbeatTime)! - t0;
    sim.advance(6 * 60_000);
    expect(heartbeat()).toBe(5 * 60_000);
    expect(kubelet.kubeletAlive('node-1')).toBe(true);
    kubelet.stopKubelet('node-1');
    const frozen = renew();
    sim.advance(120_000);
    expect(kubelet.kubeletAlive('node-1')).toBe(false);
    expect(renew()).toBe(frozen);
    // The stored object carries the frozen value too (read without the hook).
    expect(parseTime(sim.store.get('leases.coordination.k8s.io', 'kube-node-lease', 'node-1')!.spec.renewTime)! - t0).toBe(frozen);
    kubelet.startKubelet('node-1');
    expect(renew()).toBe(sim.now() - t0);
  });

  it('leaves pods bound to a stopped kubelet Pending without status', () => {
    const { sim, kubelet } = boot();
    kubelet.stopKubelet('node-1');
    createPod(sim, 'web', [{ name: 'web', image: 'nginx' }]);
    sim.advance(60_000);
    expect(getPod(sim, 'web')!.status?.containerStatuses).toBeUndefined();
    kubelet.startKubelet('node-1');
    waitFor(sim, () => getPod(sim, 'web')?.status.phase === 'Running');
  });

  it('restarts containers after a VM reboot with lastState Unknown/255', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'web', [{ name: 'web', image: 'nginx' }]);
    waitFor(sim, () => getPod(sim, 'web')?.status.phase === 'Running');
    const ipBefore = getPod(sim, 'web')!.status.podIP;
    kubelet.stopKubelet('node-1');
    sim.advance(120_000);
    expect(getPod(sim, 'web')!.status.phase).toBe('Running');
    kubelet.startKubelet('node-1');
    sim.settle();
    expect(podEvents(sim, 'web')).toContain('Normal SandboxChanged Pod sandbox changed, it will be killed and re-created.');
    waitFor(sim, () => containerStatus(sim, 'web')?.state.running !== undefined && containerStatus(sim, 'web').restartCount === 1);
    const cs = containerStatus(sim, 'web');
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 255, reason: 'Unknown' });
    expect(getPod(sim, 'web')!.status.podIP).not.toBe(ipBefore);
    const nodeEvents = sim.api.list('events', { namespace: 'default' }).items.filter((e: any) => e.involvedObject.kind === 'Node').map((e: any) => e.reason);
    expect(nodeEvents).toContain('Rebooted');
  });

  it('finishes off pods deleted while the node was down without SandboxChanged', () => {
    const { sim, kubelet } = boot();
    createPod(sim, 'web', [{ name: 'web', image: 'nginx' }]);
    waitFor(sim, () => getPod(sim, 'web')?.status.phase === 'Running');
    kubelet.stopKubelet('node-1');
    sim.advance(60_000);
    // What taint eviction does after tolerationSeconds: a graceful delete the stopped kubelet never sees.
    sim.api.delete('pods', 'default', 'web');
    sim.advance(60_000);
    expect(getPod(sim, 'web')!.metadata.deletionTimestamp).toBeDefined();
    kubelet.startKubelet('node-1');
    waitFor(sim, () => getPod(sim, 'web') === undefined);
    expect(podEvents(sim, 'web')).not.toContain('Normal SandboxChanged Pod sandbox changed, it will be killed and re-created.');
  });
});
