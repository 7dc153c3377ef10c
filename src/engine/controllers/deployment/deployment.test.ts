import { describe, expect, it } from 'vitest';
import { deployment, markReady, pods, readyAll, replicaSets, scalingEvents, setImage, testCluster } from '../testCluster';

const get = (c: ReturnType<typeof testCluster>, name = 'web') => c.sim.api.get('deployments.apps', 'default', name);
const progressing = (c: ReturnType<typeof testCluster>) => get(c).status.conditions.find((x: { type: string }) => x.type === 'Progressing');
const revisions = (c: ReturnType<typeof testCluster>) =>
  replicaSets(c.sim).map((rs) => [rs.spec.template.spec.containers[0].image, rs.metadata.annotations?.['deployment.kubernetes.io/revision'], rs.metadata.annotations?.['deployment.kubernetes.io/revision-history']]);

function rolledOut(c: ReturnType<typeof testCluster>): void {
  c.sim.settle();
  while (readyAll(c.sim) > 0);
}

describe('Recreate', () => {
  it('scales old pods to zero and waits until they are gone before creating the new replica set', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('web', 2, 'nginx:1.26', { strategy: { type: 'Recreate' } }));
    rolledOut(c);
    // One old pod has a finalizer: it stays terminating after the scale-down.
    const held = pods(c.sim)[0];
    c.sim.api.patch('pods', 'default', held.metadata.name, 'merge', { metadata: { finalizers: ['example.com/hold'] } });
    setImage(c.sim, 'web', 'nginx:1.27');
    const [old] = replicaSets(c.sim);
    expect(replicaSets(c.sim)).toHaveLength(1);
    expect(old.spec.replicas).toBe(0);
    expect(pods(c.sim).map((p) => p.metadata.name)).toEqual([held.metadata.name]);
    c.sim.api.patch('pods', 'default', held.metadata.name, 'merge', { metadata: { finalizers: null } });
    c.sim.settle();
    const [, fresh] = replicaSets(c.sim);
    expect(scalingEvents(c)).toEqual([
      `Scaled up replica set ${old.metadata.name} from 0 to 2`,
      `Scaled down replica set ${old.metadata.name} from 2 to 0`,
      `Scaled up replica set ${fresh.metadata.name} from 0 to 2`,
    ]);
  });
});

describe('revisions', () => {
  it('rolls back by template: the old replica set becomes revision 3 and remembers 1', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('web', 2));
    rolledOut(c);
    setImage(c.sim, 'web', 'nginx:1.27');
    rolledOut(c);
    expect(revisions(c)).toEqual([
      ['nginx:1.26', '1', undefined],
      ['nginx:1.27', '2', undefined],
    ]);
    setImage(c.sim, 'web', 'nginx:1.26'); // what `kubectl rollout undo` writes
    rolledOut(c);
    expect(revisions(c)).toEqual([
      ['nginx:1.27', '2', undefined],
      ['nginx:1.26', '3', '1'],
    ]);
    expect(get(c).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(replicaSets(c.sim).map((rs) => rs.spec.replicas)).toEqual([0, 2]);
  });

  it('a restartedAt template annotation starts a new replica set', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('web', 1));
    rolledOut(c);
    c.sim.api.patch('deployments.apps', 'default', 'web', 'strategic', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-05T09:00:00Z' } } } } });
    rolledOut(c);
    expect(replicaSets(c.sim).map((rs) => rs.spec.replicas)).toEqual([0, 1]);
  });

  it('keeps only revisionHistoryLimit old replica sets', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('web', 1, 'nginx:1.20', { revisionHistoryLimit: 2 }));
    rolledOut(c);
    for (const v of ['1.21', '1.22', '1.23', '1.24']) {
      setImage(c.sim, 'web', `nginx:${v}`);
      rolledOut(c);
    }
    expect(revisions(c).map(([image, rev]) => `${image}@${rev}`)).toEqual(['nginx:1.22@3', 'nginx:1.23@4', 'nginx:1.24@5']);
  });

  it('recreates a deleted replica set under the same name', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('web', 2));
    rolledOut(c);
    const [rs] = replicaSets(c.sim);
    c.sim.api.delete('replicasets.apps', 'default', rs.metadata.name);
    c.sim.settle();
    expect(replicaSets(c.sim).map((r) => r.metadata.name)).toEqual([rs.metadata.name]);
  });
});

describe('pause, scaling and progress', () => {
  it('does not roll out while paused, still scales, and reports DeploymentPaused/Resumed', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('web', 2));
    rolledOut(c);
    c.sim.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { paused: true } });
    c.sim.settle();
    expect(progressing(c)).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    setImage(c.sim, 'web', 'nginx:1.27');
    expect(replicaSets(c.sim)).toHaveLength(1);
    c.sim.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 4 } });
    c.sim.settle();
    expect(replicaSets(c.sim).map((rs) => rs.spec.replicas)).toEqual([4]);
    c.sim.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { paused: false } });
    c.sim.settle();
    expect(replicaSets(c.sim)).toHaveLength(2);
    // The new pod appearing is progress already.
    expect(progressing(c)).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
  });

  it('times out progressing after progressDeadlineSeconds without progress', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('web', 1));
    rolledOut(c);
    setImage(c.sim, 'web', 'nginx:broken');
    const [, n] = replicaSets(c.sim);
    expect(c.events).toContain(`ScalingReplicaSet: Scaled up replica set ${n.metadata.name} from 0 to 1`);
    expect(progressing(c)).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${n.metadata.name}" is progressing.` });
    c.sim.advance(600_000);
    expect(progressing(c)).toMatchObject({ status: 'True' });
    c.sim.advance(2_000);
    expect(progressing(c)).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${n.metadata.name}" has timed out progressing.` });
    expect(get(c).status.conditions.find((x: { type: string }) => x.type === 'Available')).toMatchObject({ status: 'True' });
    // The rollout is still attempted: a ready pod finishes it.
    rolledOut(c);
    expect(progressing(c)).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('waits minReadySeconds before counting new pods available', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('web', 1, 'nginx:1.26', { minReadySeconds: 10 }));
    c.sim.settle();
    for (const p of pods(c.sim)) markReady(c.sim, p);
    c.sim.settle();
    expect(get(c).status).toMatchObject({ readyReplicas: 1 });
    expect(get(c).status.availableReplicas).toBeUndefined();
    c.sim.advance(10_000);
    expect(get(c).status.availableReplicas).toBeUndefined();
    c.sim.advance(1_000);
    expect(get(c).status).toMatchObject({ availableReplicas: 1, updatedReplicas: 1 });
    expect(replicaSets(c.sim)[0].spec.minReadySeconds).toBe(10);
  });
});
