import { describe, expect, it } from 'vitest';
import { boot } from '../kubelet/testing';
import { ControllerRunner } from './manager';
import { PodGCController } from './podGC';

describe('pod garbage collector', () => {
  it('deletes the oldest terminated pods beyond the threshold on its next pass', () => {
    const { sim } = boot();
    sim.add(new ControllerRunner(new PodGCController({ terminatedPodThreshold: 1 })));
    for (const name of ['a', 'b', 'c']) {
      const pod = sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
      sim.api.updateStatus('pods', { ...pod, status: { ...pod.status, phase: 'Failed' } });
      sim.advance(1_000);
    }
    expect(sim.api.list('pods').items).toHaveLength(3);
    sim.advance(20_000);
    expect(sim.api.list('pods').items.map((p) => p.metadata.name)).toEqual(['c']);
  });

  it('force-deletes pods bound to a node that no longer exists, after the quarantine, marked Failed', () => {
    const { sim } = boot();
    sim.add(new ControllerRunner(new PodGCController()));
    sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ghost', namespace: 'default' }, spec: { nodeName: 'gone-node', containers: [{ name: 'c', image: 'busybox' }] } });
    const seen: string[] = [];
    const stop = sim.api.watch('pods', { namespace: 'default' }, (e) => seen.push(`${e.type} ${e.object.status?.phase} ${e.object.status?.conditions?.find((c: any) => c.type === 'DisruptionTarget')?.reason ?? ''}`.trim()));
    sim.advance(39_000);
    expect(sim.api.tryGet('pods', 'default', 'ghost')).toBeDefined();
    sim.advance(41_000);
    expect(sim.api.tryGet('pods', 'default', 'ghost')).toBeUndefined();
    expect(seen.slice(-2)).toEqual(['MODIFIED Failed DeletionByPodGC', 'DELETED Failed DeletionByPodGC']);
    stop();
  });
});
