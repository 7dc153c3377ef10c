/**
 * The cluster a lesson starts from: the profile's cluster, the extra Linux node pools (added
 * after it booted, as `az aks nodepool add` does), then the setup commands, run until quiet.
 */
import { aksNode, type AksPool } from '../engine/cluster/aks';
import { createCluster } from '../engine/cluster/create';
import type { KubeletComponent } from '../engine/kubelet/component';
import type { Simulation } from '../engine/sim/simulation';
import type { ShellFs } from '../engine/shell/types';
import { lessonSession, runAct } from './commands';
import { LessonFs } from './lessonFs';
import type { Lesson, NodePoolSpec } from './model';

/** How long setup may let time run before the cluster must be quiet. */
const SETUP_QUIET_MS = 60 * 60 * 1000;

export function createLessonCluster(lesson: Lesson, fs: ShellFs = new LessonFs(lesson.files)): Simulation {
  const { profile, seed, nodes, start, nodePools, setup } = lesson.cluster;
  const sim = createCluster({ profile, seed, nodes, startTime: start });
  if (nodePools.length) addNodePools(sim, nodePools);
  const session = lessonSession(sim, fs);
  for (const command of setup) {
    const r = runAct(session, command, (ms) => sim.advance(ms));
    if (r.exitCode !== 0) throw new Error(`setup command failed (exit ${r.exitCode}): ${command}\n${r.output}`);
  }
  sim.runUntilQuiet(SETUP_QUIET_MS);
  return sim;
}

/**
 * Linux pools on the AKS profile: machines named as AKS names VMSS instances, with the cluster's
 * own 8-digit number (read from the first pool's node names).
 */
function addNodePools(sim: Simulation, pools: NodePoolSpec[]): void {
  const kubelet = sim.component<KubeletComponent>('kubelet');
  const existing = sim.api.list('nodes').items.map((n) => n.metadata.name);
  const clusterNumber = /^aks-[a-z0-9]+-(\d{8})-vmss/.exec(existing[0] ?? '')?.[1];
  if (!kubelet || !clusterNumber) throw new Error('node pools need the aks profile');
  let ordinal = existing.length;
  for (const spec of pools) {
    if (spec.os !== 'Linux') throw new Error(`node pool ${spec.name}: ${spec.os} pools are not simulated yet`);
    const pool: AksPool = { name: spec.name, mode: spec.mode, count: spec.count, clusterNumber };
    for (let i = 0; i < spec.count; i++) kubelet.addNode(aksNode(pool, i, ordinal++, sim.random));
  }
  sim.runUntilQuiet(SETUP_QUIET_MS);
}
