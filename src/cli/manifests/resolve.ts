/**
 * What kubectl's builder does between reading a manifest and calling the server: map the kind to a
 * served resource (`resource mapping not found … ensure CRDs are installed first`), fill in or check
 * the namespace (`the namespace from the provided object "a" does not match …`), and render errors
 * as checkErr does once the command is done (one error: `error: …`; several: one per line, bare).
 */
import { ApiError } from '../../engine/api/errors';
import { resourceTypeForKind, type ResourceType } from '../../engine/api/resources';
import type { KubeObject } from '../../engine/objects';
import { loadManifests, type LoadOptions, type ManifestSource } from './load';

export interface CommandResult {
  stdout: string[];
  stderr: string[];
  exitCode: number;
  /** The objects the server returned (or, with --dry-run=client, would be sent), for `apply -o`. */
  objects?: KubeObject[];
}

export interface ResolveOptions extends LoadOptions {
  /** The namespace in effect: `-n`, else the context's (usually `default`). */
  namespace: string;
  /** `-n` was given: objects naming another namespace are refused. */
  enforceNamespace?: boolean;
}

export interface Resolved {
  object: KubeObject;
  source: string;
  type: ResourceType;
}

/** Loads every source and maps each object; errors keep kubectl's order (per file, in document order). */
export function resolveManifests(sources: ManifestSource[], opts: ResolveOptions): { items: Resolved[]; errors: unknown[] } {
  const items: Resolved[] = [];
  const errors: unknown[] = [];
  for (const src of sources) {
    const loaded = loadManifests(src, opts);
    for (const raw of loaded.objects) {
      const obj = raw as unknown as KubeObject;
      const name = String(obj.metadata?.name ?? '');
      const apiVersion = String(obj.apiVersion ?? '');
      const type = resourceTypeForKind(apiVersion, String(obj.kind));
      if (!type) {
        errors.push(new Error(`resource mapping not found for name: "${name}" namespace: "${obj.metadata?.namespace ?? ''}" from "${src.name}": ${noKindMatch(apiVersion, String(obj.kind))}\nensure CRDs are installed first`));
        continue;
      }
      if (type.namespaced) {
        obj.metadata ??= { name };
        const ns = obj.metadata.namespace;
        if (!ns) obj.metadata.namespace = opts.namespace;
        else if (opts.enforceNamespace && ns !== opts.namespace) {
          errors.push(new Error(`the namespace from the provided object "${ns}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${ns}' to perform this operation.`));
          continue;
        }
      }
      items.push({ object: obj, source: src.name, type });
    }
    errors.push(...loaded.errors.map((e) => new Error(e.replace(/^error: /, ''))));
  }
  return { items, errors };
}

/** meta.NoKindMatchError for the one version searched. */
function noKindMatch(apiVersion: string, kind: string): string {
  return `no matches for kind "${kind}" in version "${apiVersion}"`;
}

/** kubectl's AddSourceToErr: API errors keep their reason and details, others become plain errors. */
export function addSourceToErr(verb: string, source: string, err: unknown): unknown {
  if (err instanceof ApiError) return new ApiError(err.code, err.reason, `error when ${verb} "${source}": ${err.message}`, err.details);
  return new Error(`error when ${verb} "${source}": ${err instanceof Error ? err.message : String(err)}`);
}

/** Standard message of one error inside a list (messageForError). */
function standardMessage(e: unknown): string {
  if (e instanceof ApiError) return `Error from server (${e.reason}): ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** checkErr: the lines kubectl prints on stderr for the errors a command collected. */
export function renderErrors(errors: unknown[]): string[] {
  if (errors.length === 0) return [];
  if (errors.length > 1) return errors.flatMap((e) => standardMessage(e).split('\n'));
  const e = errors[0];
  if (e instanceof ApiError && e.reason === 'Invalid') {
    const d = e.details;
    const head = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
    const causes = d.causes ?? [];
    if (causes.length === 0) return [d.kind || d.name ? head : `${head}: ${e.message}`];
    if (causes.length === 1) return `${head}: ${causes[0].field}: ${causes[0].message}`.split('\n');
    return [`${head}: `, ...causes.map((c) => `* ${c.field}: ${c.message}`)];
  }
  const msg = standardMessage(e);
  return (e instanceof ApiError || msg.startsWith('error: ') ? msg : `error: ${msg}`).split('\n');
}
