import { describe, expect, it } from 'vitest';
import { boot, createPod, getPod, waitFor } from './testing';

describe('kubelet: hostNetwork pods', () => {
  it('reports the node IP as the pod IP, from the first status on', () => {
    const { sim } = boot();
    createPod(sim, 'agent', [{ name: 'agent', image: 'nginx:1.25' }], { hostNetwork: true });
    const pending = getPod(sim, 'agent')!;
    expect(pending.status.podIP).toBe('10.224.0.4');
    expect(pending.status.podIPs).toEqual([{ ip: '10.224.0.4' }]);
    waitFor(sim, () => getPod(sim, 'agent')?.status.phase === 'Running');
    const running = getPod(sim, 'agent')!;
    expect(running.status.podIP).toBe(running.status.hostIP);
  });

  it('takes no address from the pod CIDR', () => {
    const { sim } = boot();
    createPod(sim, 'agent', [{ name: 'agent', image: 'nginx:1.25' }], { hostNetwork: true });
    waitFor(sim, () => getPod(sim, 'agent')?.status.phase === 'Running');
    createPod(sim, 'web', [{ name: 'web', image: 'nginx:1.25' }]);
    waitFor(sim, () => getPod(sim, 'web')?.status.phase === 'Running');
    // The first address host-local hands out on this node, as if the hostNetwork pod were absent.
    expect(getPod(sim, 'web')!.status.podIP).toBe('10.244.1.2');
  });
});
