/** Test helpers: a simulation with only the kubelet, one node, namespace and SA `default`. */
import type { KubeObject } from '../objects';
import { Simulation, type SimulationSnapshot } from '../sim/simulation';
import { KubeletComponent } from './component';
import type { NodeSpecInput } from './types';

export const NODE: NodeSpecInput = {
  name: 'node-1',
  capacity: { cpu: '2', memory: '8141080Ki', pods: '110' },
  internalIP: '10.224.0.4',
  podCIDR: '10.244.1.0/24',
};

export function boot(seed = 7, restore?: SimulationSnapshot): { sim: Simulation; kubelet: KubeletComponent } {
  const sim = new Simulation({ seed }, restore);
  const kubelet = new KubeletComponent();
  sim.add(kubelet, restore?.components.kubelet);
  if (!restore) {
    sim.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    sim.api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
    kubelet.addNode(NODE);
  }
  sim.settle();
  return { sim, kubelet };
}

export function podManifest(name: string, containers: any[], spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName: NODE.name, containers, ...spec },
  };
}

export function createPod(sim: Simulation, name: string, containers: any[], spec: Record<string, unknown> = {}): KubeObject {
  const pod = sim.api.create('pods', podManifest(name, containers, spec));
  sim.settle();
  return pod;
}

export function getPod(sim: Simulation, name: string): KubeObject | undefined {
  return sim.api.tryGet('pods', 'default', name);
}

/** Events about a pod, oldest first: `Type Reason Message`. */
export function podEvents(sim: Simulation, name: string): string[] {
  return sim.api
    .list('events', { namespace: 'default' })
    .items.filter((e: any) => e.involvedObject.name === name && e.involvedObject.kind === 'Pod')
    .sort((a, b) => (BigInt('0x' + a.metadata.name.split('.').pop()) < BigInt('0x' + b.metadata.name.split('.').pop()) ? -1 : 1))
    .map((e: any) => `${e.type} ${e.reason} ${e.message}`);
}

export function containerStatus(sim: Simulation, pod: string, container?: string): any {
  const p = getPod(sim, pod);
  const all = [...(p?.status?.initContainerStatuses ?? []), ...(p?.status?.containerStatuses ?? [])];
  return container ? all.find((c: any) => c.name === container) : all[0];
}

/** Advances until the predicate holds; returns the virtual ms it took. */
export function waitFor(sim: Simulation, done: () => boolean, maxMs = 600_000): number {
  const start = sim.now();
  if (!sim.runUntil(done, maxMs)) throw new Error(`condition not met within ${maxMs} ms`);
  return sim.now() - start;
}
