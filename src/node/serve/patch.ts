/**
 * PATCH requests: the patch type from the Content-Type, the apiserver's strict field validation
 * (`fieldValidation=Strict|Warn|Ignore`), the field manager of each write (managedFields), and
 * server-side apply (`kubectl apply --server-side`): the engine's `ApiServer.apply` merges, tracks
 * field ownership and answers conflicts with 409 (engine/api/managedFields.ts).
 */
import type { ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest } from '../../engine/api/errors';
import { applyPatch, type PatchType } from '../../engine/api/patch';
import { qualifiedName } from '../../engine/api/resources';
import { decodeError, jsonPatchDecodeError, patchDecodeError } from '../../engine/api/strictDecoding';
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
  userAgent?: string,
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
      const bad = type === 'strategic' ? patchDecodeError(patch, patched) : jsonPatchDecodeError(patched);
      if (bad) throw bad;
    } else warnUnknown(res, patched);
  }
  return { code: 200, object: api.patch(resource, route.namespace, route.name!, type, patch, { dryRun, fieldManager: fieldManagerOf(q, userAgent) }) };
}

/**
 * The field manager of a write: `?fieldManager=`, else the client's User-Agent up to its first `/`
 * (`kubectl/v1.34.5 (linux/amd64) …` → `kubectl`), as the apiserver's fieldmanager names it.
 */
export function fieldManagerOf(q: URLSearchParams, userAgent: string | undefined): string | undefined {
  const m = q.get('fieldManager');
  if (m) return m;
  const prefix = (userAgent ?? '').split('/')[0];
  return prefix || undefined;
}

function serverSideApply(ctx: ServeContext, route: ResourceRoute, body: string, q: URLSearchParams, res: ServerResponse): { code: number; object: KubeObject } {
  const fieldManager = q.get('fieldManager');
  if (!fieldManager) throw badRequest('PATCH, application/apply-patch+yaml requires fieldManager to be set');
  const force = q.get('force');
  if (force !== null && force !== 'true' && force !== 'false') throw badRequest(`force: Invalid value: "${force}": must be true or false`);
  let applied: KubeObject;
  try {
    applied = parseYaml(body, { version: '1.1' }) as KubeObject;
  } catch (e) {
    throw badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  if (!applied || typeof applied !== 'object' || Array.isArray(applied)) throw badRequest('error decoding YAML: the body is not an object');
  if (applied.metadata?.name && applied.metadata.name !== route.name) {
    throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${route.name})`);
  }
  checkDecoding(applied, q, res);
  const { object, created } = ctx.sim.api.apply(qualifiedName(route.type), route.namespace, route.name!, applied, {
    fieldManager,
    force: force === 'true',
    dryRun: isDryRun(q),
  });
  return { code: created ? 201 : 200, object };
}
