import { describe, expect, it } from 'vitest';
import { boot } from '../kubelet/testing';
import type { KubeObject } from '../objects';
import type { Simulation } from '../sim/simulation';
import { GarbageCollector } from './garbageCollector';
import { ControllerRunner } from './manager';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };

function ref(owner: KubeObject) {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** Deployment web → ReplicaSet web-7c5 → two running pods on node-1, wired by hand. */
function chain(sim: Simulation) {
  const deploy = sim.api.create('deployments.apps', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template },
  });
  const rs = sim.api.create('replicasets.apps', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-7c5', namespace: 'default', ownerReferences: [ref(deploy)] },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template },
  });
  for (const name of ['web-7c5-a', 'web-7c5-b']) {
    sim.api.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: 'web' }, ownerReferences: [ref(rs)] },
      spec: { nodeName: 'node-1', ...template.spec },
    });
  }
  sim.advance(10_000);
  return { deploy, rs };
}

function setup() {
  const { sim } = boot();
  sim.add(new ControllerRunner(new GarbageCollector()));
  return { sim, ...chain(sim) };
}

const get = (sim: Simulation, resource: string, name: string) => sim.api.tryGet(resource, 'default', name);
const podNames = (sim: Simulation) => sim.api.list('pods', { namespace: 'default' }).items.map((p) => p.metadata.name);

describe('garbage collector', () => {
  it('background: the owner goes at once, its ReplicaSet next, then the pods after their grace period', () => {
    const { sim } = setup();
    expect(get(sim, 'pods', 'web-7c5-a')?.status.phase).toBe('Running');
    sim.api.delete('deployments.apps', 'default', 'web', { propagationPolicy: 'Background' });
    sim.settle();
    expect(get(sim, 'deployments.apps', 'web')).toBeUndefined();
    expect(get(sim, 'replicasets.apps', 'web-7c5')).toBeUndefined();
    expect(get(sim, 'pods', 'web-7c5-a')?.metadata.deletionTimestamp).toBeDefined();
    sim.advance(40_000);
    expect(podNames(sim)).toEqual([]);
  });

  it('foreground: the owner waits with its finalizer until the pods are gone, recursively', () => {
    const { sim } = setup();
    sim.api.delete('deployments.apps', 'default', 'web', { propagationPolicy: 'Foreground' });
    sim.settle();
    const deploy = get(sim, 'deployments.apps', 'web')!;
    expect(deploy.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(deploy.metadata.deletionTimestamp).toBeDefined();
    const rs = get(sim, 'replicasets.apps', 'web-7c5')!;
    expect(rs.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(get(sim, 'pods', 'web-7c5-b')?.metadata.deletionTimestamp).toBeDefined();
    expect(sim.runUntil(() => !get(sim, 'deployments.apps', 'web'), 60_000)).toBe(true);
    expect(podNames(sim)).toEqual([]);
    expect(get(sim, 'replicasets.apps', 'web-7c5')).toBeUndefined();
  });

  it('foreground: dependents that do not block owner deletion do not hold the owner', () => {
    const { sim, rs } = setup();
    sim.api.patch('pods', 'default', 'web-7c5-a', 'merge', { metadata: { ownerReferences: [{ ...ref(rs), blockOwnerDeletion: false }] } });
    sim.api.patch('pods', 'default', 'web-7c5-b', 'merge', { metadata: { ownerReferences: [{ ...ref(rs), blockOwnerDeletion: false }] } });
    sim.api.delete('replicasets.apps', 'default', 'web-7c5', { propagationPolicy: 'Foreground' });
    sim.settle();
    expect(get(sim, 'replicasets.apps', 'web-7c5')).toBeUndefined();
    // The pods are still deleted, in the background.
    expect(get(sim, 'pods', 'web-7c5-a')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('orphan: dependents lose the owner reference and keep running', () => {
    const { sim, rs } = setup();
    sim.api.delete('deployments.apps', 'default', 'web', { propagationPolicy: 'Orphan' });
    sim.settle();
    expect(get(sim, 'deployments.apps', 'web')).toBeUndefined();
    const orphan = get(sim, 'replicasets.apps', 'web-7c5')!;
    expect(orphan.metadata.ownerReferences).toBeUndefined();
    expect(orphan.metadata.deletionTimestamp).toBeUndefined();
    sim.advance(60_000);
    expect(podNames(sim)).toEqual(['web-7c5-a', 'web-7c5-b']);
    expect(get(sim, 'pods', 'web-7c5-a')!.metadata.ownerReferences![0].uid).toBe(rs.metadata.uid);
  });

  it('keeps a dependent with another live owner, dropping the reference to the one gone', () => {
    const { sim, rs } = setup();
    const other = sim.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keeper', namespace: 'default' } });
    sim.api.patch('pods', 'default', 'web-7c5-a', 'merge', { metadata: { ownerReferences: [ref(rs), { apiVersion: 'v1', kind: 'ConfigMap', name: 'keeper', uid: other.metadata.uid }] } });
    sim.api.delete('replicasets.apps', 'default', 'web-7c5');
    sim.settle();
    const kept = get(sim, 'pods', 'web-7c5-a')!;
    expect(kept.metadata.deletionTimestamp).toBeUndefined();
    expect(kept.metadata.ownerReferences!.map((r: any) => r.name)).toEqual(['keeper']);
    expect(get(sim, 'pods', 'web-7c5-b')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('deletes an object created with a reference to an owner that does not exist', () => {
    const { sim } = setup();
    sim.api.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'stray', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'not-the-uid' }] },
    });
    sim.settle();
    expect(get(sim, 'configmaps', 'stray')).toBeUndefined();
  });
});
