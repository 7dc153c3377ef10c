import { describe, expect, it } from 'vitest';
import { boot } from '../kubelet/testing';
import type { Simulation } from '../sim/simulation';
import { parseTime } from '../util/time';
import { ControllerRunner } from './manager';
import { NodeLifecycleController } from './nodeLifecycle';
import { PodGCController } from './podGC';
import { TaintEvictionController } from './taintEviction';

function setup() {
  const { sim, kubelet } = boot();
  sim.add(new ControllerRunner(new NodeLifecycleController()));
  sim.add(new ControllerRunner(new TaintEvictionController()));
  sim.add(new ControllerRunner(new PodGCController()));
  // node-1 existed before the controllers started; node-2 registers while they run.
  kubelet.addNode({ name: 'node-2', capacity: { cpu: '2', memory: '8141080Ki', pods: '110' }, internalIP: '10.224.0.5', podCIDR: '10.244.2.0/24' });
  for (const [name, node] of [['web', 'node-1'], ['api', 'node-2']]) {
    sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  }
  sim.advance(30_000);
  return { sim, kubelet };
}

const node = (sim: Simulation, name = 'node-1') => sim.api.get('nodes', undefined, name);
const cond = (obj: any, type: string) => obj.status.conditions.find((c: any) => c.type === type);
const events = (sim: Simulation, kind: string, name: string) =>
  sim.api
    .list('events', { namespace: 'default' })
    .items.filter((e: any) => e.involvedObject.kind === kind && e.involvedObject.name === name)
    .map((e: any) => `${e.type} ${e.reason} ${e.source.component}: ${e.message}`);

describe('node lifecycle, taint eviction and pod GC', () => {
  it('a lost node goes NotReady after 50 s, is tainted, and its pods are deleted 300 s after the taint', () => {
    const { sim, kubelet } = setup();
    expect(events(sim, 'Node', 'node-2')).toContain('Normal RegisteredNode node-controller: Node node-2 event: Registered Node node-2 in Controller');
    expect(events(sim, 'Node', 'node-1').filter((e) => e.includes('RegisteredNode'))).toEqual([]);
    expect(cond(sim.api.get('pods', 'default', 'web'), 'Ready').status).toBe('True');
    kubelet.stopKubelet('node-1');
    const lastRenew = parseTime(sim.api.get('leases.coordination.k8s.io', 'kube-node-lease', 'node-1').spec.renewTime)!;

    sim.advance(45_000);
    expect(cond(node(sim), 'Ready').status).toBe('True');
    expect(sim.runUntil(() => cond(node(sim), 'Ready').status === 'Unknown', 30_000)).toBe(true);
    const notReadyAt = sim.now();
    expect(notReadyAt - lastRenew).toBeGreaterThan(50_000);
    expect(notReadyAt - lastRenew).toBeLessThanOrEqual(55_000);
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(cond(node(sim), type)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    }
    expect(node(sim).spec.taints).toEqual([{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: expect.any(String) }]);
    expect(events(sim, 'Node', 'node-1')).toContain('Normal NodeNotReady node-controller: Node node-1 status is now: NodeNotReady');
    expect(cond(sim.api.get('pods', 'default', 'web'), 'Ready').status).toBe('False');
    expect(events(sim, 'Pod', 'web')).toContain('Warning NodeNotReady node-controller: Node is not ready');
    expect(cond(sim.api.get('pods', 'default', 'api'), 'Ready').status).toBe('True');

    // The NoExecute taint follows on the next monitor pass.
    sim.advance(5_000);
    const noExec = node(sim).spec.taints.find((t: any) => t.effect === 'NoExecute');
    expect(noExec).toMatchObject({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' });
    const taintedAt = parseTime(noExec.timeAdded)!;

    // The pod tolerates unreachable for 300 s (DefaultTolerationSeconds), then it is deleted.
    sim.advanceTo(taintedAt + 299_000);
    expect(sim.api.get('pods', 'default', 'web').metadata.deletionTimestamp).toBeUndefined();
    sim.advanceTo(taintedAt + 300_000);
    const evicted = sim.api.get('pods', 'default', 'web');
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(cond(evicted, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(events(sim, 'Pod', 'web')).toContain('Normal TaintManagerEviction taint-eviction-controller: Marking for deletion Pod default/web');
    expect((taintedAt + 300_000 - lastRenew) / 1000).toBeGreaterThanOrEqual(350);
    expect((taintedAt + 300_000 - lastRenew) / 1000).toBeLessThanOrEqual(360);

    // No kubelet confirms: the pod stays Terminating.
    sim.advance(600_000);
    expect(sim.api.get('pods', 'default', 'web').metadata.deletionTimestamp).toBeDefined();
    expect(sim.api.get('pods', 'default', 'api').metadata.deletionTimestamp).toBeUndefined();
  });

  it('a node that comes back in time has its taints removed and nothing is evicted', () => {
    const { sim, kubelet } = setup();
    kubelet.stopKubelet('node-1');
    sim.advance(120_000);
    expect(node(sim).spec.taints).toHaveLength(2);
    kubelet.startKubelet('node-1');
    sim.advance(10_000);
    expect(cond(node(sim), 'Ready').status).toBe('True');
    expect(node(sim).spec.taints).toBeUndefined();
    expect(events(sim, 'Pod', 'web')).toContain('Normal TaintManagerEviction taint-eviction-controller: Cancelling deletion of Pod default/web');
    sim.advance(600_000);
    expect(sim.api.get('pods', 'default', 'web').metadata.deletionTimestamp).toBeUndefined();
  });

  it('a pod without the toleration is evicted as soon as the NoExecute taint lands', () => {
    const { sim, kubelet } = setup();
    sim.api.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'fragile', namespace: 'default' },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27' }], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }] },
    });
    sim.advance(10_000);
    kubelet.stopKubelet('node-1');
    sim.runUntil(() => node(sim).spec.taints?.some((t: any) => t.effect === 'NoExecute'), 120_000);
    expect(sim.api.get('pods', 'default', 'fragile').metadata.deletionTimestamp).toBeDefined();
    expect(sim.api.get('pods', 'default', 'web').metadata.deletionTimestamp).toBeUndefined();
  });

  it('a one-node cluster that loses its node is fully disrupted: no NoExecute taint, no eviction', () => {
    const { sim, kubelet } = boot();
    sim.add(new ControllerRunner(new NodeLifecycleController()));
    sim.add(new ControllerRunner(new TaintEvictionController()));
    kubelet.stopKubelet('node-1');
    sim.advance(400_000);
    expect(cond(node(sim), 'Ready').status).toBe('Unknown');
    expect(node(sim).spec.taints).toEqual([{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: expect.any(String) }]);
  });

  it('cordoning adds the unschedulable taint; deleting the Node removes its pods through pod GC', () => {
    const { sim } = setup();
    const n = node(sim, 'node-2');
    sim.api.update('nodes', { ...n, spec: { ...n.spec, unschedulable: true } });
    sim.settle();
    expect(node(sim, 'node-2').spec.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: expect.any(String) }]);
    sim.api.delete('nodes', undefined, 'node-2');
    const deletedAt = sim.now();
    sim.settle();
    expect(events(sim, 'Node', 'node-2')).toContain('Normal RemovingNode node-controller: Node node-2 event: Removing Node node-2 from Controller');
    expect(sim.runUntil(() => !sim.api.tryGet('pods', 'default', 'api'), 120_000)).toBe(true);
    expect(sim.now() - deletedAt).toBeGreaterThanOrEqual(40_000);
    expect(sim.now() - deletedAt).toBeLessThanOrEqual(80_000);
    expect(sim.api.get('pods', 'default', 'web').metadata.deletionTimestamp).toBeUndefined();
  });
});
