import { describe, expect, it } from 'vitest';
import { deployment, readyAll, replicaSets, scalingEvents, setImage, testCluster } from '../testCluster';

const sizes = (c: ReturnType<typeof testCluster>) => replicaSets(c.sim).map((rs) => rs.spec.replicas);

describe('RollingUpdate', () => {
  it('replaces 3 replicas one at a time with the defaults (surge 1, unavailable 0)', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('web', 3));
    c.sim.settle();
    readyAll(c.sim);
    const [first] = replicaSets(c.sim);
    setImage(c.sim, 'web', 'nginx:1.27');
    const [, second] = replicaSets(c.sim);
    expect(sizes(c)).toEqual([3, 1]);
    while (readyAll(c.sim) > 0);
    expect(sizes(c)).toEqual([0, 3]);
    const o = first.metadata.name;
    const n = second.metadata.name;
    expect(scalingEvents(c)).toEqual([
      `Scaled up replica set ${o} from 0 to 3`,
      `Scaled up replica set ${n} from 0 to 1`,
      `Scaled down replica set ${o} from 3 to 2`,
      `Scaled up replica set ${n} from 1 to 2`,
      `Scaled down replica set ${o} from 2 to 1`,
      `Scaled up replica set ${n} from 2 to 3`,
      `Scaled down replica set ${o} from 1 to 0`,
    ]);
    const d = c.sim.api.get('deployments.apps', 'default', 'web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status.conditions.map((x: { type: string; reason: string; message: string }) => [x.type, x.reason, x.message])).toEqual([
      ['Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${n}" has successfully progressed.`],
    ]);
  });

  it('resolves 25% of 10 to surge 3 and unavailable 2', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('api', 10));
    c.sim.settle();
    readyAll(c.sim);
    setImage(c.sim, 'api', 'nginx:1.27');
    const [o, n] = replicaSets(c.sim).map((rs) => rs.metadata.name);
    // Without any new pod ready: 13 pods at most, 8 available at least.
    expect(scalingEvents(c).slice(1)).toEqual([`Scaled up replica set ${n} from 0 to 3`, `Scaled down replica set ${o} from 10 to 8`, `Scaled up replica set ${n} from 3 to 5`]);
    expect(sizes(c)).toEqual([8, 5]);
    while (readyAll(c.sim) > 0);
    expect(sizes(c)).toEqual([0, 10]);
  });

  it('scales old replica sets down first with maxSurge 0', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('web', 2, 'nginx:1.26', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } }));
    c.sim.settle();
    readyAll(c.sim);
    setImage(c.sim, 'web', 'nginx:1.27');
    const [o, n] = replicaSets(c.sim).map((rs) => rs.metadata.name);
    expect(scalingEvents(c).slice(1, 3)).toEqual([`Scaled down replica set ${o} from 2 to 1`, `Scaled up replica set ${n} from 0 to 1`]);
  });

  it('labels the new replica set and its pods with pod-template-hash and copies annotations', () => {
    const c = testCluster();
    const d = deployment('web', 1);
    d.metadata.annotations = { team: 'blue', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    c.sim.api.create('deployments.apps', d);
    c.sim.settle();
    const [rs] = replicaSets(c.sim);
    const hash = rs.metadata.labels?.['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toEqual({ team: 'blue', 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '1', 'deployment.kubernetes.io/max-replicas': '2' });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: c.sim.api.get('deployments.apps', 'default', 'web').metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const pod = c.sim.api.list('pods').items[0];
    expect(pod.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
  });

  it('scales proportionally when the deployment is scaled mid-rollout', () => {
    const c = testCluster();
    c.sim.api.create('deployments.apps', deployment('api', 10));
    c.sim.settle();
    readyAll(c.sim);
    setImage(c.sim, 'api', 'nginx:1.27');
    expect(sizes(c)).toEqual([8, 5]);
    c.sim.api.patch('deployments.apps', 'default', 'api', 'merge', { spec: { replicas: 20 } });
    c.sim.settle();
    // 13 pods of max 13 become max 25: +12 shared 8:5 → old 8+7=15, new 5+5=10.
    expect(sizes(c)).toEqual([15, 10]);
    const rs = replicaSets(c.sim);
    expect(rs.map((r) => r.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'])).toEqual(['20', '20']);
  });
});
