/**
 * `kubectl set image | resources | env`: edit the pod template (or a pod's spec) of the named
 * objects, as strategic merge patches on the containers list.
 */
import type { KubeObject } from '../../../engine/objects';
import { createTwoWayMergePatch } from '../../../engine/api/strategicDiff';
import { clone } from '../../../engine/util/clone';
import { nameOf, selectObjects, type Found } from '../builder';
import { UsageError, type CommandEnv, type KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import type { Flags } from '../flags';
import { dryRunSuffix } from './cordon';

interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string }[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

function podSpecOf(obj: KubeObject): { containers: Container[]; initContainers?: Container[] } {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

/** Applies `edit` to a copy of each object's pod spec and writes the result back with a patch. */
function editPodSpecs(env: CommandEnv, flags: Flags, args: string[], verb: string, edit: (spec: { containers: Container[]; initContainers?: Container[] }, f: Found) => void): number {
  const sel = selectObjects(env, args, { selector: flags.string('selector') || undefined, all: flags.bool('all') });
  if (sel.typesWithoutNames.length) throw new UsageError('resource(s) were provided, but no name was specified');
  let status = 0;
  for (const e of sel.errors) {
    env.err(kubectlErrorText(e) + '\n');
    status = 1;
  }
  const dry = dryRunSuffix(flags.string('dry-run'));
  for (const f of sel.found) {
    const original = podSpecOf(f.object);
    if (!original) {
      env.err(`error: ${nameOf(f)} has no pod template\n`);
      status = 1;
      continue;
    }
    const spec = clone(original);
    try {
      edit(spec, f);
    } catch (e) {
      env.err(kubectlErrorText(e) + '\n');
      status = 1;
      continue;
    }
    // As kubectl does: a two-way strategic merge patch from the object before to the object after.
    const after = clone(f.object);
    if (after.kind === 'Pod') after.spec = { ...after.spec, ...spec };
    else after.spec.template.spec = { ...after.spec.template.spec, ...spec };
    const patch = createTwoWayMergePatch(f.object.kind, f.object, after);
    try {
      if (!dry && Object.keys(patch).length > 0) env.api.patch(f.resource, f.object.metadata.namespace, f.object.metadata.name, 'strategic', patch, { fieldManager: 'kubectl-set' });
      env.out(`${nameOf(f)} ${verb}${dry}\n`);
    } catch (e) {
      env.err(kubectlErrorText(e) + '\n');
      status = 1;
    }
  }
  return status;
}

const COMMON = [
  { name: 'selector', short: 'l', type: 'string' as const, usage: 'Selector (label query) to filter on' },
  { name: 'all', type: 'bool' as const, usage: 'Select all resources, in the namespace of the specified resource types' },
  { name: 'dry-run', type: 'string' as const, default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
];

const image: KubectlCommand = {
  name: 'image',
  short: 'Update the image of a pod template',
  flags: COMMON,
  *run(flags, env) {
    const pairs = flags.args.filter((a) => a.includes('='));
    const targets = flags.args.filter((a) => !a.includes('='));
    if (targets.length === 0) throw new UsageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (pairs.length === 0) throw new UsageError('at least one image update is required');
    return editPodSpecs(env, flags, targets, 'image updated', (spec) => {
      for (const pair of pairs) {
        const [name, img] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        const all = [...spec.containers, ...(spec.initContainers ?? [])];
        const hits = name === '*' ? all : all.filter((c) => c.name === name);
        if (hits.length === 0) throw new Error(`unable to find container named "${name}"`);
        for (const c of hits) c.image = img;
      }
    });
  },
};

function parseResourceList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const part of text.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) throw new Error(`invalid resource specification: ${part}`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

const resources: KubectlCommand = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  flags: [
    ...COMMON,
    { name: 'containers', short: 'c', type: 'string', default: '*', usage: 'The names of containers in the selected pod templates to change, all containers are selected by default' },
    { name: 'limits', type: 'string', usage: 'The resource requirement limits for this container.' },
    { name: 'requests', type: 'string', usage: 'The resource requirement requests for this container.' },
  ],
  *run(flags, env) {
    if (flags.args.length === 0) throw new UsageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    const limits = parseResourceList(flags.string('limits'));
    const requests = parseResourceList(flags.string('requests'));
    if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) throw new Error('you must specify an update to requests or limits (in the form of --requests/--limits)');
    const which = flags.string('containers');
    return editPodSpecs(env, flags, flags.args, 'resource requirements updated', (spec) => {
      const hits = spec.containers.filter((c) => which === '*' || c.name === which);
      if (hits.length === 0) throw new Error(`unable to find container named ${which}`);
      for (const c of hits) {
        c.resources = { ...c.resources };
        if (Object.keys(limits).length) c.resources.limits = { ...c.resources.limits, ...limits };
        if (Object.keys(requests).length) c.resources.requests = { ...c.resources.requests, ...requests };
      }
    });
  },
};

const envCommand: KubectlCommand = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  flags: [
    ...COMMON,
    { name: 'containers', short: 'c', type: 'string', default: '*', usage: 'The names of containers in the selected pod templates to change - may use wildcards' },
    { name: 'list', type: 'bool', usage: 'If true, display the environment and any changes in the standard format.' },
    { name: 'overwrite', type: 'bool', default: true, usage: 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.' },
  ],
  *run(flags, env) {
    const changes = flags.args.filter((a) => a.includes('=') || /^[A-Za-z_][A-Za-z0-9_]*-$/.test(a));
    const targets = flags.args.filter((a) => !changes.includes(a));
    if (targets.length === 0) throw new UsageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    const which = flags.string('containers');
    if (flags.bool('list')) {
      const sel = selectObjects(env, targets, {});
      for (const e of sel.errors) throw e;
      for (const f of sel.found) {
        for (const c of podSpecOf(f.object).containers.filter((c) => which === '*' || c.name === which)) {
          env.out(`# ${f.object.kind} ${f.object.metadata.name}, container ${c.name}\n`);
          for (const e of c.env ?? []) env.out(`${e.name}=${e.value ?? ''}\n`);
        }
      }
      return 0;
    }
    if (changes.length === 0) throw new Error('at least one environment variable must be provided');
    return editPodSpecs(env, flags, targets, 'env updated', (spec) => {
      for (const c of spec.containers.filter((c) => which === '*' || c.name === which)) {
        const list = [...(c.env ?? [])];
        for (const ch of changes) {
          if (ch.endsWith('-') && !ch.includes('=')) {
            const name = ch.slice(0, -1);
            const i = list.findIndex((e) => e.name === name);
            if (i >= 0) list.splice(i, 1);
            continue;
          }
          const name = ch.slice(0, ch.indexOf('='));
          const value = ch.slice(ch.indexOf('=') + 1);
          const existing = list.find((e) => e.name === name);
          if (existing) existing.value = value;
          else list.push({ name, value });
        }
        c.env = list;
      }
    });
  },
};

export const set: KubectlCommand = {
  name: 'set',
  short: 'Set specific features on objects',
  flags: [],
  subcommands: [envCommand, image, resources],
};
