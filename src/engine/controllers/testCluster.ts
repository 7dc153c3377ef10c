/**
 * Test-only: a Simulation with namespace `default`, the ReplicaSet and Deployment controllers, and
 * a stand-in for scheduler + kubelet that marks pods Running and Ready when a test says so.
 */
import type { KubeObject } from '../objects';
import { Simulation } from '../sim/simulation';
import { formatRFC3339 } from '../util/time';
import { DeploymentController } from './deployment/deployment';
import { ControllerRunner } from './manager';
import { ReplicaSetController } from './replicaset';

export interface TestCluster {
  sim: Simulation;
  /** `Reason: message` of every Event recorded (and every repeat), in order. */
  events: string[];
}

export function testCluster(opts: { deployments?: boolean } = {}): TestCluster {
  const sim = new Simulation({ seed: 1 });
  sim.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  sim.api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
  const events: string[] = [];
  sim.store.subscribe((e) => {
    if (e.resource !== 'events' || e.type === 'DELETED') return;
    if (e.type === 'MODIFIED' && e.old?.count === e.object.count) return;
    events.push(`${e.object.reason}: ${e.object.message}`);
  });
  sim.add(new ControllerRunner(new ReplicaSetController()));
  if (opts.deployments !== false) sim.add(new ControllerRunner(new DeploymentController()));
  sim.settle();
  return { sim, events };
}

export function pods(sim: Simulation, filter: (p: KubeObject) => boolean = () => true): KubeObject[] {
  return sim.api.list('pods', { namespace: 'default' }).items.filter(filter);
}

/** What a kubelet would write once a pod's containers run and pass readiness. */
export function markReady(sim: Simulation, pod: KubeObject): void {
  const now = formatRFC3339(sim.now());
  const fresh = sim.api.get('pods', pod.metadata.namespace, pod.metadata.name);
  const containers = (fresh.spec?.containers ?? []) as { name: string; image: string }[];
  sim.api.updateStatus('pods', {
    ...fresh,
    status: {
      ...fresh.status,
      phase: 'Running',
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now })),
      containerStatuses: containers.map((c) => ({ name: c.name, image: c.image, imageID: '', ready: true, started: true, restartCount: 0, state: { running: { startedAt: now } } })),
      startTime: now,
    },
  });
}

/** Marks every pod that is not ready yet (and not terminating) ready, then lets controllers run. */
export function readyAll(sim: Simulation): number {
  const waiting = pods(sim, (p) => !p.metadata.deletionTimestamp && !(p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True'));
  for (const p of waiting) markReady(sim, p);
  sim.settle();
  return waiting.length;
}

export function deployment(name: string, replicas: number, image = 'nginx:1.26', spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } },
      ...spec,
    },
  };
}

/** The Deployment's ReplicaSets as `name=replicas`, oldest revision first. */
export function replicaSets(sim: Simulation): KubeObject[] {
  return sim.api
    .list('replicasets.apps', { namespace: 'default' })
    .items.sort((a, b) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0));
}

export function scalingEvents(c: TestCluster): string[] {
  return c.events.filter((e) => e.startsWith('ScalingReplicaSet: ')).map((e) => e.slice('ScalingReplicaSet: '.length));
}

export function setImage(sim: Simulation, name: string, image: string): void {
  sim.api.patch('deployments.apps', 'default', name, 'strategic', { spec: { template: { spec: { containers: [{ name, image }] } } } });
  sim.settle();
}
