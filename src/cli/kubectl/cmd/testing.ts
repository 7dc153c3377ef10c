/** Test helper for verbs: runs a script in a fresh cluster and returns its transcript. */
import { createCluster } from '../../../engine/cluster/create';
import type { Simulation } from '../../../engine/sim/simulation';
import { Session } from '../../session';
import { runTranscript } from '../../transcript';

export function transcriptOf(script: string, files: Record<string, string> = {}, sim: Simulation = createCluster({ seed: 1 })): string {
  const store = new Map(Object.entries(files));
  const session = new Session(sim, { fs: { read: (p: string) => store.get(p.replace(/^\//, '')) ?? store.get(p), write: (p: string, t: string) => void store.set(p, t) } });
  return runTranscript(session, script).transcript;
}
