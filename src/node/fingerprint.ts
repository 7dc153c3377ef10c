/**
 * Behaviour fingerprint: runs a few seeded scenarios and hashes, in order, every watch event
 * (type, resource and the full object) plus each scenario's transcript and final snapshot. A
 * change meant to be invisible — a performance change — must leave every hash identical.
 *
 *   npx tsx src/node/fingerprint.ts            print one hash per scenario and the combined one
 *   npx tsx src/node/fingerprint.ts --only NAME[,NAME]
 *
 * The scripts are kept here (not read from the golden files) so that the fingerprint only moves
 * when behaviour does.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Session } from '../cli/session';
import { runTranscript } from '../cli/transcript';
import { createCluster, type ClusterOptions } from '../engine/cluster/create';
import type { KubeObject } from '../engine/objects';
import type { Simulation } from '../engine/sim/simulation';
import type { StoreEvent } from '../engine/store/store';

interface Scenario {
  cluster: ClusterOptions;
  /** Runs the scenario; returns any text it wants hashed besides the events (a transcript). */
  run(sim: Simulation): string;
}

const FS = { read: () => undefined, write: () => {} };

function transcript(sim: Simulation, script: string): string {
  return runTranscript(new Session(sim, { fs: FS }), script).transcript;
}

const SMALL = `kubectl create deployment web --image=nginx:1.25 --replicas=3
kubectl run crash --image=busybox -- sh -c 'echo starting; exit 1'
kubectl create deployment bad --image=nginx:doesnotexist
kubectl run busy --image=busybox --restart=Never -- sh -c 'echo hi'
kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "10"
YAML
kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: with-init
spec:
  initContainers:
  - name: setup
    image: busybox
    command: ["sh", "-c", "echo preparing; sleep 3"]
  - name: fails-once
    image: busybox:1.36
    command: ["sh", "-c", "echo checking"]
  containers:
  - name: app
    image: nginx:1.27
  - name: side
    image: busybox
    command: ["sh", "-c", "sleep 5; exit 2"]
YAML
sleep 20s
kubectl get pods -o wide
kubectl scale deployment web --replicas=5
sleep 10s
kubectl set image deployment/web nginx=nginx:1.27
kubectl rollout status deployment/web
kubectl rollout undo deployment/web
kubectl rollout status deployment/web
kubectl rollout history deployment/web
POD=$(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}')
kubectl delete pod $POD --wait=false
sleep 2m
kubectl describe pod crash
kubectl logs crash --previous
kubectl describe pod -l app=bad
NODE=$(kubectl get pods -l app=web -o jsonpath='{.items[0].spec.nodeName}')
kubectl drain $NODE --ignore-daemonsets
kubectl get pods -o wide
kubectl uncordon $NODE
NODE2=$(kubectl get pods -l app=web -o jsonpath='{.items[1].spec.nodeName}')
sim node fail $NODE2
sleep 6m
kubectl get nodes
kubectl get pods -o wide
sim node recover $NODE2
sleep 1m
kubectl get pods -A -o wide
kubectl get events -A
kubectl delete deployment web
sleep 1m
kubectl get all -A`;

function mediumScript(): string {
  const lines: string[] = [];
  for (let i = 0; i < 20; i++) lines.push(`kubectl create deployment app-${i} --image=nginx:1.27 --replicas=20`);
  lines.push('sleep 2m', 'kubectl get deploy');
  for (let i = 0; i < 5; i++) lines.push(`kubectl set image deployment/app-${i} nginx=nginx:1.28`);
  lines.push('sleep 30s', 'kubectl rollout status deployment/app-0', 'sleep 1m', 'kubectl get rs');
  lines.push(`NODE=$(kubectl get pods -l app=app-7 -o jsonpath='{.items[0].spec.nodeName}')`, 'sim node fail $NODE', 'sleep 6m', 'sleep 30s');
  lines.push('kubectl get nodes', 'kubectl get pods -o wide --field-selector spec.nodeName=$NODE');
  for (let i = 10; i < 20; i++) lines.push(`kubectl scale deployment app-${i} --replicas=5`);
  lines.push('sleep 1m', 'sim node recover $NODE', 'sleep 2m');
  lines.push('kubectl delete deployment app-1', 'sleep 1m', 'kubectl get deploy', 'kubectl get pods -A -o wide');
  return lines.join('\n');
}

/** The bench's shape at a small size: many Deployments created through the API at one instant. */
function apiBurst(sim: Simulation): string {
  for (let i = 0; i < 30; i++) {
    sim.api.create('deployments.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${i}`, namespace: 'default' },
      spec: {
        replicas: 30,
        selector: { matchLabels: { app: `app-${i}` } },
        template: { metadata: { labels: { app: `app-${i}` } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    } as KubeObject);
  }
  sim.settle();
  sim.advance(3 * 60 * 1000);
  return '';
}

export const SCENARIOS: Record<string, Scenario> = {
  'small-aks': { cluster: { profile: 'aks', seed: 1 }, run: (sim) => transcript(sim, SMALL) },
  'small-plain': { cluster: { profile: 'plain', seed: 4, nodes: 2 }, run: (sim) => transcript(sim, SMALL) },
  'medium-50-nodes': { cluster: { profile: 'aks', seed: 11, nodes: 50 }, run: (sim) => transcript(sim, mediumScript()) },
  'api-burst-60-nodes': { cluster: { profile: 'aks', seed: 2, nodes: 60, withoutAddOns: true }, run: apiBurst },
};

function eventLine(e: StoreEvent): string {
  return `${e.type} ${e.resource} ${e.resourceVersion} ${JSON.stringify(e.object)}\n`;
}

export function fingerprint(name: string): { hash: string; events: number } {
  const scenario = SCENARIOS[name];
  const sim = createCluster(scenario.cluster);
  const h = createHash('sha256');
  // The boot, as far as the store's history still holds it, then the snapshot it left.
  const boot = sim.store.changesSince(sim.store.compacted) ?? [];
  h.update(`boot ${sim.store.compacted}\n`);
  for (const e of boot) h.update(eventLine(e));
  h.update(JSON.stringify(sim.snapshot()));
  let events = boot.length;
  sim.store.subscribe((e) => {
    events++;
    h.update(eventLine(e));
  });
  h.update(scenario.run(sim));
  h.update(JSON.stringify(sim.snapshot()));
  return { hash: h.digest('hex'), events };
}

function main(): void {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { only: { type: 'string' } } });
  const names = values.only ? values.only.split(',') : Object.keys(SCENARIOS);
  const all = createHash('sha256');
  for (const name of names) {
    if (!SCENARIOS[name]) throw new Error(`unknown scenario ${name} (known: ${Object.keys(SCENARIOS).join(', ')})`);
    const t = performance.now();
    const { hash, events } = fingerprint(name);
    all.update(`${name} ${hash}\n`);
    process.stdout.write(`${name.padEnd(20)} ${hash}  ${events} events  ${Math.round(performance.now() - t)} ms\n`);
  }
  process.stdout.write(`${'combined'.padEnd(20)} ${all.digest('hex')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
