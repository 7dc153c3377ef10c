/**
 * PATCH requests: the patch type from the Content-Type, the apiserver's strict field validation
 * (`fieldValidation=Strict|Warn|Ignore`), and a server-side apply that covers what a learner
 * meets (`kubectl apply --server-side`): create when absent, else a strategic merge of the applied
 * configuration into the live object. Field ownership (managedFields, conflicts between managers)
 * is not tracked.
 */
import type { ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, notFound } from '../../engine/api/errors';
import { applyPatch, type PatchType } from '../../engine/api/patch';
import { qualifiedName } from '../../engine/api/resources';
import { decodeError, patchDecodeError } from '../../engine/api/strictDecoding';
import { unknownFields } from '../../engine/api/unknownFields';
import type { KubeObject } from '../../engine/objects';
import { clone } from '../../engine/util/clone';
import type { ServeContext } from './context';
import { parseJsonBody } from './http';
import { isDryRun } from './rest';
import type { ResourceRoute } from './routes';

const PATCH_TYPES: Record<string, PatchType | 'apply'> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

export function patchTypeOf(contentType: string | undefined): PatchType | 'apply' {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const t = PATCH_TYPES[media];
  if (!t) throw new ApiError(415, 'BadRequest', `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_TYPES).join(', ')}`);
  return t;
}

type Validation = 'Strict' | 'Warn' | 'Ignore';

function validationOf(q: URLSearchParams): Validation {
  const v = q.get('fieldValidation') ?? 'Warn';
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore') {
    throw badRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
  }
  return v;
}

function warnUnknown(res: ServerResponse, obj: KubeObject): void {
  const fields = unknownFields(String(obj.kind ?? ''), obj, typeof obj.apiVersion === 'string' ? obj.apiVersion : undefined);
  if (fields.length) res.setHeader('Warning', fields.map((f) => `299 - "unknown field \\"${f}\\""`));
}

/** Create and update bodies: strict decoding errors, or warnings, per `fieldValidation`. */
export function checkDecoding(obj: KubeObject, q: URLSearchParams, res: ServerResponse): void {
  const v = validationOf(q);
  if (v === 'Ignore') return;
  if (v === 'Strict') {
    const bad = decodeError(obj);
    if (bad) throw bad;
  } else warnUnknown(res, obj);
}

export function applyPatchRequest(
  ctx: ServeContext,
  route: ResourceRoute,
  contentType: string | undefined,
  body: string,
  q: URLSearchParams,
  res: ServerResponse,
): { code: number; object: KubeObject } {
  const type = patchTypeOf(contentType);
  const resource = qualifiedName(route.type);
  const api = ctx.sim.api;
  const dryRun = isDryRun(q);
  const validation = validationOf(q);
  if (type === 'apply') return serverSideApply(ctx, route, body, q, res);
  const patch = parseJsonBody(body);
  const current = api.get(resource, route.namespace, route.name!);
  if (validation !== 'Ignore' && type !== 'json') {
    const patched = applyPatch(route.type, clone(current), patch, type) as KubeObject;
    if (validation === 'Strict') {
      const bad = type === 'strategic' ? patchDecodeError(patch, patched) : decodeError(patched);
      if (bad) throw bad;
    } else warnUnknown(res, patched);
  }
  return { code: 200, object: api.patch(resource, route.namespace, route.name!, type, patch, { dryRun }) };
}

function serverSideApply(ctx: ServeContext, route: ResourceRoute, body: string, q: URLSearchParams, res: ServerResponse): { code: number; object: KubeObject } {
  if (!q.get('fieldManager')) throw badRequest('PATCH, application/apply-patch+yaml requires fieldManager to be set');
  let applied: KubeObject;
  try {
    applied = parseYaml(body, { version: '1.1' }) as KubeObject;
  } catch (e) {
    throw badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  if (!applied || typeof applied !== 'object') throw badRequest('error decoding YAML: the body is not an object');
  const resource = qualifiedName(route.type);
  const api = ctx.sim.api;
  const dryRun = isDryRun(q);
  checkDecoding(applied, q, res);
  const current = api.tryGet(resource, route.namespace, route.name!);
  if (!current) {
    if (applied.metadata?.name && applied.metadata.name !== route.name) throw notFound(resource, route.name!);
    const obj = { ...applied, metadata: { ...applied.metadata, name: route.name!, ...(route.type.namespaced ? { namespace: route.namespace } : {}) } };
    return { code: 201, object: api.create(resource, obj, { dryRun }) };
  }
  const patch = clone(applied) as Record<string, any>;
  delete patch.status;
  return { code: 200, object: api.patch(resource, route.namespace, route.name!, 'strategic', patch, { dryRun }) };
}
