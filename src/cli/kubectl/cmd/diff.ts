/**
 * `kubectl diff -f FILE` (pkg/cmd/diff): for each object, the live version against what apply
 * would make of it — a server-side dry-run of apply's three-way patch (a dry-run create when the
 * object is absent; the last-applied annotation is not rewritten, as diff passes annotate=false)
 * — written as YAML without managedFields and compared with `diff -u -N` over two temporary
 * directories, files named `group.version.Kind.namespace.name` (so printed in that order).
 * Exit 1 when something differs, 2 (kubectl's CheckDiffErr) on an error.
 */
import { qualifiedName } from '../../../engine/api/resources';
import { createThreeWayMergePatch } from '../../../engine/api/strategicMerge';
import { kindHasSchema } from '../../../engine/api/unknownFields';
import type { KubeObject } from '../../../engine/objects';
import { clone } from '../../../engine/util/clone';
import { formatRFC3339 } from '../../../engine/util/time';
import { LAST_APPLIED, lastAppliedConfiguration, threeWayJsonMergePatch } from '../../manifests/apply';
import { resolveManifests } from '../../manifests/resolve';
import type { KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import { readSources } from '../manifestFiles';
import { toYaml } from '../printers/serialize';
import { withoutManagedFields } from './printObject';
import { unifiedHunks } from './unifiedDiff';

export const diff: KubectlCommand = {
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files contains the configuration to diff' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'kustomize', short: 'k', type: 'string', usage: 'Process the kustomization directory.' },
    { name: 'show-managed-fields', type: 'bool', usage: 'If true, include managed fields in the diff.' },
    { name: 'show-secret', type: 'bool', usage: 'If true, include Secret data in diff.' },
    { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply', usage: 'Name of the manager used to track field ownership.' },
    { name: 'concurrency', type: 'int', default: 1, usage: 'Number of objects to process in parallel when diffing against the live version.' },
  ],
  *run(flags, env) {
    const files = flags.strings('filename');
    try {
      if (flags.string('kustomize')) throw new Error('kustomize is not available in the sandbox');
      if (files.length === 0) throw new Error('must specify one of -f and -k');
      const { items, errors } = resolveManifests(readSources(env, files, flags.bool('recursive')), { namespace: env.namespace, enforceNamespace: env.namespaceExplicit });
      if (errors.length) throw errors[0];
      const pairs: { name: string; live: string; merged: string }[] = [];
      for (const { object, type } of items) {
        const resource = qualifiedName(type);
        const ns = type.namespaced ? object.metadata.namespace : undefined;
        const name = object.metadata.name;
        const live = env.api.tryGet(resource, ns, name);
        let merged: KubeObject;
        if (!live) merged = env.api.create(resource, clone(object), { dryRun: true });
        else {
          const modified = JSON.parse(lastAppliedConfiguration(object)) as KubeObject;
          const recorded = live.metadata.annotations?.[LAST_APPLIED];
          const lastApplied = recorded ? JSON.parse(recorded) : undefined;
          const strategic = kindHasSchema(type.kind);
          const patch = strategic ? createThreeWayMergePatch(type.kind, lastApplied, modified, live) : threeWayJsonMergePatch(lastApplied, modified, live);
          merged = JSON.stringify(patch) === '{}' ? live : env.api.patch(resource, ns, name, strategic ? 'strategic' : 'merge', patch, { dryRun: true });
        }
        const file = `${type.group ? `${type.group}.` : ''}${type.version}.${type.kind}.${ns ?? ''}.${name}`;
        let [from, to] = [live, merged].map((o) => (o && !flags.bool('show-managed-fields') ? withoutManagedFields(o) : o));
        if (type.kind === 'Secret' && !flags.bool('show-secret')) [from, to] = maskSecrets(from, to);
        pairs.push({ name: file, live: from ? toYaml(from) : '', merged: toYaml(to!) });
      }
      pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      // Temporary directory names and file times as the real kubectl's, from virtual time.
      const now = env.now();
      const liveDir = `/tmp/LIVE-${Math.floor(now / 7) % 4294967296}`;
      const mergedDir = `/tmp/MERGED-${Math.floor(now / 3) % 4294967296}`;
      const stamp = `${formatRFC3339(now).replace('T', ' ').replace('Z', '')}.${String((now % 1000) * 1_000_000).padStart(9, '0')} +0000`;
      let differs = false;
      for (const p of pairs) {
        const hunks = unifiedHunks(p.live, p.merged);
        if (!hunks) continue;
        differs = true;
        env.out(`diff -u -N ${liveDir}/${p.name} ${mergedDir}/${p.name}\n--- ${liveDir}/${p.name}\t${stamp}\n+++ ${mergedDir}/${p.name}\t${stamp}\n${hunks}`);
      }
      return differs ? 1 : 0;
    } catch (e) {
      env.err(kubectlErrorText(e) + '\n');
      return 2;
    }
  },
};

/** diff's Masker: Secret values become `***`, or `*** (before)`/`*** (after)` where they differ. */
function maskSecrets(from: KubeObject | undefined, to: KubeObject | undefined): [KubeObject | undefined, KubeObject | undefined] {
  const a = (from?.data ?? {}) as Record<string, string>;
  const b = (to?.data ?? {}) as Record<string, string>;
  const mask = (own: Record<string, string>, other: Record<string, string>, which: string) =>
    Object.fromEntries(Object.keys(own).map((k) => [k, k in other && other[k] !== own[k] ? `*** (${which})` : '***']));
  const f = from && from.data ? { ...from, data: mask(a, b, 'before') } : from;
  const t = to && to.data ? { ...to, data: mask(b, a, 'after') } : to;
  return [f, t];
}
