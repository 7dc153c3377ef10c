/**
 * Boots a cluster for a profile: the apiserver's own namespaces, the control-plane components
 * (controllers, scheduler), one kubelet per machine, and the kube-system add-ons — then lets
 * virtual time run until everything is up, as a freshly created cluster is when you first connect.
 */
import type { KubeObject } from '../objects';
import { Simulation, type SimulationSnapshot } from '../sim/simulation';
import { aksClusterNumber, aksNode } from './aks';
import { clusterContext } from './context';
import { ClusterIdentity, type ProfileName } from './identity';
import { installComponents } from './components';
import { plainNode } from './plain';
import { addOnServices, createServiceNetwork } from './services';
import { systemWorkloads } from './systemWorkloads';
import type { NodeTemplate } from './nodeTemplate';

export type { ProfileName };

export interface ClusterOptions {
  profile?: ProfileName;
  seed?: number;
  startTime?: number;
  /** Machines in the first pool (default 3). */
  nodes?: number;
  /** Skip the kube-system add-ons (benchmarks measure user workloads alone). */
  withoutAddOns?: boolean;
}

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export function createCluster(opts: ClusterOptions = {}): Simulation {
  const profile = opts.profile ?? 'aks';
  const sim = new Simulation({ seed: opts.seed ?? 1, startTime: opts.startTime });
  const start = sim.now();
  sim.add(new ClusterIdentity({ profile, context: clusterContext(profile, sim.random) }));
  for (const name of SYSTEM_NAMESPACES) {
    sim.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as KubeObject);
  }
  createServiceNetwork(sim.api, profile);
  const agents = installComponents(sim);
  for (const t of machines(profile, opts.nodes ?? 3, sim)) agents.addNode(t);
  sim.settle();
  if (!opts.withoutAddOns) {
    for (const obj of systemWorkloads(profile)) sim.api.create(obj.kind === 'Deployment' ? 'deployments.apps' : 'daemonsets.apps', obj);
    for (const svc of addOnServices(profile)) sim.api.create('services', svc);
  }
  sim.runUntilQuiet(10 * 60 * 1000);
  // `az aks create` takes minutes; a learner connects to a cluster a few minutes old.
  sim.advanceTo(Math.max(sim.now(), start + BOOT_AGE_MS));
  return sim;
}

/** How old the cluster is when the session starts. */
export const BOOT_AGE_MS = 5 * 60 * 1000;

/** Rebuilds a simulation from a snapshot: same store, clock, queue, randomness and component state. */
export function restoreCluster(snapshot: SimulationSnapshot): Simulation {
  const sim = new Simulation({}, snapshot);
  const identity = snapshot.components['cluster-identity'] as ClusterIdentity['state'];
  sim.add(new ClusterIdentity(identity));
  installComponents(sim, snapshot.components);
  return sim;
}

export function machines(profile: ProfileName, count: number, sim: Simulation): NodeTemplate[] {
  if (profile === 'plain') return Array.from({ length: count }, (_, i) => plainNode(i, sim.random));
  const pool = { name: 'nodepool1', mode: 'System' as const, count, clusterNumber: aksClusterNumber(sim.random) };
  return Array.from({ length: count }, (_, i) => aksNode(pool, i, i, sim.random));
}

export function identityOf(sim: Simulation): ClusterIdentity['state'] {
  return sim.component<ClusterIdentity>('cluster-identity')!.state;
}
