/**
 * `kubectl apply view-last-applied` and `kubectl apply set-last-applied` (pkg/cmd/apply/
 * apply_view_last_applied.go, apply_set_last_applied.go): the last-applied-configuration
 * annotation that client-side apply keeps, shown as YAML (default) or indented JSON, or set from
 * a file without applying it.
 */
import { isApiError } from '../../../engine/api/errors';
import { kindPrefix, qualifiedName, resourceTypeForKind } from '../../../engine/api/resources';
import { sortKeys } from '../../../engine/api/strategicDiff';
import type { KubeObject } from '../../../engine/objects';
import { clone } from '../../../engine/util/clone';
import { LAST_APPLIED } from '../../manifests/apply';
import { selectObjects, type Found } from '../builder';
import { UsageError, type CommandEnv, type KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import type { Flags } from '../flags';
import { objectsFromFiles, objectsFromSources, readSources } from '../manifestFiles';
import { toYaml } from '../printers/serialize';
import { dryRunSuffix } from './cordon';
import { NO_RESOURCES } from './patch';

function selected(env: CommandEnv, flags: Flags): Found[] {
  if (flags.strings('filename').length > 0) {
    const r = objectsFromFiles(env, flags.strings('filename'), flags.bool('recursive'));
    if (r.errors.length) throw r.errors[0];
    return r.found;
  }
  if (flags.args.length === 0) throw new Error(NO_RESOURCES);
  const sel = selectObjects(env, flags.args, { selector: flags.string('selector') || undefined, all: flags.bool('all') });
  if (sel.typesWithoutNames.length) throw new Error('resource(s) were provided, but no name was specified');
  if (sel.errors.length) throw sel.errors[0];
  return sel.found;
}

/** json.Indent of the annotation text: two spaces, its trailing newline kept. */
function indentJson(text: string): string {
  return JSON.stringify(JSON.parse(text), null, 2) + (text.endsWith('\n') ? '\n' : '');
}

export const viewLastApplied: KubectlCommand = {
  name: 'view-last-applied',
  short: 'View the latest last-applied-configuration annotations of a resource/object',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: 'yaml', usage: 'Output format. Must be one of (yaml, json)' },
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files that contains the last-applied-configuration annotations' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on' },
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
  ],
  *run(flags, env) {
    const o = flags.string('output');
    // Every object is read (and a missing one fails) before anything is printed.
    const configs = selected(env, flags)
      .map((f) => f.object.metadata.annotations?.[LAST_APPLIED])
      .filter((c): c is string => c !== undefined);
    for (const text of configs) {
      if (o === 'json') env.out(indentJson(text));
      else if (o === 'yaml') env.out(toYaml(JSON.parse(text)));
      else throw new UsageError(`Unexpected -o output mode: ${o}, the flag 'output' must be one of yaml|json`);
    }
    return 0;
  },
};

export const setLastApplied: KubectlCommand = {
  name: 'set-last-applied',
  short: 'Set the last-applied-configuration annotation on a live object to match the contents of a file',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files that contains the last-applied-configuration annotations' },
    { name: 'create-annotation', type: 'bool', usage: "Will create 'last-applied-configuration' annotations if current objects doesn't have one" },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format.' },
  ],
  *run(flags, env) {
    if (flags.strings('filename').length === 0) throw new UsageError('Expected one or more files (-f)');
    const dry = dryRunSuffix(flags.string('dry-run'));
    const { objects, errors } = objectsFromSources(readSources(env, flags.strings('filename'), false));
    if (errors.length) throw new Error(errors[0].replace(/^error: /, ''));
    let status = 0;
    for (const { object } of objects) {
      try {
        const type = resourceTypeForKind(object.apiVersion, object.kind);
        if (!type) throw new Error(`no matches for kind "${object.kind}" in version "${object.apiVersion}"`);
        const resource = qualifiedName(type);
        const f = { type, resource, object: env.api.get(resource, type.namespaced ? object.metadata.namespace || env.namespace : undefined, object.metadata.name) };
        const name = `${kindPrefix(f.type)}/${f.object.metadata.name}`;
        if (f.object.metadata.annotations?.[LAST_APPLIED] === undefined && !flags.bool('create-annotation')) {
          throw new Error(`no last-applied-configuration annotation found on resource: ${f.object.metadata.name}, to create the annotation, run the command with --create-annotation`);
        }
        const patch = { metadata: { annotations: { [LAST_APPLIED]: modifiedConfiguration(object, f.object.metadata.namespace) } } };
        if (!flags.string('dry-run') || flags.string('dry-run') === 'none' || flags.string('dry-run') === 'server') {
          env.api.patch(f.resource, f.object.metadata.namespace, f.object.metadata.name, 'merge', patch, { dryRun: flags.string('dry-run') === 'server' });
        }
        env.out(flags.string('output') === 'name' ? `${name}\n` : `${name} configured${dry}\n`);
      } catch (e) {
        if (!(e instanceof Error) && !isApiError(e)) throw e;
        env.err(kubectlErrorText(e) + '\n');
        status = 1;
      }
    }
    return status;
  },
};

/** GetModifiedConfiguration(obj, false): the file's object as the builder read it (namespace filled in), without the annotation. */
function modifiedConfiguration(object: KubeObject, namespace: string | undefined): string {
  const copy = clone(object);
  if (namespace) copy.metadata.namespace = namespace;
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  if (Object.keys(annotations).length) copy.metadata.annotations = annotations;
  else delete copy.metadata.annotations;
  return JSON.stringify(sortKeys(copy)) + '\n';
}
