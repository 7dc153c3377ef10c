/**
 * The control plane and node agents every profile runs. Order matters only for determinism:
 * at one instant, components are run in this order until none has work left.
 */
import { DaemonSetController } from '../controllers/daemonSet';
import { EndpointSliceController } from '../controllers/endpointSlice';
import { DeploymentController } from '../controllers/deployment/deployment';
import { GarbageCollector } from '../controllers/garbageCollector';
import { ControllerRunner } from '../controllers/manager';
import { NamespaceController } from '../controllers/namespace';
import { NodeLifecycleController } from '../controllers/nodeLifecycle';
import { PodGCController } from '../controllers/podGC';
import { ReplicaSetController } from '../controllers/replicaset';
import { ServiceAccountController } from '../controllers/serviceAccount';
import { ServiceLoadBalancerController } from '../controllers/serviceLoadBalancer';
import { TaintEvictionController } from '../controllers/taintEviction';
import { KubeletComponent } from '../kubelet/component';
import { ClusterNetwork } from '../network/clusterNetwork';
import { Scheduler } from '../scheduler/scheduler';
import type { Component } from '../sim/component';
import type { Simulation } from '../sim/simulation';
import type { ClusterIdentity } from './identity';

export function installComponents(sim: Simulation, saved: Record<string, unknown> = {}): KubeletComponent {
  const kubelet = new KubeletComponent();
  // Containers' network tools (wget, curl, nc, nslookup) reach Services and pods through it.
  const network = new ClusterNetwork({ store: sim.store, random: sim.random, serving: (ns, pod, port, path) => kubelet.serving(ns, pod, port, path), nodeUp: (node) => kubelet.kubeletAlive(node) });
  kubelet.setCallHandler((name, payload, from) => network.answer(name, payload, from));
  const components: Component[] = [
    new ControllerRunner(new ServiceAccountController()),
    new ControllerRunner(new NamespaceController()),
    new ControllerRunner(new GarbageCollector()),
    new ControllerRunner(new DeploymentController()),
    new ControllerRunner(new ReplicaSetController()),
    new ControllerRunner(new DaemonSetController()),
    new ControllerRunner(new EndpointSliceController()),
    new ControllerRunner(new NodeLifecycleController()),
    new ControllerRunner(new TaintEvictionController()),
    new ControllerRunner(new PodGCController()),
    new Scheduler(),
    kubelet,
  ];
  // The cloud-controller-manager's service controller: only a cloud provisions load balancers.
  if (sim.component<ClusterIdentity>('cluster-identity')?.state.profile !== 'plain') components.push(new ControllerRunner(new ServiceLoadBalancerController()));
  for (const c of components) sim.add(c, saved[c.name]);
  return kubelet;
}
