import { describe, expect, it } from 'vitest';
import { boot } from '../kubelet/testing';
import type { Simulation } from '../sim/simulation';
import { ControllerRunner } from './manager';
import { NodeLifecycleController } from './nodeLifecycle';
import { TaintEvictionController } from './taintEviction';

const messages = (sim: Simulation, name: string) =>
  sim.api
    .list('events', { namespace: 'default' })
    .items.filter((e: any) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === name && e.reason === 'TaintManagerEviction')
    .map((e: any) => e.message);

describe('taint eviction cancelling', () => {
  it('records no cancel event for a pod it already evicted when the node comes back', () => {
    const { sim, kubelet } = boot();
    sim.add(new ControllerRunner(new NodeLifecycleController()));
    sim.add(new ControllerRunner(new TaintEvictionController()));
    // A second, healthy node: with every node lost the zone is in full disruption and nothing is evicted.
    kubelet.addNode({ name: 'node-2', capacity: { cpu: '2', memory: '8141080Ki', pods: '110' }, internalIP: '10.224.0.5', podCIDR: '10.244.2.0/24' });
    sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    sim.advance(30_000);
    kubelet.stopKubelet('node-1');
    // NotReady after ~50 s, NoExecute taint, then the default 300 s toleration runs out.
    sim.advance(420_000);
    expect(messages(sim, 'web')).toEqual(['Marking for deletion Pod default/web']);
    kubelet.startKubelet('node-1');
    sim.advance(60_000);
    expect(sim.api.get('nodes', undefined, 'node-1').spec.taints).toBeUndefined();
    expect(messages(sim, 'web')).toEqual(['Marking for deletion Pod default/web']);
  });
});
