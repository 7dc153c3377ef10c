/**
 * `kubectl delete`: by name, `-l`, `--all` or `-f`; cascading policy; graceful and forced
 * deletion; and, like kubectl, waiting until the objects are really gone unless `--wait=false`.
 */
import { isApiError } from '../../../engine/api/errors';
import { kindPrefix } from '../../../engine/api/resources';
import type { PropagationPolicy } from '../../../engine/api/server';
import type { ShellEffect } from '../../../engine/shell/types';
import { parseGoDuration } from '../../../engine/util/duration';
import { selectObjects, type Found } from '../builder';
import { UsageError, waitFor, type CommandEnv, type KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import type { Flags } from '../flags';
import { objectsFromFiles } from '../manifestFiles';

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

const NO_ARGS = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export const deleteCommand: KubectlCommand = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'containing the resource to delete.' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on' },
    { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on' },
    { name: 'all', type: 'bool', usage: 'Delete all resources, in the namespace of the specified resource types.' },
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'ignore-not-found', type: 'bool', usage: 'Treat "resource not found" as a successful delete.' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground".' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully.' },
    { name: 'now', type: 'bool', usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning.' },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before giving up on a delete.' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  ],
  run: runDelete,
};

function propagation(value: string): PropagationPolicy {
  switch (value) {
    case 'background':
    case 'true':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
    case 'false':
      return 'Orphan';
  }
  throw new Error(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
}

function* runDelete(flags: Flags, env: CommandEnv): Generator<ShellEffect, number, unknown> {
  const policy = propagation(flags.string('cascade'));
  let grace = flags.int('grace-period');
  if (flags.bool('now')) grace = 1;
  const force = flags.bool('force');
  if (force && grace < 0) grace = 0;
  if (!force && grace === 0) grace = 1;
  const dryRun = flags.string('dry-run');
  const dry = dryRun === 'client' || dryRun === 'unchanged' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';

  const files = flags.strings('filename');
  let found: Found[] = [];
  let errors: unknown[] = [];
  if (files.length > 0) {
    if (flags.args.length > 0) throw new Error('Unexpected args: ' + JSON.stringify(flags.args).replace(/,/g, ' '));
    const r = objectsFromFiles(env, files, flags.bool('recursive'));
    found = r.found;
    errors = r.errors;
  } else {
    if (flags.args.length === 0) throw new UsageError(NO_ARGS);
    const sel = selectObjects(env, flags.args, {
      selector: flags.string('selector') || undefined,
      fieldSelector: flags.string('field-selector') || undefined,
      all: flags.bool('all'),
      allNamespaces: flags.bool('all-namespaces'),
    });
    if (sel.typesWithoutNames.length) throw new Error('resource(s) were provided, but no name was specified');
    found = sel.found;
    errors = sel.errors;
  }

  // kubectl visits every object, continuing past errors (a name that is not found, a failed
  // delete); the aggregate error is printed at the end, and nothing is waited for then.
  if (flags.bool('ignore-not-found')) errors = errors.filter((e) => !isApiError(e, 'NotFound'));
  const report = (): number => {
    for (const e of errors) env.err(kubectlErrorText(e) + '\n');
    return errors.length ? 1 : 0;
  };
  if (found.length === 0) {
    if (errors.length === 0 && !flags.bool('ignore-not-found')) env.out('No resources found\n');
    return report();
  }
  if (force && grace === 0) env.err(FORCE_WARNING);

  const deleted: Found[] = [];
  for (const f of found) {
    const { namespace, name } = f.object.metadata;
    try {
      env.api.delete(f.resource, namespace, name, {
        propagationPolicy: policy,
        gracePeriodSeconds: grace >= 0 ? grace : undefined,
        dryRun: dry !== '',
      });
    } catch (e) {
      if (!(flags.bool('ignore-not-found') && isApiError(e, 'NotFound'))) errors.push(e);
      continue;
    }
    deleted.push(f);
    if (flags.string('output') === 'name') env.out(`${kindPrefix(f.type)}/${name}\n`);
    else env.out(`${kindPrefix(f.type)} "${name}" ${deletedText(force && grace === 0, namespace)}${dry}\n`);
  }
  if (errors.length) return report();
  if (!flags.bool('wait') || dry || deleted.length === 0) return 0;
  return yield* waitForDeletion(env, deleted, flags.string('timeout'), 0);
}

/** Lets virtual time flow until every object (by uid) is gone or the timeout passes. */
function* waitForDeletion(env: CommandEnv, objs: Found[], timeoutText: string, status: number): Generator<ShellEffect, number, unknown> {
  const timeout = parseGoDuration(timeoutText) ?? 0;
  const deadline = env.now() + (timeout > 0 ? timeout : 7 * 24 * 3600 * 1000);
  const pending = () =>
    objs.filter((f) => env.api.tryGet(f.resource, f.object.metadata.namespace, f.object.metadata.name)?.metadata.uid === f.object.metadata.uid);
  if (yield* waitFor(env, () => pending().length === 0, deadline)) return status;
  for (const f of pending()) env.err(`error: timed out waiting for the condition on ${f.resource.split('.')[0]}/${f.object.metadata.name}\n`);
  return 1;
}

/** DeleteOptions.PrintObj's operation: kubectl 1.34 names the namespace of a namespaced object. */
export function deletedText(force: boolean, namespace: string | undefined): string {
  const op = force ? 'force deleted' : 'deleted';
  return namespace ? `${op} from ${namespace} namespace` : op;
}
