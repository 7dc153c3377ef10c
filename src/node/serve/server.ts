/**
 * `pilothouse serve`'s HTTP server: the simulation behind the Kubernetes REST API on loopback.
 * Routes: health and version, discovery, OpenAPI, the resources and their subresources, and the
 * sandbox's own endpoint. Every request runs to completion on the event loop between clock ticks,
 * and every write is followed by `settle()`, so the controllers act on it at the same virtual
 * instant — as our kubectl's writes are acted on.
 */
import { versionInfo } from '../../engine/cluster/version';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulation } from '../../engine/sim/simulation';
import { ServeClock } from './clock';
import type { ServeContext } from './context';
import {
  aggregatedDiscovery,
  AGGREGATED_V2,
  AGGREGATED_V2BETA1,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  wantsAggregated,
} from './discovery';
import { allowsPlainJson, notFoundPath, sendError, sendJson, sendText } from './http';
import { openApiV2Document, openApiV3Document, openApiV3Root } from './openapi';
import { serveUpgrade } from './exec';
import { isMetricsPath, serveMetrics } from './metrics';
import { isProxyPath, serveProxy } from './proxy';
import { serveResource } from './rest';
import { parseApiPath } from './routes';
import { Sandbox } from './sandbox';

export interface ApiServerOptions {
  sim: Simulation;
  /** Virtual seconds per wall second; 0 = paused (time moves only when told). */
  speed: number;
  tickMs?: number;
  idleMs?: number;
  bookmarkMs?: number;
  /** Log each request to this function (method, path, status). */
  log?(line: string): void;
}

export interface RunningServer {
  server: Server;
  clock: ServeClock;
  ctx: ServeContext;
  url: string;
  port: number;
  close(): Promise<void>;
}

export { versionInfo };

const HEALTH = new Set(['/healthz', '/readyz', '/livez']);

export async function startApiServer(opts: ApiServerOptions, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const clock = new ServeClock(opts.sim, { speed: opts.speed, tickMs: opts.tickMs, idleMs: opts.idleMs });
  let address = `${host}:${port}`;
  const ctx: ServeContext = { sim: opts.sim, clock, serverAddress: () => address, bookmarkMs: opts.bookmarkMs ?? 60_000 };
  const sandbox = new Sandbox(ctx);
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    clock.touch();
    const started = performance.now();
    res.on('finish', () => opts.log?.(`${req.method} ${req.url} ${res.statusCode} ${Math.round(performance.now() - started)}ms`));
    handle(ctx, sandbox, req, res).catch((e) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, e);
    });
  });
  server.on('upgrade', (req, socket) => {
    clock.touch();
    opts.log?.(`${req.method} ${req.url} upgrade`);
    try {
      serveUpgrade(ctx, req, socket);
    } catch {
      socket.destroy();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  address = `${host}:${actual}`;
  clock.start();
  return {
    server,
    clock,
    ctx,
    url: `http://${host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        clock.stop();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

async function handle(ctx: ServeContext, sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  ctx.sim.settle();
  if (HEALTH.has(path) || [...HEALTH].some((h) => path.startsWith(`${h}/`))) return sendText(res, 200, 'ok');
  if (path === '/version') return sendJson(res, 200, versionInfo());
  if (path.startsWith('/sandbox/')) return sandbox.serve(req, res, path);
  if (path === '/openapi/v2') return sendJson(res, 200, openApiV2Document());
  if (path === '/openapi/v3') return sendJson(res, 200, openApiV3Root());
  if (path.startsWith('/openapi/v3/')) {
    const segs = path.slice('/openapi/v3/'.length).split('/');
    const doc = segs[0] === 'api' ? openApiV3Document('', segs[1]) : segs[0] === 'apis' ? openApiV3Document(segs[1], segs[2] ?? '') : undefined;
    if (!doc) throw notFoundPath();
    return sendJson(res, 200, doc);
  }
  if (path === '/api' || path === '/apis') return sendDiscoveryRoot(ctx, req, res, path === '/api');
  if (path === '/') return sendJson(res, 200, { paths: ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/openapi/v2', '/openapi/v3', '/readyz', '/version'] });
  if (isProxyPath(url.pathname)) return serveProxy(ctx, req, res, url);
  if (isMetricsPath(path)) return serveMetrics(ctx, req, res, path, url);
  const parsed = parseApiPath(path);
  switch (parsed.kind) {
    case 'groupVersion': {
      const doc = apiResourceList(parsed.group, parsed.version);
      if (!doc) throw notFoundPath();
      return sendJson(res, 200, doc);
    }
    case 'group': {
      const doc = apiGroupDocument(parsed.group);
      if (!doc) throw notFoundPath();
      return sendJson(res, 200, doc);
    }
    case 'resource':
      await serveResource(ctx, req, res, parsed.route, url);
      if (method !== 'GET') {
        ctx.sim.settle();
        ctx.clock.advanceTo(ctx.sim.now());
      }
      return;
    default:
      throw notFoundPath();
  }
}

function sendDiscoveryRoot(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, core: boolean): void {
  const aggregated = wantsAggregated(req.headers.accept);
  if (aggregated) return sendJson(res, 200, aggregatedDiscovery(core, aggregated), aggregated === 'v2' ? AGGREGATED_V2 : AGGREGATED_V2BETA1);
  if (!allowsPlainJson(req.headers.accept)) {
    return sendJson(res, 406, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'only application/json is served', reason: 'NotAcceptable', code: 406 });
  }
  sendJson(res, 200, core ? apiVersions(ctx.serverAddress()) : apiGroupList());
}
