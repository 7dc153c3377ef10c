/**
 * Golden transcripts: each `NAME.txt` here is a script as a learner would type it (first line
 * may set `# profile: plain` or `# seed: N`); `NAME.golden` is the transcript a real 1.34
 * cluster prints for it, with the placeholders of normalise.ts. `UPDATE_GOLDEN=1` rewrites the
 * .golden files — read the diff before committing it: a golden file is a claim about Kubernetes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster/create';
import { Session } from '../session';
import { runTranscript } from '../transcript';
import { normaliseTranscript } from './normalise';

const DIR = __dirname;
const CORPUS = join(DIR, '../../../../shared/corpus');

function header(script: string, key: string): string | undefined {
  return script.match(new RegExp(`^# ${key}: (\\S+)`, 'm'))?.[1];
}

export function runGolden(script: string): string {
  const profile = (header(script, 'profile') ?? 'aks') as 'aks' | 'plain';
  const seed = Number(header(script, 'seed') ?? 1);
  const sim = createCluster({ profile, seed });
  // Files the script writes (kubectl edit's temp file) stay in memory.
  const written = new Map<string, string>();
  const fs = {
    read: (p: string) => {
      if (written.has(p)) return written.get(p);
      const path = p.startsWith('corpus/') ? join(CORPUS, p.slice('corpus/'.length)) : join(DIR, p);
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    write: (p: string, text: string, append: boolean) => void written.set(p, append ? (written.get(p) ?? '') + text : text),
    remove: (p: string) => void written.delete(p),
  };
  const session = new Session(sim, {
    fs,
    listDir: (p) => {
      const path = p.startsWith('corpus/') ? join(CORPUS, p.slice('corpus/'.length)) : join(DIR, p);
      try {
        return readdirSync(path).sort();
      } catch {
        return undefined;
      }
    },
  });
  return normaliseTranscript(runTranscript(session, script).transcript);
}

describe('golden transcripts', () => {
  const scripts = readdirSync(DIR).filter((f) => f.endsWith('.txt'));
  it('has scripts', () => expect(scripts.length).toBeGreaterThan(0));
  for (const file of scripts) {
    it(file.replace(/\.txt$/, ''), () => {
      const script = readFileSync(join(DIR, file), 'utf8');
      const actual = runGolden(script);
      const goldenPath = join(DIR, file.replace(/\.txt$/, '.golden'));
      if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, actual);
      expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
    });
  }
});
