/**
 * Subresources: `status` (GET/PUT/PATCH), `scale` (autoscaling/v1 Scale over deployments and
 * replicasets), `pods/binding`, `pods/eviction` (policy/v1: a graceful delete; no
 * PodDisruptionBudgets are served, so an eviction is never refused), `pods/log` and
 * `namespaces/finalize`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest } from '../../engine/api/errors';
import { applyPatch } from '../../engine/api/patch';
import { qualifiedName } from '../../engine/api/resources';
import { scaleReplicas } from '../../engine/api/strictDecoding';
import type { KubeObject } from '../../engine/objects';
import { scaleOf } from '../../engine/api/scale';
import { clone } from '../../engine/util/clone';
import type { ServeContext } from './context';
import { findSubresource } from './discovery';
import { methodNotAllowed, notFoundPath, parseJsonBody, readBody, readObjectBody, sendJson } from './http';
import { servePodLog } from './log';
import { fieldManagerOf, patchTypeOf } from './patch';
import { deleteOptions, isDryRun } from './rest';
import type { ResourceRoute } from './routes';

export async function serveSubresource(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, url: URL): Promise<void> {
  const sub = findSubresource(route.type, route.subresource!);
  if (!sub || !route.name) throw notFoundPath();
  const method = req.method ?? 'GET';
  const q = url.searchParams;
  switch (route.subresource) {
    case 'status':
      return serveStatus(ctx, req, res, route, q);
    case 'scale':
      return serveScale(ctx, req, res, route, q);
    case 'log':
      if (method !== 'GET') throw methodNotAllowed(method);
      return servePodLog(ctx, req, res, route, q);
    case 'binding': {
      if (method !== 'POST') throw methodNotAllowed(method);
      const body = (await readObjectBody(req)) as { target?: { name?: string } };
      if (!body.target?.name) throw badRequest('Binding.target.name is required');
      ctx.sim.api.bind(route.namespace!, route.name, body.target.name);
      return sendJson(res, 201, successStatus(201));
    }
    case 'eviction': {
      if (method !== 'POST') throw methodNotAllowed(method);
      const body = (await readObjectBody(req)) as { deleteOptions?: unknown; metadata?: { name?: string } };
      if (body.metadata?.name && body.metadata.name !== route.name) throw badRequest(`name in URL does not match name in Eviction object`);
      const opts = deleteOptions(body.deleteOptions ? JSON.stringify(body.deleteOptions) : '', q);
      ctx.sim.api.delete('pods', route.namespace, route.name, opts);
      return sendJson(res, 201, successStatus(201));
    }
    case 'exec':
      // A plain request: the stream itself is an upgrade (exec.ts).
      throw badRequest('Upgrade request required');
    case 'finalize': {
      if (method !== 'PUT') throw methodNotAllowed(method);
      const body = (await readObjectBody(req)) as KubeObject;
      return sendJson(res, 200, ctx.sim.api.update('namespaces', body, { subresource: 'finalize', dryRun: isDryRun(q) }));
    }
    default:
      throw notFoundPath();
  }
}

function successStatus(code: number) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code };
}

async function serveStatus(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, q: URLSearchParams): Promise<void> {
  const resource = qualifiedName(route.type);
  const api = ctx.sim.api;
  const method = req.method ?? 'GET';
  if (method === 'GET') return sendJson(res, 200, api.get(resource, route.namespace, route.name!));
  const dryRun = isDryRun(q);
  if (method === 'PUT') {
    const body = (await readObjectBody(req)) as KubeObject;
    const obj = { ...body, metadata: { ...body.metadata, name: route.name!, ...(route.namespace ? { namespace: route.namespace } : {}) } };
    return sendJson(res, 200, api.update(resource, obj, { subresource: 'status', dryRun }));
  }
  if (method === 'PATCH') {
    const type = patchTypeOf(req.headers['content-type']);
    if (type === 'apply') throw new ApiError(415, 'BadRequest', 'server-side apply of the status subresource is not supported by this server');
    const current = api.get(resource, route.namespace, route.name!);
    const patched = applyPatch(route.type, clone(current), parseJsonBody(await readBody(req)), type) as KubeObject;
    patched.metadata.resourceVersion = current.metadata.resourceVersion;
    return sendJson(res, 200, api.update(resource, patched, { subresource: 'status', dryRun }));
  }
  throw methodNotAllowed(method);
}

async function serveScale(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, q: URLSearchParams): Promise<void> {
  const resource = qualifiedName(route.type);
  const api = ctx.sim.api;
  const method = req.method ?? 'GET';
  const current = api.get(resource, route.namespace, route.name!);
  if (method === 'GET') return sendJson(res, 200, scaleOf(current));
  let scale: KubeObject;
  if (method === 'PUT') scale = (await readObjectBody(req)) as KubeObject;
  else if (method === 'PATCH') {
    const type = patchTypeOf(req.headers['content-type']);
    if (type === 'apply') throw new ApiError(415, 'BadRequest', 'server-side apply of the scale subresource is not supported by this server');
    scale = applyPatch(route.type, scaleOf(current), parseJsonBody(await readBody(req)), type === 'strategic' ? 'merge' : type) as KubeObject;
  } else throw methodNotAllowed(method);
  const rv = scale.metadata?.resourceVersion;
  const replicas = scaleReplicas(scale, method === 'PUT' ? 'update' : 'patch');
  if (replicas < 0) {
    throw new ApiError(422, 'Invalid', `Scale.autoscaling "${route.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`, {
      name: route.name,
      group: 'autoscaling',
      kind: 'Scale',
      causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${replicas}: must be greater than or equal to 0`, field: 'spec.replicas' }],
    });
  }
  const patch: Record<string, unknown> = { spec: { replicas } };
  if (rv && method === 'PUT') patch.metadata = { resourceVersion: rv };
  const fieldManager = fieldManagerOf(q, req.headers['user-agent']);
  const updated = api.patch(resource, route.namespace, route.name!, 'merge', patch, { dryRun: isDryRun(q), fieldManager, fieldSubresource: 'scale' });
  sendJson(res, 200, scaleOf(updated));
}
