/**
 * `kubectl get pods -w` against the server while a deployment rolls out: the real kubectl must
 * print the table header once, then a row per change as virtual time moves (pods Pending →
 * ContainerCreating → Running), and stop cleanly when interrupted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCluster, identityOf } from '../../../engine/cluster/create';
import { kubeconfigFor } from '../kubeconfig';
import { startApiServer } from '../server';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WatchCheck {
  ok: boolean;
  output: string;
  problems: string[];
}

export async function checkWatchDuringRollout(kubectl: string): Promise<WatchCheck> {
  const sim = createCluster({ profile: 'aks', seed: 3 });
  const running = await startApiServer({ sim, speed: 0 });
  const home = mkdtempSync(join(tmpdir(), 'pilothouse-watch-'));
  const kubeconfig = join(home, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor(identityOf(sim).context, running.url));
  const child = spawn(kubectl, ['--kubeconfig', kubeconfig, '--cache-dir', join(home, 'cache'), 'get', 'pods', '-w'], { env: { HOME: home, PATH: process.env.PATH } });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    await wait(1500);
    const created = running.ctx.sim.api.create('deployments.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      },
    });
    void created;
    running.clock.advanceTo(sim.now());
    for (let i = 0; i < 30; i++) {
      running.clock.advance(1000);
      await wait(50);
    }
    await wait(500);
  } finally {
    child.kill('SIGINT');
    await Promise.race([exited, wait(3000)]);
    child.kill('SIGKILL');
    await running.close();
  }
  const lines = output.trimEnd().split('\n');
  const problems: string[] = [];
  if (lines.filter((l) => l.startsWith('NAME ')).length !== 1) problems.push('expected exactly one header line');
  for (const status of ['Pending', 'ContainerCreating', 'Running']) {
    if (!lines.some((l) => new RegExp(`^web-\\S+\\s+\\S+\\s+${status}\\s`).test(l))) problems.push(`no row with STATUS ${status}`);
  }
  if (lines.some((l) => /error|Error/.test(l))) problems.push('kubectl printed an error');
  return { ok: problems.length === 0, output, problems };
}
