/**
 * Same seed + same commands at the same virtual times ⇒ byte-identical state; and a cluster
 * restored from a snapshot carries on exactly as the original does.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../engine/cluster/create';
import type { Simulation } from '../engine/sim/simulation';
import { Session } from './session';
import { runTranscript } from './transcript';

const FS = { read: () => undefined, write: () => {} };

const FIRST = `kubectl create deployment web --image=nginx:1.25 --replicas=3
kubectl run crash --image=busybox -- sh -c 'echo starting; exit 1'
sleep 45s
kubectl set image deployment/web nginx=nginx:1.27
sleep 20s`;

const SECOND = `kubectl scale deployment web --replicas=5
kubectl delete pod crash --wait=false
sleep 2m
kubectl get pods -A`;

function run(sim: Simulation, script: string): string {
  return runTranscript(new Session(sim, { fs: FS }), script).transcript;
}

describe('determinism', () => {
  it('gives identical snapshots for the same seed and script', () => {
    const a = createCluster({ seed: 7 });
    const b = createCluster({ seed: 7 });
    expect(run(a, FIRST + '\n' + SECOND)).toBe(run(b, FIRST + '\n' + SECOND));
    expect(JSON.stringify(a.snapshot())).toBe(JSON.stringify(b.snapshot()));
  });

  it('gives different clusters for different seeds', () => {
    const a = createCluster({ seed: 1 });
    const b = createCluster({ seed: 2 });
    expect(JSON.stringify(a.snapshot())).not.toBe(JSON.stringify(b.snapshot()));
  });

  it('continues from a snapshot exactly as the original', () => {
    const original = createCluster({ seed: 3 });
    run(original, FIRST);
    const restored = restoreCluster(JSON.parse(JSON.stringify(original.snapshot())));
    const out1 = run(original, SECOND);
    const out2 = run(restored, SECOND);
    expect(out2).toBe(out1);
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(original.snapshot()));
  });
});
