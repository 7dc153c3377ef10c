import { describe, expect, it } from 'vitest';
import { boot } from '../kubelet/testing';
import type { KubeObject } from '../objects';
import { Scheduler } from '../scheduler/scheduler';
import type { Simulation } from '../sim/simulation';
import { clone } from '../util/clone';
import { DaemonSetController } from './daemonSet';
import { GarbageCollector } from './garbageCollector';
import { ControllerRunner } from './manager';

function setup() {
  const { sim, kubelet } = boot();
  sim.add(new Scheduler());
  sim.add(new ControllerRunner(new DaemonSetController()));
  sim.add(new ControllerRunner(new GarbageCollector()));
  const node = (i: number, taints?: any[]) => ({ name: `node-${i}`, capacity: { cpu: '2', memory: '8141080Ki', pods: '110' }, internalIP: `10.224.0.${3 + i}`, podCIDR: `10.244.${i}.0/24`, taints });
  kubelet.addNode(node(2));
  kubelet.addNode(node(3));
  kubelet.addNode(node(4, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]));
  sim.settle();
  return { sim, kubelet, node };
}

function daemonSet(image = 'fluent/fluent-bit:3.1'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'logs', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'logs' } }, template: { metadata: { labels: { app: 'logs' } }, spec: { containers: [{ name: 'agent', image }] } } },
  };
}

const pods = (sim: Simulation) => sim.api.list('pods', { namespace: 'default', labelSelector: 'app=logs' }).items;
const live = (sim: Simulation) => pods(sim).filter((p) => !p.metadata.deletionTimestamp);
const ds = (sim: Simulation) => clone(sim.api.get('daemonsets.apps', 'default', 'logs'));

describe('daemonset controller', () => {
  it('runs one pod on each eligible node and skips the tainted one', () => {
    const { sim } = setup();
    sim.api.create('daemonsets.apps', daemonSet());
    sim.settle();
    const created = pods(sim);
    expect(created).toHaveLength(3);
    const pod = created[0];
    expect(pod.metadata.name).toMatch(/^logs-[a-z0-9]{5}$/);
    expect(pod.metadata.labels).toMatchObject({ app: 'logs', 'pod-template-generation': '1', 'controller-revision-hash': expect.stringMatching(/^[a-z0-9]+$/) });
    expect(pod.metadata.ownerReferences![0]).toMatchObject({ kind: 'DaemonSet', name: 'logs', controller: true, blockOwnerDeletion: true });
    expect(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]).toMatchObject({ key: 'metadata.name', operator: 'In' });
    expect(pod.spec.tolerations.map((t: any) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(sim.runUntil(() => pods(sim).every((p) => p.status.phase === 'Running'), 60_000)).toBe(true);
    expect(pods(sim).map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    sim.settle();
    expect(ds(sim).status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0, observedGeneration: 1 });
    const hash = pod.metadata.labels!['controller-revision-hash'];
    const rev = sim.api.get('controllerrevisions.apps', 'default', `logs-${hash}`);
    expect(rev).toMatchObject({ revision: 1, metadata: { labels: { app: 'logs', 'controller-revision-hash': hash } } });
    const events = sim.api.list('events', { namespace: 'default' }).items.filter((e: any) => e.involvedObject.kind === 'DaemonSet');
    expect(events.map((e: any) => `${e.reason} ${e.message}`)).toEqual(created.map((p) => `SuccessfulCreate Created pod: ${p.metadata.name}`));
  });

  it('puts a pod on a new node at once, and on a tainted node once the DaemonSet tolerates it', () => {
    const { sim, kubelet, node } = setup();
    sim.api.create('daemonsets.apps', daemonSet());
    sim.settle();
    kubelet.addNode(node(5));
    sim.settle();
    expect(live(sim).map((p) => p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]).sort()).toEqual(['node-1', 'node-2', 'node-3', 'node-5']);
    const d = ds(sim);
    d.spec.template.spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }];
    sim.api.update('daemonsets.apps', d);
    expect(sim.runUntil(() => live(sim).length === 5 && live(sim).every((p) => p.status.phase === 'Running' && p.metadata.labels!['pod-template-generation'] === '2'), 300_000)).toBe(true);
    expect(ds(sim).status.desiredNumberScheduled).toBe(5);
  });

  it('rolls a new template out one node at a time', () => {
    const { sim } = setup();
    sim.api.create('daemonsets.apps', daemonSet());
    sim.runUntil(() => pods(sim).every((p) => p.status.phase === 'Running'), 60_000);
    sim.settle();
    const before = new Set(pods(sim).map((p) => p.metadata.name));
    const d = ds(sim);
    d.spec.template.spec.containers[0].image = 'fluent/fluent-bit:3.2';
    sim.api.update('daemonsets.apps', d);
    sim.settle();
    // maxUnavailable 1: exactly one old pod is being replaced.
    expect(pods(sim).filter((p) => p.metadata.deletionTimestamp)).toHaveLength(1);
    let maxDown = 0;
    const done = sim.runUntil(() => {
      const running = live(sim).filter((p) => p.status.phase === 'Running' && p.status.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'));
      maxDown = Math.max(maxDown, 3 - running.length);
      return running.length === 3 && running.every((p) => !before.has(p.metadata.name));
    }, 600_000);
    expect(done).toBe(true);
    expect(maxDown).toBe(1);
    sim.settle();
    expect(ds(sim).status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
    expect(sim.api.list('controllerrevisions.apps', { namespace: 'default' }).items.map((r: any) => r.revision).sort()).toEqual([1, 2]);
  });

  it('OnDelete replaces a pod only when it is deleted', () => {
    const { sim } = setup();
    const manifest = daemonSet();
    manifest.spec.updateStrategy = { type: 'OnDelete' };
    sim.api.create('daemonsets.apps', manifest);
    sim.runUntil(() => pods(sim).every((p) => p.status.phase === 'Running'), 60_000);
    const d = ds(sim);
    d.spec.template.spec.containers[0].image = 'fluent/fluent-bit:3.2';
    sim.api.update('daemonsets.apps', d);
    sim.advance(120_000);
    expect(pods(sim).every((p) => p.spec.containers[0].image === 'fluent/fluent-bit:3.1')).toBe(true);
    sim.api.delete('pods', 'default', pods(sim)[0].metadata.name);
    expect(sim.runUntil(() => live(sim).filter((p) => p.spec.containers[0].image === 'fluent/fluent-bit:3.2').length === 1 && live(sim).length === 3, 120_000)).toBe(true);
  });
});
