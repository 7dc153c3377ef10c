/** `kubectl apply -f` and `kubectl create -f`: read the sources, hand them to the manifest layer. */
import { applyManifests, createFromManifests } from '../../manifests/apply';
import type { CommandResult } from '../../manifests/resolve';
import type { KubeObject } from '../../../engine/objects';
import type { CommandEnv } from '../command';
import type { Flags } from '../flags';
import { readSources } from '../manifestFiles';
import { outputFormat, printObjects, type PrintOptions } from '../printers/output';
import { printObject } from './printObject';

function dryRunMode(value: string): 'none' | 'client' | 'server' {
  if (value === 'none' || value === '') return 'none';
  if (value === 'client' || value === 'unchanged') return 'client';
  if (value === 'server') return 'server';
  throw new Error(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

function validateMode(value: string): boolean {
  if (['strict', 'true', 'warn'].includes(value)) return true;
  if (['ignore', 'false'].includes(value)) return false;
  throw new Error(`invalid - validate option "${value}"; must be one of: strict (or true), warn, ignore (or false)`);
}

function emit(env: CommandEnv, r: CommandResult): number {
  for (const line of r.stdout) env.out(line.endsWith('\n') ? line : line + '\n');
  for (const line of r.stderr) env.err(line.endsWith('\n') ? line : line + '\n');
  return r.exitCode;
}

/** What `-f`, `-n`, `--dry-run` and `--validate` mean for both apply and create. */
function manifestOptions(env: CommandEnv, flags: Flags) {
  return {
    namespace: env.namespace,
    enforceNamespace: env.namespaceExplicit,
    dryRun: dryRunMode(flags.string('dry-run')),
    validate: validateMode(flags.string('validate')),
  };
}

function sources(env: CommandEnv, flags: Flags) {
  return readSources(env, flags.strings('filename'), flags.bool('recursive'));
}

export function applyFromFiles(env: CommandEnv, flags: Flags): number {
  const o = flags.string('output');
  if (o) outputFormat(o);
  const serverSide = flags.bool('server-side');
  const options = manifestOptions(env, flags);
  if (flags.bool('force-conflicts') && !serverSide) throw new Error('--force-conflicts only works with --server-side');
  if (serverSide && options.dryRun === 'client') throw new Error("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
  const fieldManager = flags.string('field-manager') || (serverSide ? 'kubectl' : 'kubectl-client-side-apply');
  const r = applyManifests(env.api, sources(env, flags), { ...options, serverSide, forceConflicts: flags.bool('force-conflicts'), fieldManager, collectObjects: !!o });
  // With -o, apply prints the objects the server returned instead of its messages (one object
  // alone, several as a List, as the printer does for apply's visited objects).
  if (o && o !== 'name' && r.objects?.length) {
    const list = { apiVersion: 'v1', kind: 'List', metadata: {}, items: r.objects } as unknown as KubeObject;
    env.out(printObject(env, r.objects.length === 1 ? r.objects[0] : list, o, flags.bool('show-managed-fields')));
    r.stdout = [];
  } else if (o === 'name') r.stdout = (r.objects ?? []).map((obj) => printObjects([obj], true, printOptions(env, o)));
  return emit(env, r);
}

function printOptions(env: CommandEnv, o: string): PrintOptions {
  return { format: outputFormat(o), noHeaders: false, showLabels: false, labelColumns: [], showKind: false, withNamespace: false, sortBy: '', now: env.now(), readFile: (p) => env.host.fs.read(p) };
}

export function createFromFiles(env: CommandEnv, flags: Flags): number {
  return emit(env, createFromManifests(env.api, sources(env, flags), { ...manifestOptions(env, flags), saveConfig: flags.bool('save-config') }));
}
