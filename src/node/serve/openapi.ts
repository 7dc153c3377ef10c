/**
 * OpenAPI documents: v3 (`/openapi/v3` lists one document per group/version, each with paths and
 * `components.schemas`) and v2 (`/openapi/v2`, one swagger document). kubectl 1.34 reads v3 for
 * `explain` and to learn that the server validates fields itself (`fieldValidation` on PATCH).
 * PATCH operations list the JSON, merge and apply patch types but not the strategic one: kubectl
 * then builds strategic patches from its built-in types, which carry upstream's patch metadata.
 */
import { createHash } from 'node:crypto';
import { type ResourceType } from '../../engine/api/resources';
import { KUBERNETES_VERSION } from '../../engine/cluster/nodeTemplate';
import { groupVersions, typesIn } from './discovery';
import { buildSchemas, qualifiedTypeName } from './schemas';

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function param(name: string, description: string) {
  return { name, in: 'query', description, schema: { type: 'string' }, type: 'string', uniqueItems: true };
}

const WRITE_PARAMS = [
  param('dryRun', 'When present, indicates that modifications should not be persisted.'),
  param('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  param('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.'),
];

interface PathOps {
  [method: string]: Record<string, unknown>;
}

function operations(t: ResourceType, v3: boolean, schemaRef: string): { collection: PathOps; item: PathOps } {
  const gvk = { group: t.group, version: t.version, kind: t.kind };
  const op = (action: string, extra: Record<string, unknown> = {}) => ({
    operationId: `${action}${t.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    responses: { '200': v3 ? { description: 'OK', content: { 'application/json': { schema: { $ref: schemaRef } } } } : { description: 'OK', schema: { $ref: schemaRef } } },
    ...extra,
  });
  const body = v3 ? { requestBody: { content: { 'application/json': { schema: { $ref: schemaRef } } } } } : {};
  const patchBody = v3 ? { requestBody: { content: Object.fromEntries(PATCH_TYPES.map((c) => [c, { schema: { type: 'object' } }])) } } : { consumes: PATCH_TYPES };
  return {
    collection: { get: op('list'), post: op('post', { parameters: WRITE_PARAMS, ...body }) },
    item: {
      get: op('get'),
      put: op('put', { parameters: WRITE_PARAMS, ...body }),
      patch: op('patch', { parameters: [...WRITE_PARAMS, param('force', 'Force is going to "force" Apply requests.')], ...patchBody }),
      delete: op('delete', { parameters: [param('dryRun', 'When present, indicates that modifications should not be persisted.')] }),
    },
  };
}

function pathsFor(types: ResourceType[], v3: boolean, ref: (n: string) => string): Record<string, PathOps> {
  const paths: Record<string, PathOps> = {};
  for (const t of types) {
    const base = `/${gvPath(t.group, t.version)}`;
    const ops = operations(t, v3, ref(qualifiedTypeName(t.kind)));
    const prefix = t.namespaced ? `${base}/namespaces/{namespace}/${t.plural}` : `${base}/${t.plural}`;
    paths[prefix] = ops.collection;
    paths[`${prefix}/{name}`] = ops.item;
  }
  return paths;
}

function info() {
  return { title: 'Kubernetes', version: KUBERNETES_VERSION };
}

/** The v3 document of one group/version, or undefined when it is not served. */
export function openApiV3Document(group: string, version: string) {
  const types = typesIn(group, version);
  if (types.length === 0) return undefined;
  const ref = (n: string) => `#/components/schemas/${n}`;
  return { openapi: '3.0.0', info: info(), paths: pathsFor(types, true, ref), components: { schemas: buildSchemas(types, ref) } };
}

const hashes = new Map<string, string>();

function docHash(group: string, version: string): string {
  const key = `${group}/${version}`;
  if (!hashes.has(key)) hashes.set(key, createHash('sha512').update(JSON.stringify(openApiV3Document(group, version))).digest('hex').slice(0, 128).toUpperCase());
  return hashes.get(key)!;
}

/** `/openapi/v3`: where each group/version's document is. */
export function openApiV3Root() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions()) {
    const p = gvPath(group, version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${docHash(group, version)}` };
  }
  return { paths };
}

/** `/openapi/v2`: one swagger document for everything served. */
export function openApiV2Document() {
  const types = groupVersions().flatMap((gv) => typesIn(gv.group, gv.version));
  const ref = (n: string) => `#/definitions/${n}`;
  return { swagger: '2.0', info: info(), paths: pathsFor(types, false, ref), definitions: buildSchemas(types, ref) };
}
