/**
 * `-f FILE|DIR|-` as kubectl reads it: files by path, directories by their .json/.yaml/.yml
 * entries (recursively with -R), `-` from standard input; each document becomes an object.
 */
import { isApiError } from '../../engine/api/errors';
import { qualifiedName, resourceTypeForKind, type ResourceType } from '../../engine/api/resources';
import type { KubeObject } from '../../engine/objects';
import { loadManifests } from '../manifests/load';
import type { Found } from './builder';
import type { CommandEnv } from './command';

export interface ManifestSource {
  name: string;
  text: string;
}

const MANIFEST_EXTENSIONS = /\.(json|ya?ml)$/;

/** Reads every `-f` argument into sources; unreadable paths raise kubectl's error. */
export function readSources(env: CommandEnv, paths: string[], recursive: boolean): ManifestSource[] {
  const out: ManifestSource[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push({ name: 'STDIN', text: env.stdin });
      continue;
    }
    const entries = env.host.listDir?.(p);
    if (entries) {
      for (const entry of entries) {
        const child = `${p.replace(/\/$/, '')}/${entry}`;
        if (env.host.listDir?.(child)) {
          if (recursive) out.push(...readSources(env, [child], true));
        } else if (MANIFEST_EXTENSIONS.test(entry)) {
          out.push(readOne(env, child));
        }
      }
      continue;
    }
    out.push(readOne(env, p));
  }
  return out;
}

function readOne(env: CommandEnv, path: string): ManifestSource {
  const text = env.host.fs.read(path);
  if (text === undefined) throw new Error(`the path "${path}" does not exist`);
  return { name: path, text };
}

/** Parsed objects with the file each came from, for `error when creating "FILE"` messages. */
export function objectsFromSources(sources: ManifestSource[]): { objects: { object: KubeObject; source: string }[]; errors: string[] } {
  const objects: { object: KubeObject; source: string }[] = [];
  const errors: string[] = [];
  for (const src of sources) {
    const r = loadManifests(src);
    for (const o of r.objects) objects.push({ object: o as KubeObject, source: src.name });
    errors.push(...r.errors);
  }
  return { objects, errors };
}

/** A manifest object's resource type, or kubectl's error for a kind the server does not serve. */
function mapObject(object: KubeObject, source: string): ResourceType | Error {
  return (
    resourceTypeForKind(object.apiVersion, object.kind) ??
    new Error(`resource mapping not found for name: "${object.metadata?.name}" namespace: "${object.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`)
  );
}

/**
 * The objects of manifest files, each with its resource type: as written (`live: false`, expose's
 * builder), or as the server has them (`delete -f`, `get -f`). Errors keep the files' order.
 */
export function objectsFromFiles(env: CommandEnv, paths: string[], recursive: boolean, live = true): { found: Found[]; errors: unknown[] } {
  const { objects, errors } = objectsFromSources(readSources(env, paths, recursive));
  const found: Found[] = [];
  const errs: unknown[] = errors.map((e) => new Error(e.replace(/^error: /, '')));
  for (const { object, source } of objects) {
    const type = mapObject(object, source);
    if (type instanceof Error) {
      errs.push(type);
      continue;
    }
    const resource = qualifiedName(type);
    if (!live) {
      found.push({ type, resource, object });
      continue;
    }
    const ns = type.namespaced ? object.metadata?.namespace || env.namespace : undefined;
    try {
      found.push({ type, resource, object: env.api.get(resource, ns, object.metadata.name) });
    } catch (e) {
      if (!isApiError(e)) throw e;
      errs.push(e);
    }
  }
  return { found, errors: errs };
}
