import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/create';
import { KUBELET_COMPONENT, type KubeletComponent } from './component';
import { BOOT_MS } from './reboot';

describe('a node VM powered on again', () => {
  it('boots before its kubelet posts status; the node controller then lifts the taints on a monitor pass', () => {
    const sim = createCluster({ seed: 4 });
    const kubelet = sim.component<KubeletComponent>(KUBELET_COMPONENT)!;
    const node = sim.api.list('nodes').items[1].metadata.name;
    kubelet.stopKubelet(node);
    sim.advance(120_000);
    const taints = () => (sim.api.get('nodes', '', node).spec.taints ?? []).map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`);
    expect(taints()).toContain('node.kubernetes.io/unreachable:NoExecute');
    const start = sim.now();
    const at = kubelet.powerOn(node);
    expect(at - start).toBeGreaterThanOrEqual(BOOT_MS[0]);
    expect(at - start).toBeLessThanOrEqual(BOOT_MS[1]);
    // Asking again while it boots changes nothing.
    expect(kubelet.powerOn(node)).toBe(at);
    sim.advance(at - start - 1);
    expect(kubelet.kubeletAlive(node)).toBe(false);
    expect(taints()).toContain('node.kubernetes.io/unreachable:NoExecute');
    sim.advance(1);
    expect(kubelet.kubeletAlive(node)).toBe(true);
    expect(sim.runUntil(() => taints().length === 0, 10_000)).toBe(true);
    expect(sim.now() - at).toBeLessThanOrEqual(5_000);
  });

  it('never completes a boot the VM was powered off during', () => {
    const sim = createCluster({ seed: 4 });
    const kubelet = sim.component<KubeletComponent>(KUBELET_COMPONENT)!;
    const node = sim.api.list('nodes').items[0].metadata.name;
    kubelet.stopKubelet(node);
    const at = kubelet.powerOn(node);
    kubelet.stopKubelet(node);
    sim.advance(at - sim.now() + 1_000);
    expect(kubelet.kubeletAlive(node)).toBe(false);
  });
});
