/**
 * The resource types the API serves: one table that drives the store, kubectl's name resolution
 * (plural, singular, short names, `kind.group`), discovery for `pilothouse serve` and `api-resources`.
 * A resource is identified by its qualified name: plural, plus `.group` outside the core group
 * (`pods`, `deployments.apps`, `leases.coordination.k8s.io`) — the form apiserver errors print.
 */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** Has a `status` subresource: updates of the main resource ignore status and vice versa. */
  statusSubresource: boolean;
  /** metadata.generation is kept (incremented when spec changes). */
  generation: boolean;
  categories: string[];
  verbs: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function type(t: Partial<ResourceType> & Pick<ResourceType, 'kind' | 'plural' | 'namespaced'>): ResourceType {
  return {
    group: '',
    version: 'v1',
    singular: t.kind.toLowerCase(),
    shortNames: [],
    statusSubresource: false,
    generation: false,
    categories: [],
    verbs: ALL_VERBS,
    ...t,
  };
}

export const RESOURCE_TYPES: ResourceType[] = [
  type({ kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'], statusSubresource: true, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  type({ kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], statusSubresource: true }),
  type({ kind: 'Pod', plural: 'pods', namespaced: true, shortNames: ['po'], statusSubresource: true, generation: true, categories: ['all'] }),
  type({ kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'] }),
  type({ kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, shortNames: ['sa'] }),
  type({ kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] }),
  type({ kind: 'Secret', plural: 'secrets', namespaced: true }),
  type({ kind: 'Service', plural: 'services', namespaced: true, shortNames: ['svc'], statusSubresource: true, categories: ['all'] }),
  type({ kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'] }),
  type({ group: 'apps', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'], statusSubresource: true, generation: true, categories: ['all'] }),
  type({ group: 'apps', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, shortNames: ['rs'], statusSubresource: true, generation: true, categories: ['all'] }),
  type({ group: 'apps', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true, shortNames: ['ds'], statusSubresource: true, generation: true, categories: ['all'] }),
  type({ group: 'apps', kind: 'ControllerRevision', plural: 'controllerrevisions', namespaced: true }),
  type({ group: 'coordination.k8s.io', kind: 'Lease', plural: 'leases', namespaced: true }),
  type({ group: 'discovery.k8s.io', kind: 'EndpointSlice', plural: 'endpointslices', namespaced: true }),
  type({ group: 'networking.k8s.io', kind: 'ServiceCIDR', plural: 'servicecidrs', namespaced: false, statusSubresource: true }),
];

const qualifiedNames = new Map<ResourceType, string>();
const byQualified = new Map<string, ResourceType>();
const byKind = new Map<string, ResourceType>();
for (const t of RESOURCE_TYPES) {
  byQualified.set(qualifiedName(t), t);
  byKind.set(`${t.group}/${t.kind}`, t);
}
for (const [name, t] of byQualified) qualifiedNames.set(t, name);

export function qualifiedName(t: ResourceType): string {
  // Every write asks: the served types' names are kept rather than built each time.
  return qualifiedNames.get(t) ?? (t.group ? `${t.plural}.${t.group}` : t.plural);
}

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** Looks up by qualified resource name (`deployments.apps`, `pods`). */
export function resourceType(resource: string): ResourceType | undefined {
  return byQualified.get(resource);
}

export function mustResourceType(resource: string): ResourceType {
  const t = byQualified.get(resource);
  if (!t) throw new Error(`unknown resource ${resource}`);
  return t;
}

/** Looks up by apiVersion and kind as written in a manifest (`apps/v1`, `Deployment`). */
export function resourceTypeForKind(apiVersion: string, kind: string): ResourceType | undefined {
  // Every write checks its kind: served ones are found by apiVersion and kind without building a
  // key (misses, whatever a request names, are not kept).
  const known = servedKinds.get(apiVersion)?.get(kind);
  if (known !== undefined) return known;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const t = byKind.get(`${group}/${kind}`);
  if (!t || t.version !== version) return undefined;
  let byName = servedKinds.get(apiVersion);
  if (byName === undefined) servedKinds.set(apiVersion, (byName = new Map()));
  byName.set(kind, t);
  return t;
}

const servedKinds = new Map<string, Map<string, ResourceType>>();

/** Whether this group/kind is served at all, whatever the version (for "no matches for kind" errors). */
export function kindIsServed(group: string, kind: string): ResourceType | undefined {
  return byKind.get(`${group}/${kind}`);
}

/** The name the object's kind prints under: `deployment.apps`, `pod`. */
export function kindPrefix(t: ResourceType): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase();
}
