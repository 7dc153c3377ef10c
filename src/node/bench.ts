/**
 * `pilothouse bench`: engine benchmarks, printed as JSON. Wall time is measured here, in the
 * Node layer; the engine itself only ever sees virtual time.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Session } from '../cli/session';
import { drive } from '../cli/transcript';
import { createCluster } from '../engine/cluster/create';
import type { KubeObject } from '../engine/objects';
import type { Simulation } from '../engine/sim/simulation';

interface Figure {
  name: string;
  [key: string]: string | number;
}

function deployment(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  };
}

/**
 * Counts Running and bound pods from watch events, so checking progress costs nothing: each event
 * carries the version it replaces, so the counts move by the difference, with no per-pod state.
 */
function podCounter(sim: Simulation) {
  let running = 0;
  let bound = 0;
  const isRunning = (p: KubeObject | undefined) => (p?.status?.phase === 'Running' ? 1 : 0);
  const isBound = (p: KubeObject | undefined) => (p?.spec?.nodeName ? 1 : 0);
  sim.store.subscribe((e) => {
    if (e.resource !== 'pods' || e.object.metadata.namespace !== 'default') return;
    const before = e.type === 'ADDED' ? undefined : (e.old ?? e.object);
    const after = e.type === 'DELETED' ? undefined : e.object;
    running += isRunning(after) - isRunning(before);
    bound += isBound(after) - isBound(before);
  });
  return { running: () => running, bound: () => bound };
}

function rollout(name: string, nodes: number, deployments: number, replicas: number): Figure {
  const sim = createCluster({ profile: 'aks', nodes, withoutAddOns: true, seed: 1 });
  const total = deployments * replicas;
  const counter = podCounter(sim);
  const start = performance.now();
  for (let i = 0; i < deployments; i++) sim.api.create('deployments.apps', deployment(`app-${i}`, replicas));
  sim.settle();
  const scheduledWall = (performance.now() - start) / 1000;
  const allBound = counter.bound();
  const done = sim.runUntil(() => counter.running() === total, 30 * 60 * 1000);
  const wall = (performance.now() - start) / 1000;
  return {
    name,
    nodes,
    pods: total,
    allRunning: String(done),
    wallSeconds: round(wall),
    podsPerWallSecond: Math.round(total / wall),
    boundAtApplyInstant: allBound,
    schedulingWallSeconds: round(scheduledWall),
    podsScheduledPerWallSecond: Math.round(allBound / scheduledWall),
  };
}

function getPodsAllNamespaces(pods: number): Figure {
  const sim = createCluster({ profile: 'aks', nodes: 100, withoutAddOns: true, seed: 1 });
  const counter = podCounter(sim);
  for (let i = 0; i < pods / 100; i++) sim.api.create('deployments.apps', deployment(`app-${i}`, 100));
  sim.runUntil(() => counter.running() === pods, 30 * 60 * 1000);
  const session = new Session(sim, { fs: { read: () => undefined, write: () => {} } });
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    drive(session.run('kubectl get pods -A'), sim, (text) => (bytes += text.length));
    times.push(performance.now() - t);
  }
  return { name: 'kubectl get pods -A', pods, medianMs: round(median(times)), runs: times.length, outputBytesPerRun: Math.round(bytes / times.length) };
}

function idleHour(nodes: number): Figure {
  const sim = createCluster({ profile: 'aks', nodes, withoutAddOns: true, seed: 1 });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    sim.advance(60 * 60 * 1000);
    times.push(performance.now() - t);
  }
  return { name: 'advance 1 virtual hour, idle cluster', nodes, medianMs: round(median(times)), runs: times.length };
}

const BENCHES: Record<string, () => Figure> = {
  'deploy-3000-on-100': () => rollout('1 Deployment x 3,000 replicas on 100 nodes: apply -> all Running', 100, 1, 3000),
  'deploy-30000-on-1000': () => rollout('300 Deployments x 100 replicas on 1,000 nodes: apply -> all Running', 1000, 300, 100),
  'get-pods-10000': () => getPodsAllNamespaces(10000),
  'idle-hour-1000': () => idleHour(1000),
};

export function runBench(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { only: { type: 'string' } } });
  const names = values.only ? values.only.split(',') : Object.keys(BENCHES);
  const unknown = names.filter((n) => !BENCHES[n]);
  if (unknown.length) {
    process.stderr.write(`pilothouse bench: unknown benchmark ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})\n`);
    return 2;
  }
  const figures = names.map((n) => ({ id: n, ...BENCHES[n]() }));
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'unknown cpu'}, Node ${process.version}`;
  process.stdout.write(JSON.stringify({ machine, figures }, null, 2) + '\n');
  return 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
