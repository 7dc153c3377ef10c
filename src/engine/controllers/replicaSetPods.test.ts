import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects';
import { Random } from '../sim/random';
import { Store } from '../store/store';
import { clone } from '../util/clone';
import { controllerUidIndexValues, CONTROLLER_UID_INDEX } from './podUtil';
import { ReplicaSetPodCounts } from './replicaSetPods';

const RS = 'replicasets.apps';

function replicaSet(name: string, uid: string, selector: Record<string, string>, templateLabels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid },
    spec: { replicas: 3, selector: { matchLabels: selector }, template: { metadata: { labels: templateLabels }, spec: {} } },
  };
}

const owners = ['rs-a', 'rs-b', undefined];
const labelChoices: Record<string, string>[] = [{ app: 'a' }, { app: 'a', tier: 'web' }, { app: 'b' }, {}, { app: 'b', tier: 'web' }];
const phases = ['Pending', 'Running', 'Succeeded', 'Failed', undefined];

function randomPod(r: Random, name: string): KubeObject {
  const owner = owners[r.int(owners.length)];
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { ...labelChoices[r.int(labelChoices.length)] } },
    spec: {},
    status: {},
  };
  if (owner) pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true }];
  if (r.int(2)) pod.metadata.ownerReferences = [...(pod.metadata.ownerReferences ?? []), { apiVersion: 'v1', kind: 'Other', name: 'x', uid: 'other' }];
  const phase = phases[r.int(phases.length)];
  if (phase) pod.status.phase = phase;
  if (r.int(3)) pod.status.conditions = [{ type: 'Ready', status: r.int(2) ? 'True' : 'False' }];
  if (r.int(6) === 0) pod.metadata.deletionTimestamp = '2026-01-05T09:00:00Z';
  return pod;
}

describe('ReplicaSetPodCounts', () => {
  it('always equals a full recount under random pod and ReplicaSet changes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = new Random(seed);
      const store = new Store();
      store.addIndex('pods', CONTROLLER_UID_INDEX, controllerUidIndexValues);
      const counts = new ReplicaSetPodCounts(store);
      store.subscribe((e) => counts.observe(e));
      const sets = [replicaSet('rs-a', 'rs-a', { app: 'a' }, { app: 'a', tier: 'web' }), replicaSet('rs-b', 'rs-b', { app: 'b' }, { app: 'b' })];
      for (const rs of sets) store.put(RS, rs);
      const names = Array.from({ length: 12 }, (_, i) => `p${i}`);
      for (let step = 0; step < 400; step++) {
        const name = names[r.int(names.length)];
        const op = r.int(10);
        if (op === 0) store.remove('pods', 'default', name);
        else if (op === 1) {
          // A template edit: the entry is rebuilt for the new shape.
          const i = r.int(sets.length);
          const next = clone(sets[i]);
          next.spec.template.metadata.labels = { ...labelChoices[r.int(labelChoices.length)] };
          sets[i] = next;
          store.put(RS, next);
        } else store.put('pods', randomPod(r, name));
        // Ask only sometimes, so entries also live through many unobserved changes.
        if (r.int(3) === 0) {
          for (const rs of sets) expect(counts.counts(rs)).toEqual(ReplicaSetPodCounts.recount(store, rs));
        }
      }
      for (const rs of sets) expect(counts.counts(rs)).toEqual(ReplicaSetPodCounts.recount(store, rs));
    }
  });

  it('counts active, claimed, fully labeled and ready pods', () => {
    const store = new Store();
    store.addIndex('pods', CONTROLLER_UID_INDEX, controllerUidIndexValues);
    const counts = new ReplicaSetPodCounts(store);
    store.subscribe((e) => counts.observe(e));
    const rs = replicaSet('rs-a', 'rs-a', { app: 'a' }, { app: 'a', tier: 'web' });
    store.put(RS, rs);
    const pod = (name: string, labels: Record<string, string>, ready: boolean, phase = 'Running'): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', uid: name, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs-a', uid: 'rs-a', controller: true }] },
      spec: {},
      status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
    });
    expect(counts.counts(rs)).toEqual({ active: 0, claimed: 0, fully: 0, ready: 0 });
    store.put('pods', pod('a', { app: 'a', tier: 'web' }, true));
    store.put('pods', pod('b', { app: 'a' }, false));
    store.put('pods', pod('c', { app: 'z' }, true));
    store.put('pods', pod('d', { app: 'a' }, true, 'Succeeded'));
    expect(counts.counts(rs)).toEqual({ active: 3, claimed: 2, fully: 1, ready: 1 });
    store.remove('pods', 'default', 'a');
    expect(counts.counts(rs)).toEqual({ active: 2, claimed: 1, fully: 0, ready: 0 });
  });
});
