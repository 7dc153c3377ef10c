/**
 * The resource endpoints: get, list (selectors, `limit`/`continue`, Tables), create, update,
 * patch (JSON, merge, strategic, apply), delete and deletecollection — each a thin adapter over
 * the engine's ApiServer, which does naming, admission, validation and errors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENDPOINTS_DEPRECATION_WARNING } from '../../engine/api/kinds/service';
import { ApiError, badRequest } from '../../engine/api/errors';
import { qualifiedName, type ResourceType } from '../../engine/api/resources';
import type { DeleteOptions, PropagationPolicy } from '../../engine/api/server';
import type { KubeObject } from '../../engine/objects';
import type { ServeContext } from './context';
import { methodNotAllowed, parseJsonBody, readBody, readObjectBody, sendJson, wantsTable } from './http';
import { applyPatchRequest, checkDecoding, fieldManagerOf } from './patch';
import type { ResourceRoute } from './routes';
import { serveSubresource } from './subresources';
import { PROTOBUF_TYPE } from './protobuf/decode';
import { parseIncludeObject, tableContentType, toTable } from './table';
import { serveWatch } from './watch';

export async function serveResource(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, url: URL): Promise<void> {
  // Every request for v1 Endpoints carries the 1.33+ deprecation warning.
  if (route.type.group === '' && route.type.plural === 'endpoints') res.setHeader('Warning', `299 - "${ENDPOINTS_DEPRECATION_WARNING}"`);
  if (route.subresource) return serveSubresource(ctx, req, res, route, url);
  const q = url.searchParams;
  const method = req.method ?? 'GET';
  const watch = route.watchPrefix || q.get('watch') === 'true' || q.get('watch') === '1';
  if (watch) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return serveWatch(ctx, req, res, route, url);
  }
  if (!route.name) {
    if (method === 'GET') return sendList(ctx, req, res, route, q);
    if (method === 'POST') return sendJson(res, 201, create(ctx, route, await readObjectBody(req), q, res, req.headers['user-agent']));
    if (method === 'DELETE') return sendJson(res, 200, deleteCollection(ctx, route, q));
    throw methodNotAllowed(method);
  }
  const resource = qualifiedName(route.type);
  const api = ctx.sim.api;
  switch (method) {
    case 'GET': {
      const obj = api.get(resource, route.namespace, route.name);
      return sendMaybeTable(ctx, req, res, route, q, [obj], obj, obj.metadata.resourceVersion);
    }
    case 'PUT': {
      const body = (await readObjectBody(req)) as KubeObject;
      checkBodyMatches(route, body);
      checkDecoding(body, q, res);
      const obj = api.update(resource, { ...body, metadata: { ...body.metadata, namespace: route.namespace } }, { dryRun: isDryRun(q), fieldManager: fieldManagerOf(q, req.headers['user-agent']) });
      return sendJson(res, 200, obj);
    }
    case 'PATCH': {
      const { code, object } = applyPatchRequest(ctx, route, req.headers['content-type'], await readBody(req), q, res, req.headers['user-agent']);
      return sendJson(res, code, object);
    }
    case 'DELETE': {
      const opts = deleteOptions(await readDeleteBody(req), q);
      const obj = api.delete(resource, route.namespace, route.name, opts);
      if (!opts.dryRun && !api.tryGet(resource, route.namespace, route.name)) return sendJson(res, 200, deletedStatus(route.type, obj));
      return sendJson(res, 200, obj);
    }
    default:
      throw methodNotAllowed(method);
  }
}

export function isDryRun(q: URLSearchParams): boolean {
  const values = q.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return values.length > 0;
}

function checkBodyMatches(route: ResourceRoute, body: KubeObject): void {
  if (!body || typeof body !== 'object' || !body.metadata) throw badRequest('Object \'metadata\' is missing');
  if (route.name && body.metadata.name && body.metadata.name !== route.name) {
    throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${route.name})`);
  }
  if (route.type.namespaced && body.metadata.namespace && route.namespace && body.metadata.namespace !== route.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

function create(ctx: ServeContext, route: ResourceRoute, body: unknown, q: URLSearchParams, res: ServerResponse, userAgent: string | undefined): KubeObject {
  const obj = body as KubeObject;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw badRequest('the body of the request was in an unknown format');
  obj.metadata ??= {} as KubeObject['metadata'];
  checkBodyMatches(route, obj);
  if (route.type.namespaced) {
    if (!route.namespace) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    obj.metadata.namespace = route.namespace;
  }
  checkDecoding(obj, q, res);
  return ctx.sim.api.create(qualifiedName(route.type), obj, { dryRun: isDryRun(q), fieldManager: fieldManagerOf(q, userAgent) });
}

/** A DELETE's body as JSON text: typed clients (Helm's release storage) send DeleteOptions as protobuf. */
async function readDeleteBody(req: IncomingMessage): Promise<string> {
  const media = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (media !== PROTOBUF_TYPE) return readBody(req);
  return JSON.stringify(await readObjectBody(req));
}

/** A DeleteOptions from the body (kubectl sends one) or from query parameters. */
export function deleteOptions(body: string, q: URLSearchParams): DeleteOptions {
  const opts: DeleteOptions = {};
  const b = body.trim() ? (parseJsonBody(body) as Record<string, any>) : {};
  const grace = b.gracePeriodSeconds ?? (q.has('gracePeriodSeconds') ? Number(q.get('gracePeriodSeconds')) : undefined);
  if (grace !== undefined && grace !== null) opts.gracePeriodSeconds = Number(grace);
  let policy: string | undefined = b.propagationPolicy ?? q.get('propagationPolicy') ?? undefined;
  const orphan = b.orphanDependents ?? (q.has('orphanDependents') ? q.get('orphanDependents') === 'true' : undefined);
  if (policy === undefined && orphan !== undefined) policy = orphan ? 'Orphan' : 'Background';
  if (policy !== undefined) {
    if (!['Background', 'Foreground', 'Orphan'].includes(policy)) {
      throw new ApiError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
    }
    opts.propagationPolicy = policy as PropagationPolicy;
  }
  if (b.preconditions) opts.preconditions = b.preconditions;
  if ((Array.isArray(b.dryRun) && b.dryRun.includes('All')) || isDryRun(q)) opts.dryRun = true;
  return opts;
}

/** What apiserver answers for an object deleted at once (its registry does not return the object). */
function deletedStatus(t: ResourceType, obj: KubeObject) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: obj.metadata.name, ...(t.group ? { group: t.group } : {}), kind: t.plural, uid: obj.metadata.uid },
  };
}

function deleteCollection(ctx: ServeContext, route: ResourceRoute, q: URLSearchParams) {
  const resource = qualifiedName(route.type);
  const { items } = ctx.sim.api.list(resource, listOptions(route, q));
  const opts = deleteOptions('', q);
  const out = items.map((o) => ctx.sim.api.delete(resource, o.metadata.namespace, o.metadata.name, opts));
  return listDocument(route.type, out.map(stripTypeMeta), String(ctx.sim.store.resourceVersion));
}

export function listOptions(route: ResourceRoute, q: URLSearchParams) {
  return { namespace: route.namespace, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined };
}

interface Continue {
  rv: string;
  after: string;
}

function encodeContinue(c: Continue): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeContinue(token: string): Continue {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Continue;
    if (typeof c.after === 'string' && typeof c.rv === 'string') return c;
  } catch {
    // fall through
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;

function sendList(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, q: URLSearchParams): void {
  const { items: all, resourceVersion } = ctx.sim.api.list(qualifiedName(route.type), listOptions(route, q));
  let items = all;
  let rv = resourceVersion;
  const token = q.get('continue');
  if (token) {
    const c = decodeContinue(token);
    rv = c.rv;
    items = items.filter((o) => keyOf(o) > c.after);
  }
  const limit = Number(q.get('limit') ?? 0);
  let next: string | undefined;
  let remaining: number | undefined;
  if (limit > 0 && items.length > limit) {
    remaining = items.length - limit;
    items = items.slice(0, limit);
    next = encodeContinue({ rv, after: keyOf(items[items.length - 1]) });
  }
  const table = wantsTable(req.headers.accept);
  if (table) {
    const includeObject = parseIncludeObject(q.get('includeObject'));
    const body = toTable(items, { resource: qualifiedName(route.type), now: ctx.sim.now(), version: table.version, includeObject, resourceVersion: rv, continueToken: next, remainingItemCount: remaining });
    return sendJson(res, 200, body, tableContentType(table.version));
  }
  const doc = listDocument(route.type, items.map(stripTypeMeta), rv);
  if (next) Object.assign(doc.metadata, { continue: next, remainingItemCount: remaining });
  sendJson(res, 200, doc);
}

function sendMaybeTable(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, q: URLSearchParams, objs: KubeObject[], obj: KubeObject, rv?: string): void {
  const table = wantsTable(req.headers.accept);
  if (!table) return sendJson(res, 200, obj);
  const includeObject = parseIncludeObject(q.get('includeObject'));
  sendJson(res, 200, toTable(objs, { resource: qualifiedName(route.type), now: ctx.sim.now(), version: table.version, includeObject, resourceVersion: rv }), tableContentType(table.version));
}

/** List items carry no apiVersion/kind of their own, as apiserver encodes typed lists. */
function stripTypeMeta(o: KubeObject): Omit<KubeObject, 'apiVersion' | 'kind'> {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

export function listDocument(t: ResourceType, items: unknown[], resourceVersion: string) {
  return { kind: `${t.kind}List`, apiVersion: t.group ? `${t.group}/${t.version}` : t.version, metadata: { resourceVersion } as Record<string, unknown>, items };
}
