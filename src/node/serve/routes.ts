/**
 * Resource paths as apiserver routes them:
 *   /api/v1/<resource>[/<name>[/<subresource>]]                       cluster-scoped, or every namespace
 *   /api/v1/namespaces/<ns>/<resource>[/<name>[/<subresource>]]        namespaced
 *   /apis/<group>/<version>/...                                        the same under a named group
 *   /api/v1/watch/...                                                  the legacy watch prefix
 */
import { RESOURCE_TYPES, type ResourceType } from '../../engine/api/resources';

export interface ResourceRoute {
  type: ResourceType;
  /** The namespace in the path (namespaced resources only). */
  namespace?: string;
  name?: string;
  subresource?: string;
  /** Came through the legacy `/watch/` prefix. */
  watchPrefix: boolean;
}

export type ParsedPath =
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'group'; group: string }
  | { kind: 'resource'; route: ResourceRoute }
  | { kind: 'unknown' };

function typeFor(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.plural === plural);
}

export function parseApiPath(pathname: string): ParsedPath {
  const segs = pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 2) {
    [group, version, rest] = ['', segs[1], segs.slice(2)];
  } else if (segs[0] === 'apis' && segs.length === 2) {
    return { kind: 'group', group: segs[1] };
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    [group, version, rest] = [segs[1], segs[2], segs.slice(3)];
  } else return { kind: 'unknown' };
  if (rest.length === 0) return { kind: 'groupVersion', group, version };
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  // namespaces/<ns>/<resource>/...: a namespaced resource; namespaces/<name>/<sub>: the namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const t = typeFor(group, version, rest[2]);
    if (t?.namespaced) return route(t, rest[1], rest.slice(3), watchPrefix);
    if (group !== '' || !['status', 'finalize'].includes(rest[2])) return { kind: 'unknown' };
  }
  const t = typeFor(group, version, rest[0]);
  if (!t) return { kind: 'unknown' };
  return route(t, undefined, rest.slice(1), watchPrefix);
}

function route(type: ResourceType, namespace: string | undefined, rest: string[], watchPrefix: boolean): ParsedPath {
  if (rest.length > 2) return { kind: 'unknown' };
  return { kind: 'resource', route: { type, namespace, name: rest[0], subresource: rest[1], watchPrefix } };
}
