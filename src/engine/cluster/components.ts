/**
 * The control plane and node agents every profile runs. Order matters only for determinism:
 * at one instant, components are run in this order until none has work left.
 */
import { DaemonSetController } from '../controllers/daemonSet';
import { DeploymentController } from '../controllers/deployment/deployment';
import { GarbageCollector } from '../controllers/garbageCollector';
import { ControllerRunner } from '../controllers/manager';
import { NamespaceController } from '../controllers/namespace';
import { NodeLifecycleController } from '../controllers/nodeLifecycle';
import { PodGCController } from '../controllers/podGC';
import { ReplicaSetController } from '../controllers/replicaset';
import { ServiceAccountController } from '../controllers/serviceAccount';
import { TaintEvictionController } from '../controllers/taintEviction';
import { KubeletComponent } from '../kubelet/component';
import { Scheduler } from '../scheduler/scheduler';
import type { Component } from '../sim/component';
import type { Simulation } from '../sim/simulation';

export function installComponents(sim: Simulation, saved: Record<string, unknown> = {}): KubeletComponent {
  const kubelet = new KubeletComponent();
  const components: Component[] = [
    new ControllerRunner(new ServiceAccountController()),
    new ControllerRunner(new NamespaceController()),
    new ControllerRunner(new GarbageCollector()),
    new ControllerRunner(new DeploymentController()),
    new ControllerRunner(new ReplicaSetController()),
    new ControllerRunner(new DaemonSetController()),
    new ControllerRunner(new NodeLifecycleController()),
    new ControllerRunner(new TaintEvictionController()),
    new ControllerRunner(new PodGCController()),
    new Scheduler(),
    kubelet,
  ];
  for (const c of components) sim.add(c, saved[c.name]);
  return kubelet;
}
