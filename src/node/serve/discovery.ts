/**
 * Discovery as apiserver serves it, from the engine's one table of resource types
 * (RESOURCE_TYPES): the legacy documents (`/api`, `/api/v1`, `/apis`, `/apis/<group>/<version>`)
 * and the aggregated discovery kubectl 1.34 asks for first
 * (`Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`).
 */
import { createHash } from 'node:crypto';
import { METRICS_RESOURCE_TYPES } from '../../engine/api/metrics';
import { RESOURCE_TYPES, type ResourceType } from '../../engine/api/resources';

export interface Subresource {
  name: string;
  /** The kind the subresource speaks, when it is not the parent's (`autoscaling/v1 Scale`). */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
}

const STATUS_VERBS = ['get', 'patch', 'update'];

/** The subresources served per resource (qualified name), beyond `status`. */
const EXTRA_SUBRESOURCES: Record<string, Subresource[]> = {
  pods: [
    { name: 'binding', kind: 'Binding', verbs: ['create'] },
    { name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
  ],
  'deployments.apps': [{ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: STATUS_VERBS }],
  'replicasets.apps': [{ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: STATUS_VERBS }],
  namespaces: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }],
};

export function subresourcesOf(t: ResourceType): Subresource[] {
  const resource = t.group ? `${t.plural}.${t.group}` : t.plural;
  const list = [...(EXTRA_SUBRESOURCES[resource] ?? [])];
  if (t.statusSubresource) list.push({ name: 'status', kind: t.kind, verbs: STATUS_VERBS });
  return list.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function findSubresource(t: ResourceType, name: string): Subresource | undefined {
  return subresourcesOf(t).find((s) => s.name === name);
}

/** The group/versions served, core first, then groups by name. */
export function groupVersions(types: ResourceType[] = RESOURCE_TYPES): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const t of types) seen.set(`${t.group}/${t.version}`, { group: t.group, version: t.version });
  return [...seen.values()].sort((a, b) => (a.group === b.group ? 0 : a.group === '' ? -1 : b.group === '' ? 1 : a.group < b.group ? -1 : 1));
}

export function typesIn(group: string, version: string, types: ResourceType[] = RESOURCE_TYPES): ResourceType[] {
  return types.filter((t) => t.group === group && t.version === version).sort((a, b) => (a.plural < b.plural ? -1 : 1));
}

/** What discovery lists: the stored kinds and the metrics API (metrics-server's aggregated APIService). */
const DISCOVERED = [...RESOURCE_TYPES, ...METRICS_RESOURCE_TYPES];

function storageVersionHash(t: ResourceType): string {
  return createHash('sha256').update(`${t.group}/${t.version}/${t.kind}`).digest('base64').slice(0, 11) + '=';
}

/** `/api`: the core group's versions. */
export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(group: string) {
  const versions = groupVersions(DISCOVERED)
    .filter((gv) => gv.group === group)
    .map((gv) => ({ groupVersion: `${group}/${gv.version}`, version: gv.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

/** `/apis`: every named group. */
export function apiGroupList() {
  const groups = [...new Set(groupVersions(DISCOVERED).map((gv) => gv.group))].filter((g) => g !== '');
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(apiGroup) };
}

/** `/apis/<group>`, or undefined when the group is not served. */
export function apiGroupDocument(group: string) {
  if (!groupVersions(DISCOVERED).some((gv) => gv.group === group && group !== '')) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) };
}

/** `/api/v1` or `/apis/<group>/<version>`: the APIResourceList, or undefined when not served. */
export function apiResourceList(group: string, version: string) {
  const types = typesIn(group, version, DISCOVERED);
  if (types.length === 0) return undefined;
  const resources: object[] = [];
  for (const t of types) {
    resources.push({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
      ...(METRICS_RESOURCE_TYPES.includes(t) ? {} : { storageVersionHash: storageVersionHash(t) }),
    });
    for (const s of subresourcesOf(t)) {
      resources.push({
        name: `${t.plural}/${s.name}`,
        singularName: '',
        namespaced: t.namespaced,
        ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** Which aggregated discovery version the Accept header asks for first, if any. */
export function wantsAggregated(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const part of (accept ?? '').split(',')) {
    const p = part.replace(/\s+/g, '');
    if (p.startsWith('application/json') && p.includes('as=APIGroupDiscoveryList') && p.includes('g=apidiscovery.k8s.io')) {
      if (p.includes('v=v2beta1')) return 'v2beta1';
      if (p.includes('v=v2')) return 'v2';
    }
  }
  return undefined;
}

function discoveryResource(t: ResourceType) {
  return {
    resource: t.plural,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: t.verbs,
    ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length ? { categories: t.categories } : {}),
    ...(subresourcesOf(t).length
      ? {
          subresources: subresourcesOf(t).map((s) => ({
            subresource: s.name,
            responseKind: { group: s.group ?? t.group, version: s.version ?? t.version, kind: s.kind },
            verbs: s.verbs,
          })),
        }
      : {}),
  };
}

/** The aggregated discovery document for `/api` (core) or `/apis` (named groups). */
export function aggregatedDiscovery(core: boolean, version: 'v2' | 'v2beta1') {
  const groups = [...new Set(groupVersions(DISCOVERED).map((gv) => gv.group))].filter((g) => (core ? g === '' : g !== ''));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((group) => ({
      metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
      versions: groupVersions(DISCOVERED)
        .filter((gv) => gv.group === group)
        .map((gv) => ({ version: gv.version, resources: typesIn(group, gv.version, DISCOVERED).map(discoveryResource), freshness: 'Current' })),
    })),
  };
}
