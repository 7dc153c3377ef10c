import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects';
import { Simulation } from '../sim/simulation';
import { clone } from '../util/clone';
import { makeNode, makePod } from './fixtures';
import { Scheduler } from './scheduler';

function cluster(nodes: number, opts: Parameters<typeof makeNode>[1] = {}) {
  const sim = new Simulation({ seed: 1 });
  sim.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } } as KubeObject);
  sim.api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } } as KubeObject);
  for (let i = 1; i <= nodes; i++) sim.api.create('nodes', makeNode(`node-${i}`, opts) as KubeObject);
  sim.add(new Scheduler());
  return sim;
}

const pod = (sim: Simulation, name: string) => sim.api.get('pods', 'default', name);
const events = (sim: Simulation, name: string, reason: string) =>
  sim.api.list('events', { namespace: 'default' }).items.filter((e: any) => e.involvedObject.name === name && e.reason === reason) as any[];

describe('default-scheduler in a simulation', () => {
  it('binds a pod, sets PodScheduled=True and records Scheduled', () => {
    const sim = cluster(1);
    sim.api.create('pods', makePod('web', { cpu: '100m' }) as KubeObject);
    sim.settle();
    const p = pod(sim, 'web');
    expect(p.spec.nodeName).toBe('node-1');
    expect(p.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'True' }));
    const [ev] = events(sim, 'web', 'Scheduled');
    expect(ev).toMatchObject({ type: 'Normal', message: 'Successfully assigned default/web to node-1', source: { component: 'default-scheduler' } });
  });

  it('spreads 3 equal pods over 3 equal nodes', () => {
    const sim = cluster(3);
    for (const n of ['a', 'b', 'c']) sim.api.create('pods', makePod(n, { cpu: '500m', memory: '512Mi' }) as KubeObject);
    sim.settle();
    expect(new Set(['a', 'b', 'c'].map((n) => pod(sim, n).spec.nodeName))).toEqual(new Set(['node-1', 'node-2', 'node-3']));
  });

  it('leaves pods of other schedulers alone', () => {
    const sim = cluster(1);
    const p = makePod('other', {}, { schedulerName: 'my-scheduler' });
    sim.api.create('pods', p as KubeObject);
    sim.settle();
    expect(pod(sim, 'other').spec.nodeName).toBeUndefined();
  });

  it('reports insufficient cpu and untolerated taints with the 1.34 message', () => {
    const sim = cluster(2, { cpu: '1' });
    sim.api.create('nodes', makeNode('node-3', { spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }] } }) as KubeObject);
    sim.api.create('pods', makePod('big', { cpu: '1500m' }) as KubeObject);
    sim.settle();
    const msg =
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    const p = pod(sim, 'big');
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg }));
    expect(events(sim, 'big', 'FailedScheduling')[0]).toMatchObject({ type: 'Warning', message: msg, count: 1 });
  });

  it('says No preemption victims found when the shortage could be freed but nothing has lower priority', () => {
    const sim = cluster(2, { cpu: '1' });
    sim.api.create('pods', makePod('first', { cpu: '600m' }) as KubeObject);
    sim.api.create('pods', makePod('second', { cpu: '600m' }) as KubeObject);
    sim.api.create('pods', makePod('third', { cpu: '600m' }) as KubeObject);
    sim.settle();
    expect(pod(sim, 'third').status.conditions[0].message).toBe(
      '0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });

  it('reports a nodeSelector mismatch', () => {
    const sim = cluster(3);
    sim.api.create('pods', makePod('picky', {}, { nodeSelector: { disk: 'ssd' } }) as KubeObject);
    sim.settle();
    expect(events(sim, 'picky', 'FailedScheduling')[0].message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('says no nodes available when there are none, and binds when a node is added', () => {
    const sim = cluster(0);
    sim.api.create('pods', makePod('early') as KubeObject);
    sim.settle();
    expect(pod(sim, 'early').status.conditions[0].message).toBe('no nodes available to schedule pods');
    sim.advance(3000);
    sim.api.create('nodes', makeNode('late') as KubeObject);
    sim.settle();
    expect(pod(sim, 'early').spec.nodeName).toBe('late');
  });

  it('retries after a node is uncordoned, honouring backoff', () => {
    const sim = cluster(1, { spec: { unschedulable: true } });
    sim.api.create('pods', makePod('waiting') as KubeObject);
    sim.settle();
    expect(events(sim, 'waiting', 'FailedScheduling')[0].message).toMatch(/^0\/1 nodes are available: 1 node\(s\) were unschedulable\./);
    const node = clone(sim.api.get('nodes', undefined, 'node-1'));
    node.spec.unschedulable = false;
    sim.api.update('nodes', node);
    sim.settle();
    // Still within the 1 s backoff of the first attempt.
    expect(pod(sim, 'waiting').spec.nodeName).toBeUndefined();
    sim.advance(1000);
    expect(pod(sim, 'waiting').spec.nodeName).toBe('node-1');
  });

  it('does not retry on unrelated changes, but does on the 5-minute flush (event counted, not duplicated)', () => {
    const sim = cluster(1, { cpu: '1' });
    sim.api.create('pods', makePod('huge', { cpu: '2' }) as KubeObject);
    sim.settle();
    // A node too small for the pod, and a label change, are no help: no retry.
    const node = clone(sim.api.get('nodes', undefined, 'node-1'));
    node.metadata.labels!.team = 'blue';
    sim.api.update('nodes', node);
    sim.advance(60_000);
    sim.api.create('nodes', makeNode('small', { cpu: '1' }) as KubeObject);
    sim.advance(120_000);
    expect(events(sim, 'huge', 'FailedScheduling')).toHaveLength(1);
    expect(events(sim, 'huge', 'FailedScheduling')[0].count).toBe(1);
    // The 5-minute flush retries it: a new message (now 0/2), recorded as a second event.
    sim.advance(120_000);
    const evs = events(sim, 'huge', 'FailedScheduling');
    expect(evs.map((e) => e.message.slice(0, 44))).toEqual(['0/1 nodes are available: 1 Insufficient cpu.', '0/2 nodes are available: 2 Insufficient cpu.']);
    // Another 5 minutes: the same message again is counted, not duplicated.
    sim.advance(300_000);
    expect(events(sim, 'huge', 'FailedScheduling').map((e) => e.count)).toEqual([1, 2]);
    // A big enough node: scheduled at once (the pod has been parked longer than its backoff).
    sim.advance(20_000);
    sim.api.create('nodes', makeNode('big', { cpu: '4' }) as KubeObject);
    sim.settle();
    expect(pod(sim, 'huge').spec.nodeName).toBe('big');
  });

  it('retries when a bound pod is deleted and frees room', () => {
    const sim = cluster(1, { cpu: '1' });
    sim.api.create('pods', makePod('holder', { cpu: '800m' }) as KubeObject);
    sim.settle();
    sim.api.create('pods', makePod('next', { cpu: '800m' }) as KubeObject);
    sim.settle();
    expect(pod(sim, 'next').spec.nodeName).toBeUndefined();
    sim.advance(5000);
    sim.api.delete('pods', 'default', 'holder', { gracePeriodSeconds: 0 });
    sim.settle();
    expect(pod(sim, 'next').spec.nodeName).toBe('node-1');
  });

  it('preempts a lower-priority pod: DisruptionTarget, Preempted event, nominated node, then binds', () => {
    const sim = cluster(1, { cpu: '1' });
    sim.api.create('pods', makePod('low', { cpu: '800m' }) as KubeObject);
    sim.settle();
    sim.api.create('pods', makePod('high', { cpu: '800m' }, { priorityClassName: 'system-cluster-critical' }) as KubeObject);
    sim.settle();
    const victim = pod(sim, 'low');
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(victim.status.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', reason: 'PreemptionByScheduler' }));
    expect(events(sim, 'low', 'Preempted')[0].message).toBe(`Preempted by pod ${pod(sim, 'high').metadata.uid} on node node-1`);
    expect(pod(sim, 'high').status.nominatedNodeName).toBe('node-1');
    // Preemption succeeded, so the message carries no PostFilter part.
    expect(events(sim, 'high', 'FailedScheduling')[0].message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    sim.advance(2000);
    sim.api.delete('pods', 'default', 'low', { gracePeriodSeconds: 0 });
    sim.settle();
    expect(pod(sim, 'high').spec.nodeName).toBe('node-1');
  });

  it('carries its queue across a snapshot and restore', () => {
    const sim = cluster(1, { cpu: '1' });
    sim.api.create('pods', makePod('huge', { cpu: '2' }) as KubeObject);
    sim.settle();
    const snap = sim.snapshot();
    const restored = new Simulation({}, snap);
    restored.add(new Scheduler(), snap.components['default-scheduler']);
    restored.settle();
    // Still parked: no immediate retry after the restore.
    expect(restored.api.list('events', { namespace: 'default' }).items.filter((e: any) => e.reason === 'FailedScheduling')).toHaveLength(1);
    restored.api.create('nodes', makeNode('big', { cpu: '4' }) as KubeObject);
    restored.advance(1000);
    expect(restored.api.get('pods', 'default', 'huge').spec.nodeName).toBe('big');
  });
});
