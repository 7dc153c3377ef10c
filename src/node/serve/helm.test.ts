/**
 * The real Helm (from the same npm package as the conformance suite's kubectl) against the
 * server: install, list, upgrade --set, rollback and uninstall of conformance/charts/hello.
 * Skipped, saying why, when no helm can run here.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkHelm } from './conformance/helm';
import { findHelm } from './conformance/helmBinary';

const helm = findHelm(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'));
const title = 'path' in helm && helm.path ? `helm ${helm.version} against pilothouse serve` : `helm against pilothouse serve (skipped: ${'why' in helm ? helm.why : ''})`;

describe.skipIf(!helm.path)(title, () => {
  it('installs, lists, upgrades, rolls back and uninstalls charts/hello', async () => {
    const r = await checkHelm(helm.path!);
    expect(r.problems, r.output).toEqual([]);
  }, 180_000);
});
