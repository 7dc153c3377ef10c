/**
 * The apiserver's `proxy` subresources of pods and Services, which `kubectl proxy` and
 * `kubectl get --raw` reach:
 *
 *   /api/v1/namespaces/NS/pods/[SCHEME:]NAME[:PORT]/proxy/PATH
 *   /api/v1/namespaces/NS/services/[SCHEME:]NAME[:PORT]/proxy/PATH
 *
 * As upstream (pkg/registry/core/pod/strategy.go and service/storage ResourceLocation): a pod
 * without a port uses its first declared container port (else 80) on its IP — no IP yet is a
 * 400 "address not allowed"; a Service's port (number or name) picks the Endpoints port of that
 * name and one ready address at random — none is a 503 "no endpoints available for service". The
 * request then goes through the simulated cluster network (engine/network) as the apiserver's
 * own connection: what it cannot reach is the proxy transport's 503 `error trying to reach
 * service: dial tcp IP:PORT: …`. A path-less `…/proxy` is redirected to `…/proxy/`, as the
 * upgrade-aware proxy handler does. The network answers GETs; other methods get the same reply.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, type StatusReason } from '../../engine/api/errors';
import type { Serving } from '../../engine/kubelet/serving';
import { ClusterNetwork, type Caller } from '../../engine/network/clusterNetwork';
import type { KubeObject } from '../../engine/objects';
import type { ServeContext } from './context';
import { sendText } from './http';

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)\/([^/]+)\/proxy(\/.*)?$/;

export interface KubeletServing {
  serving(namespace: string, pod: string, port: number, path?: string): Serving;
  kubeletAlive(node: string): boolean;
}

type HttpReply = { ok: true; status: number; body: string; address: string } | { ok: false; error: 'refused' | 'unknown-host' | 'timeout'; address?: string };

/** The apiserver is no pod: its connections never take the loopback or /etc/hosts paths. */
const APISERVER: Caller = { namespace: 'kube-system', pod: '', container: '', node: '' };

/** Whether a request path is a proxy subresource (matched before the resource router, which stops at subresources). */
export function isProxyPath(path: string): boolean {
  return PROXY_PATH.test(path);
}

/** utilnet.SplitSchemeNamePort: `name`, `name:port` or `scheme:name:port`. */
export function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const parts = id.split(':');
  let scheme = '';
  let name: string;
  let port = '';
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) [name, port] = parts;
  else if (parts.length === 3) [scheme, name, port] = parts;
  else return undefined;
  return name && ['', 'http', 'https'].includes(scheme) ? { scheme, name, port } : undefined;
}

function serviceUnavailable(message: string): ApiError {
  // A reason the engine's own API never gives (its union stops at what our kubectl sees).
  return new ApiError(503, 'ServiceUnavailable' as StatusReason, message);
}

/** Where a pod's proxy goes: `IP[:PORT]`. */
function podLocation(ctx: ServeContext, ns: string, id: string): { host: string; port: string } {
  const parsed = splitSchemeNamePort(id);
  if (!parsed) throw badRequest(`invalid pod request "${id}"`);
  const pod: KubeObject = ctx.sim.api.get('pods', ns, parsed.name);
  let port = parsed.port;
  if (port === '') {
    for (const c of pod.spec?.containers ?? []) {
      if (c.ports?.length) {
        port = String(c.ports[0].containerPort);
        break;
      }
    }
  }
  const ip: string | undefined = pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP;
  if (!ip || !/^\d+\.\d+\.\d+\.\d+$/.test(ip) || ip.startsWith('127.') || ip === '0.0.0.0') throw badRequest('address not allowed');
  return { host: ip, port };
}

/** Where a Service's proxy goes: one ready address of its Endpoints on the named port. */
function serviceLocation(ctx: ServeContext, ns: string, id: string): { host: string; port: string } {
  const parsed = splitSchemeNamePort(id);
  if (!parsed) throw badRequest(`invalid service request "${id}"`);
  let portName = parsed.port;
  if (/^\d+$/.test(portName)) {
    const svc: KubeObject = ctx.sim.api.get('services', ns, parsed.name);
    const sp = (svc.spec?.ports ?? []).find((p: { port: number }) => p.port === Number(portName));
    if (!sp) throw serviceUnavailable(`no service port ${portName} found for service "${parsed.name}"`);
    portName = sp.name ?? '';
  }
  const eps: KubeObject = ctx.sim.api.get('endpoints', ns, parsed.name);
  const subsets = (eps.subsets ?? []) as { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[];
  if (subsets.length === 0) throw serviceUnavailable(`no endpoints available for service "${parsed.name}"`);
  const start = Math.floor(Math.random() * subsets.length);
  for (let i = 0; i < subsets.length; i++) {
    const ss = subsets[(start + i) % subsets.length];
    if (!ss.addresses?.length) continue;
    const p = (ss.ports ?? []).find((x) => (x.name ?? '') === portName);
    if (!p) continue;
    const addr = ss.addresses[Math.floor(Math.random() * ss.addresses.length)];
    return { host: addr.ip, port: String(p.port) };
  }
  throw serviceUnavailable(`no endpoints available for service "${id}"`);
}

/** What the server needs of the node agents: whether a pod's port answers, whether a node's kubelet is up. */
export function kubeletOf(ctx: ServeContext): KubeletServing {
  return ctx.sim.component('kubelet') as unknown as KubeletServing;
}

function network(ctx: ServeContext): ClusterNetwork {
  const kubelet = kubeletOf(ctx);
  return new ClusterNetwork({
    store: ctx.sim.store,
    random: ctx.sim.random,
    serving: (ns, pod, port, path) => kubelet.serving(ns, pod, port, path),
    nodeUp: (node) => kubelet.kubeletAlive(node),
  });
}

const DIAL_ERRORS: Record<string, string> = { refused: 'connect: connection refused', timeout: 'i/o timeout', 'unknown-host': 'no such host' };

/** Serves one proxy request (the path matched isProxyPath). */
export function serveProxy(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const m = PROXY_PATH.exec(url.pathname)!;
  const [, ns, kind, id, rest] = m.map((s) => (s === undefined ? s : decodeURIComponent(s)));
  if (rest === undefined) {
    // The upgrade-aware handler's redirect for a location without a path.
    res.writeHead(301, { Location: `${url.pathname}/${url.search}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const loc = kind === 'pods' ? podLocation(ctx, ns, id) : serviceLocation(ctx, ns, id);
  const hostPort = loc.port === '' ? loc.host : `${loc.host}:${loc.port}`;
  if (loc.port !== '' && !/^\d+$/.test(loc.port)) throw serviceUnavailable(`error trying to reach service: dial tcp: lookup tcp/${loc.port}: unknown port`);
  const reply = network(ctx).http(`http://${hostPort}${rest}${url.search}`, APISERVER) as HttpReply;
  if (!reply.ok) throw serviceUnavailable(`error trying to reach service: dial tcp ${loc.host}:${loc.port || 80}: ${DIAL_ERRORS[reply.error]}`);
  const body = req.method === 'HEAD' ? '' : reply.body;
  const type = /^\s*</.test(reply.body) ? 'text/html' : 'text/plain';
  sendText(res, reply.status, body, type);
}
