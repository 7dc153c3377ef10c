/**
 * `kubectl get`: tables from the server-side printers (the same ones `pilothouse serve` sends),
 * every output format, selectors, several kinds at once, and `-w` — which streams changes in
 * the page until Ctrl+C and, headless, until the cluster is quiet or --request-timeout passes.
 */
import { ENDPOINTS_DEPRECATION_WARNING } from '../../../engine/api/kinds/service';
import { kindPrefix, qualifiedName, type ResourceType } from '../../../engine/api/resources';
import type { WatchEvent } from '../../../engine/api/server';
import type { KubeObject } from '../../../engine/objects';
import type { ShellEffect } from '../../../engine/shell/types';
import { parseGoDuration } from '../../../engine/util/duration';
import type { Found } from '../builder';
import { type CommandEnv, type KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import type { Flags } from '../flags';
import { objectsFromFiles } from '../manifestFiles';
import { outputFormat, printObjects, printTables, type TableGroup } from '../printers/output';
import { parseResourceArgs } from '../resolve';

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

export const get: KubectlCommand = {
  name: 'get',
  short: 'Display one or many resources',
  flags: [
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on' },
    { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on' },
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'watch', short: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
    { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column.' },
    { name: 'label-columns', short: 'L', type: 'stringArray', usage: 'Accepts a comma separated list of labels that are going to be presented as columns.' },
    { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'no-headers', type: 'bool', usage: 'When using the default or custom-column output format, don\'t print headers.' },
    { name: 'sort-by', type: 'string', usage: 'If non-empty, sort list types using this field specification.' },
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'ignore-not-found', type: 'bool', usage: 'If set to true, suppresses NotFound error for specific objects that do not exist.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once.' },
    { name: 'output-watch-events', type: 'bool', usage: 'Output watch event objects when --watch or --watch-only is used.' },
    { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  ],
  run: runGet,
};

function* runGet(flags: Flags, env: CommandEnv): Generator<ShellEffect, number, unknown> {
  const format = outputFormat(flags.string('output'));
  const allNamespaces = flags.bool('all-namespaces');
  const files = flags.strings('filename');
  let status = 0;
  const groups: TableGroup[] = [];
  const singleItem: { value: boolean } = { value: false };

  if (files.length > 0) {
    const r = objectsFromFiles(env, files, flags.bool('recursive'));
    for (const e of r.errors) {
      env.err(kubectlErrorText(e) + '\n');
      status = 1;
    }
    addFound(groups, r.found);
    singleItem.value = r.found.length === 1;
  } else {
    if (flags.args.length === 0) {
      env.err(NO_TYPE + '\n');
      return 1;
    }
    const args = parseResourceArgs(flags.args);
    const named = args.some((a) => a.names.length > 0);
    singleItem.value = args.length === 1 && args[0].names.length === 1;
    for (const arg of args) {
      const resource = qualifiedName(arg.type);
      if (resource === 'endpoints' && !args.slice(0, args.indexOf(arg)).some((a) => a.type === arg.type)) env.err(`Warning: ${ENDPOINTS_DEPRECATION_WARNING}\n`);
      const ns = arg.type.namespaced && !(allNamespaces && !named) ? env.namespace : undefined;
      const group: TableGroup = { type: arg.type, resource, objects: [] };
      if (arg.names.length > 0) {
        for (const name of arg.names) {
          const obj = env.api.tryGet(resource, ns, name);
          if (obj) group.objects.push(obj);
          else if (!flags.bool('ignore-not-found')) {
            env.err(`Error from server (NotFound): ${resource} "${name}" not found\n`);
            status = 1;
          }
        }
      } else {
        group.objects = env.api.list(resource, {
          namespace: ns,
          labelSelector: flags.string('selector') || undefined,
          fieldSelector: flags.string('field-selector') || undefined,
        }).items;
      }
      groups.push(group);
    }
  }

  const withNamespace = allNamespaces && files.length === 0;
  const opts = {
    format,
    noHeaders: flags.bool('no-headers'),
    showLabels: flags.bool('show-labels'),
    labelColumns: flags.strings('label-columns').flatMap((l) => l.split(',')),
    showKind: flags.bool('show-kind') || groups.length > 1,
    withNamespace,
    sortBy: flags.string('sort-by'),
    now: env.now(),
    readFile: (p: string) => env.host.fs.read(p),
    showManagedFields: flags.bool('show-managed-fields'),
  };

  if (!flags.bool('watch-only')) {
    const total = groups.reduce((n, g) => n + g.objects.length, 0);
    if (total === 0 && status === 0 && format.kind === 'table') {
      if (!flags.bool('watch') && !flags.bool('ignore-not-found')) env.err(noResourcesMessage(groups, env.namespace, allNamespaces) + '\n');
    } else if (format.kind === 'table') {
      env.out(printTables(groups, opts));
    } else if (total > 0 || format.kind !== 'name') {
      const objects = groups.flatMap((g) => g.objects);
      env.out(printObjects(objects, singleItem.value && objects.length === 1, opts));
    }
  }
  if (flags.bool('watch') || flags.bool('watch-only')) {
    if (groups.length !== 1) throw new Error('you may only specify a single resource type');
    yield* watch(env, flags, groups[0], opts, withNamespace);
  }
  return status;
}

function addFound(groups: TableGroup[], found: Found[]): void {
  for (const f of found) {
    let g = groups.find((x) => x.type === f.type);
    if (!g) groups.push((g = { type: f.type, resource: f.resource, objects: [] }));
    g.objects.push(f.object);
  }
}

function noResourcesMessage(groups: TableGroup[], namespace: string, allNamespaces: boolean): string {
  const namespaced = groups.every((g) => g.type.namespaced);
  return namespaced && !allNamespaces ? `No resources found in ${namespace} namespace.` : 'No resources found';
}

/** Streams rows for changes until interrupted (page) or the cluster is quiet (headless). */
function* watch(env: CommandEnv, flags: Flags, group: TableGroup, opts: Parameters<typeof printTables>[1], withNamespace: boolean): Generator<ShellEffect, void, unknown> {
  const events: WatchEvent[] = [];
  const names = new Set(group.objects.map((o) => o.metadata.name));
  const single = flags.args.length > 1 || flags.args.some((a) => a.includes('/'));
  const stop = env.api.watch(
    group.resource,
    {
      namespace: group.type.namespaced && !withNamespace ? env.namespace : undefined,
      labelSelector: flags.string('selector') || undefined,
      fieldSelector: flags.string('field-selector') || undefined,
      resourceVersion: String(env.api.store.resourceVersion),
    },
    (e) => {
      if (!single || names.has(e.object.metadata.name)) events.push(e);
    },
  );
  const timeout = parseGoDuration(flags.string('request-timeout')) ?? 0;
  const deadline = env.now() + (timeout > 0 ? timeout : 60 * 60 * 1000);
  try {
    for (;;) {
      // AGE is computed when each row is printed, as kubectl's printer does, not at watch start.
      for (const e of events.splice(0)) env.out(watchLine(group.type, e, { ...opts, now: env.now() }));
      if (env.now() >= deadline || (!env.host.interactive && timeout === 0 && env.sim.isQuiet())) return;
      const next = env.sim.nextActivity();
      const step = Math.max(1, Math.min(deadline, next ?? deadline, env.host.interactive ? env.now() + 1000 : Infinity) - env.now());
      yield { type: 'sleep', ms: step };
    }
  } finally {
    stop();
  }
}

function watchLine(type: ResourceType, e: WatchEvent, opts: Parameters<typeof printTables>[1]): string {
  const o: KubeObject = e.object;
  if (opts.format.kind !== 'table') return printObjects([o], true, opts);
  const text = printTables([{ type, resource: qualifiedName(type), objects: [o] }], { ...opts, noHeaders: true, showKind: false });
  void kindPrefix;
  return text;
}
