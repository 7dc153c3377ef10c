/**
 * The real Helm against the server: install, list, upgrade, history, rollback and uninstall of
 * the small chart in charts/hello (a Deployment, a Service and a ConfigMap). Helm keeps each
 * revision as a Secret of type `helm.sh/release.v1`, reads discovery and OpenAPI, waits on
 * watches (`--wait`) and deletes with protobuf DeleteOptions, so this exercises what kubectl
 * alone does not. The cluster runs at 60× so `--wait` ends in a few wall seconds.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCluster, identityOf } from '../../../engine/cluster/create';
import type { KubeObject } from '../../../engine/objects';
import { kubeconfigFor } from '../kubeconfig';
import { startApiServer } from '../server';
import { helmEnv } from './helmBinary';

export const HELLO_CHART = join(dirname(fileURLToPath(import.meta.url)), 'charts/hello');

export interface HelmCheck {
  ok: boolean;
  /** Every command with its output, for the report. */
  output: string;
  problems: string[];
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function checkHelm(helm: string, opts: { speed?: number } = {}): Promise<HelmCheck> {
  const sim = createCluster({ profile: 'aks', seed: 5 });
  const running = await startApiServer({ sim, speed: opts.speed ?? 60, tickMs: 20 });
  const home = mkdtempSync(join(tmpdir(), 'pilothouse-helm-'));
  const kubeconfig = join(home, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor(identityOf(sim).context, running.url), { mode: 0o600 });
  let output = '';
  const problems: string[] = [];
  const helmRun = (args: string[]): Promise<Run> =>
    new Promise((done) => {
      execFile(helm, [...args, '--kubeconfig', kubeconfig], { env: helmEnv(home), timeout: 120_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        output += `$ helm ${args.join(' ')}\n${stdout}${stderr ? `[stderr]\n${stderr}` : ''}[exit ${code}]\n`;
        done({ code, stdout, stderr });
      });
    });
  const expect = (what: string, ok: boolean) => {
    if (!ok) problems.push(what);
  };
  const objects = (resource: string, label = 'app.kubernetes.io/instance=hello'): KubeObject[] =>
    running.ctx.sim.api.list(resource, { namespace: 'default', labelSelector: label }).items;
  const releases = () => running.ctx.sim.api.list('secrets', { namespace: 'default', labelSelector: 'owner=helm' }).items;
  const replicas = () => running.ctx.sim.api.tryGet('deployments.apps', 'default', 'hello')?.status?.readyReplicas ?? 0;
  try {
    const install = await helmRun(['install', 'hello', HELLO_CHART, '--wait', '--timeout', '60s']);
    expect(`install: exit ${install.code}: ${install.stderr.trim()}`, install.code === 0 && /STATUS: deployed/.test(install.stdout) && /REVISION: 1\b/.test(install.stdout));
    expect('install: the Deployment, Service and ConfigMap exist', objects('deployments.apps').length === 1 && objects('services').length === 1 && objects('configmaps').length === 1);
    expect('install: the release is a Secret of type helm.sh/release.v1', releases().some((s) => s.type === 'helm.sh/release.v1' && s.metadata.name === 'sh.helm.release.v1.hello.v1'));
    expect('install --wait: the Deployment is ready', replicas() === 1);

    const list = await helmRun(['list']);
    expect('list shows the release deployed at revision 1', /^hello\s+default\s+1\s+.*\s+deployed\s+hello-0\.1\.0\s+v1\s*$/m.test(list.stdout));

    const upgrade = await helmRun(['upgrade', 'hello', HELLO_CHART, '--set', 'replicaCount=3', '--wait', '--timeout', '60s']);
    expect(`upgrade: exit ${upgrade.code}: ${upgrade.stderr.trim()}`, upgrade.code === 0 && /has been upgraded/.test(upgrade.stdout) && /REVISION: 2\b/.test(upgrade.stdout));
    expect('upgrade --set replicaCount=3: three ready replicas', replicas() === 3);
    expect('upgrade: the ConfigMap follows the values', (objects('configmaps')[0] as { data?: Record<string, string> } | undefined)?.data?.replicas === '3');

    const rollback = await helmRun(['rollback', 'hello', '1', '--wait', '--timeout', '60s']);
    expect(`rollback: exit ${rollback.code}: ${rollback.stderr.trim()}`, rollback.code === 0 && /Rollback was a success/.test(rollback.stdout));
    expect('rollback to revision 1: one replica again', replicas() === 1);

    const history = await helmRun(['history', 'hello']);
    const rows = history.stdout.trim().split('\n').slice(1);
    expect('history: superseded, superseded, deployed', rows.length === 3 && /superseded/.test(rows[0]) && /superseded/.test(rows[1]) && /deployed\s.*Rollback to 1/.test(rows[2]));

    const values = await helmRun(['get', 'values', 'hello', '--all', '-o', 'json']);
    expect('get values: replicaCount 1 after the rollback', values.code === 0 && JSON.parse(values.stdout || '{}').replicaCount === 1);

    const uninstall = await helmRun(['uninstall', 'hello', '--wait', '--timeout', '60s']);
    expect(`uninstall: exit ${uninstall.code}: ${uninstall.stderr.trim()}`, uninstall.code === 0 && /release "hello" uninstalled/.test(uninstall.stdout));
    expect('uninstall: no release Secrets left', releases().length === 0);
    expect('uninstall: the chart\'s objects are gone', objects('deployments.apps').length === 0 && objects('services').length === 0 && objects('configmaps').length === 0);
    const after = await helmRun(['list']);
    expect('list after uninstall is empty', after.code === 0 && after.stdout.trim().split('\n').length === 1);
  } finally {
    await running.close();
    rmSync(home, { recursive: true, force: true });
  }
  return { ok: problems.length === 0, output, problems };
}
