/**
 * `metrics.k8s.io/v1beta1` (what `kubectl top` reads), as metrics-server serves it through the
 * apiserver's aggregation: NodeMetrics and PodMetrics, get and list (`labelSelector`), computed by
 * the engine (engine/api/metrics.ts). Read-only: other verbs get 405.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getNodeMetrics, getPodMetrics, listNodeMetrics, listPodMetrics, METRICS_API_VERSION, metricsList } from '../../engine/api/metrics';
import type { ServeContext } from './context';
import { methodNotAllowed, notFoundPath, sendJson } from './http';

const PREFIX = `/apis/${METRICS_API_VERSION}/`;

/** Whether the path is a metrics resource (not the group/version's discovery document). */
export function isMetricsPath(path: string): boolean {
  return path.startsWith(PREFIX);
}

export function serveMetrics(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, path: string, url: URL): void {
  if ((req.method ?? 'GET') !== 'GET') throw methodNotAllowed(req.method ?? '');
  const segs = path.slice(PREFIX.length).split('/');
  const selector = url.searchParams.get('labelSelector') || undefined;
  const api = ctx.sim.api;
  if (segs[0] === 'nodes' && segs.length <= 2) {
    if (segs[1]) return sendJson(res, 200, getNodeMetrics(api, segs[1]));
    return sendJson(res, 200, metricsList('NodeMetricsList', listNodeMetrics(api, selector)));
  }
  if (segs[0] === 'pods' && segs.length === 1) return sendJson(res, 200, metricsList('PodMetricsList', listPodMetrics(api, undefined, selector)));
  if (segs[0] === 'namespaces' && segs[2] === 'pods' && segs.length <= 4) {
    if (segs[3]) return sendJson(res, 200, getPodMetrics(api, segs[1], segs[3]));
    return sendJson(res, 200, metricsList('PodMetricsList', listPodMetrics(api, segs[1], selector)));
  }
  throw notFoundPath();
}
