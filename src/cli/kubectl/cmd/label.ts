/**
 * `kubectl label` and `kubectl annotate`: parse `key=value` and `key-` arguments, refuse to
 * overwrite without --overwrite, and report labeled / unlabeled / not labeled like kubectl.
 */
import { isApiError } from '../../../engine/api/errors';
import { nameOf, selectObjects } from '../builder';
import { UsageError, type CommandEnv, type KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import type { Flags } from '../flags';
import { dryRunSuffix } from './cordon';

type Field = 'labels' | 'annotations';

function flagsFor(): KubectlCommand['flags'] {
  return [
    { name: 'overwrite', type: 'bool', usage: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on' },
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If true, check the specified action in all namespaces.' },
    { name: 'list', type: 'bool', usage: 'If true, display the labels for a given resource.' },
    { name: 'resource-version', type: 'string', usage: 'If non-empty, the update will only succeed if this is the current resource-version for the object.' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: name.' },
  ];
}

function* runMeta(field: Field, flags: Flags, env: CommandEnv) {
  const singular = field === 'labels' ? 'label' : 'annotation';
  const args = flags.args;
  const firstChange = args.findIndex((a) => a.includes('=') || a.endsWith('-'));
  const resourceArgs = firstChange < 0 ? args : args.slice(0, firstChange);
  const changes = firstChange < 0 ? [] : args.slice(firstChange);
  if (resourceArgs.length === 0) throw new Error('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (changes.length === 0 && !flags.bool('list')) throw new UsageError(`at least one ${singular} update is required`);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
    else {
      const i = c.indexOf('=');
      if (i <= 0) throw new Error(`invalid ${singular} spec: ${c}`);
      set[c.slice(0, i)] = c.slice(i + 1);
    }
  }
  const sel = selectObjects(env, resourceArgs, { selector: flags.string('selector') || undefined, all: flags.bool('all'), allNamespaces: flags.bool('all-namespaces') });
  if (sel.typesWithoutNames.length) throw new UsageError(`resource(s) were provided, but no name was specified`);
  let status = 0;
  for (const e of sel.errors) {
    env.err(kubectlErrorText(e) + '\n');
    status = 1;
  }
  const dry = dryRunSuffix(flags.string('dry-run'));
  for (const f of sel.found) {
    const current = (f.object.metadata[field] ?? {}) as Record<string, string>;
    if (flags.bool('list')) {
      for (const k of Object.keys(current).sort()) env.out(`${k}=${current[k]}\n`);
      continue;
    }
    if (!flags.bool('overwrite')) {
      const clash = Object.keys(set).find((k) => k in current && current[k] !== set[k]);
      if (clash) {
        env.err(`error: '${clash}' already has a value (${current[clash]}), and --overwrite is false\n`);
        status = 1;
        continue;
      }
    }
    const patch: Record<string, string | null> = { ...set };
    for (const k of remove) patch[k] = null;
    const changed = Object.entries(patch).some(([k, v]) => (v === null ? k in current : current[k] !== v));
    const verb = field === 'annotations' ? 'annotated' : !changed ? 'not labeled' : Object.keys(set).length === 0 ? 'unlabeled' : 'labeled';
    try {
      if (changed && !dry) {
        const meta: Record<string, unknown> = { [field]: patch };
        if (flags.string('resource-version')) meta.resourceVersion = flags.string('resource-version');
        env.api.patch(f.resource, f.object.metadata.namespace, f.object.metadata.name, 'merge', { metadata: meta }, { fieldManager: field === 'annotations' ? 'kubectl-annotate' : 'kubectl-label' });
      }
      env.out(flags.string('output') === 'name' ? `${nameOf(f)}\n` : `${nameOf(f)} ${verb}${dry}\n`);
    } catch (e) {
      if (!isApiError(e)) throw e;
      env.err(kubectlErrorText(e) + '\n');
      status = 1;
    }
  }
  return status;
}

export const label: KubectlCommand = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags: flagsFor(),
  run: (flags, env) => runMeta('labels', flags, env),
};

export const annotate: KubectlCommand = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags: flagsFor(),
  run: (flags, env) => runMeta('annotations', flags, env),
};
