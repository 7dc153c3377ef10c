/**
 * Runs one conformance script on both sides and compares them, command by command:
 * - ours: our kubectl (a Session over a simulation created with the script's seed);
 * - theirs: the real kubectl (through `bash -c`, so pipes and heredocs work alike) against
 *   `pilothouse serve` on an identically seeded simulation, its clock paused.
 * Time: `sleep` and `sim` lines run on both sides (on the server through the sandbox endpoint).
 * For a kubectl line ours runs first; the virtual time it ends at becomes the server's horizon, so
 * the real kubectl's waits (rollout status, delete, drain) see the same instants, and the server is
 * then moved to exactly that time. Both sides therefore hold the same state at the same virtual time
 * before every command, and only what truly varies is normalised (normalise.ts).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCluster, identityOf, type ProfileName } from '../../../engine/cluster/create';
import type { ShellEffect } from '../../../engine/shell/types';
import { Session } from '../../../cli/session';
import { splitInputs } from '../../../cli/transcript';
import { nodeFs } from '../../fs';
import { postJson } from '../command';
import { kubeconfigFor } from '../kubeconfig';
import { startApiServer, type RunningServer } from '../server';
import { normalise } from './normalise';

export interface Output {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface CommandResult {
  script: string;
  command: string;
  ours: Output;
  theirs: Output;
  same: boolean;
  /** Why the two sides are expected to differ (a `# known: …` comment before the command). */
  known?: string;
}

export interface ScriptOptions {
  kubectl: string;
  /** Directory commands run in (manifests referenced with -f are relative to it). */
  cwd: string;
  profile?: ProfileName;
  seed?: number;
  /** Wall-clock limit for one real kubectl command. */
  timeoutMs?: number;
}

/** Header lines a script may start with: `# seed: 7`, `# profile: plain`. */
function header(script: string): { seed?: number; profile?: ProfileName } {
  const seed = script.match(/^# seed: (\d+)$/m);
  const profile = script.match(/^# profile: (aks|plain)$/m);
  return { seed: seed ? Number(seed[1]) : undefined, profile: profile ? (profile[1] as ProfileName) : undefined };
}

function runOurs(session: Session, line: string): Output {
  let stdout = '';
  let stderr = '';
  const gen: Generator<ShellEffect, number, unknown> = session.run(line);
  let step = gen.next();
  while (!step.done) {
    const e = step.value;
    if (e.type === 'stdout') stdout += e.text;
    else if (e.type === 'stderr') stderr += e.text;
    else if (e.type === 'sleep') session.sim.advance(e.ms);
    step = gen.next(undefined);
  }
  session.sim.settle();
  return { stdout, stderr, exitCode: step.value };
}

function runTheirs(line: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Output> {
  return new Promise((done) => {
    execFile('bash', ['-c', line], { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 124) : 0;
      done({ stdout, stderr: err && (err as { killed?: boolean }).killed ? `${stderr}[timed out after ${timeoutMs}ms]\n` : stderr, exitCode: code });
    });
  });
}

/** A bin directory whose `kubectl` is the real one pinned to the server's kubeconfig. */
function kubectlShim(kubectl: string, kubeconfig: string, home: string): string {
  const bin = join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  const cache = join(home, 'cache');
  writeFileSync(join(bin, 'kubectl'), `#!/bin/sh\nexec '${kubectl}' --kubeconfig '${kubeconfig}' --cache-dir '${cache}' "$@"\n`, { mode: 0o755 });
  return bin;
}

export async function runScript(name: string, script: string, opts: ScriptOptions): Promise<CommandResult[]> {
  const h = header(script);
  const profile = h.profile ?? opts.profile ?? 'aks';
  const seed = h.seed ?? opts.seed ?? 1;
  const fs = nodeFs(opts.cwd);
  const session = new Session(createCluster({ profile, seed }), { fs, listDir: fs.listDir, cwd: opts.cwd });
  const served = createCluster({ profile, seed });
  const running: RunningServer = await startApiServer({ sim: served, speed: 0, idleMs: 250 });
  const home = mkdtempSync(join(tmpdir(), 'pilothouse-conformance-'));
  const kubeconfig = join(home, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor(identityOf(served).context, running.url));
  const env: NodeJS.ProcessEnv = { PATH: `${kubectlShim(opts.kubectl, kubeconfig, home)}:${process.env.PATH}`, HOME: home, LANG: 'C.UTF-8', TERM: 'dumb' };
  const clock = (body: unknown) => postJson(running.url, '/sandbox/v1/clock', body);
  const results: CommandResult[] = [];
  let known: string | undefined;
  try {
    for (const input of splitInputsWithNotes(script)) {
      if ('note' in input) {
        known = input.note;
        continue;
      }
      const line = input.line;
      const ours = runOurs(session, line);
      const target = session.sim.now();
      let theirs: Output;
      if (/^(sleep|sim)\b/.test(line.trim())) {
        theirs = (await postJson(running.url, '/sandbox/v1/exec', { line })).body as Output;
      } else {
        await clock({ horizon: target });
        theirs = await runTheirs(line, opts.cwd, env, opts.timeoutMs ?? 30_000);
        await clock({ advanceTo: target, horizon: null });
      }
      const same = compare(ours, theirs, line);
      results.push({ script: name, command: line, ours, theirs, same, ...(known ? { known } : {}) });
      known = undefined;
    }
  } finally {
    await running.close();
  }
  return results;
}

function compare(a: Output, b: Output, command: string): boolean {
  return a.exitCode === b.exitCode && normalise(a.stdout, command) === normalise(b.stdout, command) && normalise(a.stderr, command) === normalise(b.stderr, command);
}

/** Inputs of a script, with `# known: REASON` comments kept as notes for the command after them. */
function splitInputsWithNotes(script: string): ({ line: string } | { note: string })[] {
  const out: ({ line: string } | { note: string })[] = [];
  let chunk = '';
  const flush = () => {
    for (const line of splitInputs(chunk)) out.push({ line });
    chunk = '';
  };
  for (const line of script.split('\n')) {
    const m = line.match(/^#\s*known:\s*(.+)$/);
    if (m) {
      flush();
      out.push({ note: m[1].trim() });
    } else chunk += `${line}\n`;
  }
  flush();
  return out;
}

