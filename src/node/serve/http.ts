/**
 * Small HTTP helpers for the API server: JSON replies, metav1.Status errors, request bodies and
 * the Accept negotiation apiserver does (`as=Table`, aggregated discovery).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../../engine/api/errors';
import { decodeKubernetesProtobuf, PROTOBUF_TYPE } from './protobuf/decode';

export const JSON_TYPE = 'application/json';

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = JSON_TYPE): void {
  const text = JSON.stringify(body) + '\n';
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

export function sendText(res: ServerResponse, code: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

/** Any thrown value as the metav1.Status body apiserver would send. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
}

export function sendError(res: ServerResponse, e: unknown): void {
  const err = toApiError(e);
  sendJson(res, err.code, JSON.parse(JSON.stringify(err.toStatus())));
}

export function notFoundPath(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function methodNotAllowed(_method: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`, {});
}

const MAX_BODY = 16 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBodyBuffer(req)).toString('utf8');
}

/**
 * A create, update or subresource body as JSON, whatever it was sent as: JSON, YAML, or the
 * Kubernetes protobuf encoding kubectl's typed clients use.
 */
export async function readObjectBody(req: IncomingMessage): Promise<unknown> {
  const buf = await readBodyBuffer(req);
  const media = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (media === PROTOBUF_TYPE) {
    try {
      return decodeKubernetesProtobuf(buf);
    } catch (e) {
      throw new ApiError(400, 'BadRequest', `error decoding protobuf body: ${(e as Error).message}`);
    }
  }
  if (media === 'application/yaml') {
    try {
      return parseYaml(buf.toString('utf8'), { version: '1.1' });
    } catch (e) {
      throw new ApiError(400, 'BadRequest', `error decoding YAML: ${(e as Error).message}`);
    }
  }
  if (media === 'application/cbor') throw new ApiError(415, 'BadRequest', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  return parseJsonBody(buf.toString('utf8'));
}

async function readBodyBuffer(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiError(413, 'BadRequest', 'the request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A request body as JSON, with the apiserver's decoding message when it is not. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new ApiError(400, 'BadRequest', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, 'BadRequest', `error decoding request body: ${(e as Error).message}`);
  }
}

/** One media range of an Accept header: `application/json;as=Table;v=v1;g=meta.k8s.io`. */
export interface MediaRange {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [];
  return header.split(',').map((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    const p: Record<string, string> = {};
    for (const kv of params) {
      const i = kv.indexOf('=');
      if (i > 0) p[kv.slice(0, i).trim()] = kv.slice(i + 1).trim();
    }
    return { type: type.toLowerCase(), params: p };
  });
}

/** Whether a media range accepts JSON (`application/json`, `*\/*`, `application/*`). */
export function acceptsJson(r: MediaRange): boolean {
  return r.type === JSON_TYPE || r.type === '*/*' || r.type === 'application/*';
}

/** The `as=Table` request in the Accept header, if the client asks for one it can read (meta.k8s.io v1 or v1beta1). */
export function wantsTable(header: string | undefined): { version: string } | undefined {
  for (const r of parseAccept(header)) {
    if (r.type !== JSON_TYPE) continue;
    if (r.params.as === 'Table' && r.params.g === 'meta.k8s.io' && (r.params.v === 'v1' || r.params.v === 'v1beta1')) return { version: r.params.v };
    if (!r.params.as) return undefined;
  }
  return undefined;
}

/** Whether the Accept header allows a plain JSON answer. */
export function allowsPlainJson(header: string | undefined): boolean {
  const ranges = parseAccept(header);
  return ranges.length === 0 || ranges.some((r) => acceptsJson(r) && !r.params.as);
}
