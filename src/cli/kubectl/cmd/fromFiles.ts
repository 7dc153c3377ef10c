/** `kubectl apply -f` and `kubectl create -f`: read the sources, hand them to the manifest layer. */
import { applyManifests, createFromManifests } from '../../manifests/apply';
import type { CommandResult } from '../../manifests/resolve';
import type { CommandEnv } from '../command';
import type { Flags } from '../flags';
import { readSources } from '../manifestFiles';

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
  return emit(env, applyManifests(env.api, sources(env, flags), manifestOptions(env, flags)));
}

export function createFromFiles(env: CommandEnv, flags: Flags): number {
  return emit(env, createFromManifests(env.api, sources(env, flags), { ...manifestOptions(env, flags), saveConfig: flags.bool('save-config') }));
}
