/**
 * The resource metrics API (`metrics.k8s.io/v1beta1`: NodeMetrics, PodMetrics) as metrics-server
 * serves it: usage from the kubelet runtime's usage model (kubelet/runtime/usage.ts), scraped
 * every 15 s (metrics-server's default `--metric-resolution`) from the first instant a
 * metrics-server pod in kube-system runs. CPU is a rate between two scrapes, so a container has
 * metrics once two scrapes have seen it running (15–30 s after it starts); a pod is listed only
 * when all its containers have. A node's usage is its running containers plus the node's own
 * (system daemons); NotReady nodes are not scraped, and neither are their pods.
 * Read-only and computed on demand: no objects are stored.
 */
import type { ResourceType } from './resources';
import { notFound } from './errors';
import type { ApiServer } from './server';
import type { KubeObject } from '../objects';
import { usageOf } from '../kubelet/runtime/usage';
import { formatQuantity } from '../util/quantity';
import { formatRFC3339, parseTime } from '../util/time';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
export const METRICS_API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;
/** metrics-server's `--metric-resolution` default. */
export const METRIC_RESOLUTION_MS = 15_000;

/** The metrics API's resources, as discovery lists them (get and list only; no storage). */
export const METRICS_RESOURCE_TYPES: ResourceType[] = [
  { group: METRICS_GROUP, version: METRICS_VERSION, kind: 'NodeMetrics', plural: 'nodes', singular: '', shortNames: [], namespaced: false, statusSubresource: false, generation: false, categories: [], verbs: ['get', 'list'] },
  { group: METRICS_GROUP, version: METRICS_VERSION, kind: 'PodMetrics', plural: 'pods', singular: '', shortNames: [], namespaced: true, statusSubresource: false, generation: false, categories: [], verbs: ['get', 'list'] },
];

/** What a node uses beyond its pods: the kubelet, the container runtime, the OS. */
const NODE_SYSTEM_USAGE = { cpuMillis: 80, memoryBytes: 900 * 1024 * 1024 };

export interface MetricsUsage {
  cpu: string;
  memory: string;
}

export interface ContainerMetrics {
  name: string;
  usage: MetricsUsage;
}

export interface NodeMetrics {
  kind: 'NodeMetrics';
  apiVersion: string;
  metadata: { name: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  usage: MetricsUsage;
}

export interface PodMetrics {
  kind: 'PodMetrics';
  apiVersion: string;
  metadata: { name: string; namespace: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  containers: ContainerMetrics[];
}

function usage(cpuMillis: number, memoryBytes: number): MetricsUsage {
  return {
    cpu: formatQuantity({ unscaled: BigInt(Math.round(cpuMillis * 1e6)), scale: -9, format: 'DecimalSI' }),
    memory: formatQuantity({ unscaled: BigInt(Math.round(memoryBytes)), scale: 0, format: 'BinarySI' }),
  };
}

function isReadyNode(node: KubeObject): boolean {
  return (node.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

/** The latest scrape at or before now, or undefined when metrics-server has not run two yet. */
function lastScrape(api: ApiServer): number | undefined {
  const now = api.now();
  let anchor: number | undefined;
  for (const pod of api.list('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=metrics-server' }).items) {
    if (pod.metadata.deletionTimestamp) continue;
    for (const cs of pod.status?.containerStatuses ?? []) {
      const started = cs.state?.running?.startedAt ? parseTime(cs.state.running.startedAt) : null;
      if (started !== null && cs.ready && (anchor === undefined || started < anchor)) anchor = started;
    }
  }
  if (anchor === undefined) return undefined;
  const last = anchor + Math.floor((now - anchor) / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS;
  return last - METRIC_RESOLUTION_MS >= anchor ? last : undefined;
}

interface RunningContainer {
  name: string;
  startedAt: number;
  cpuMillis: number;
  memoryBytes: number;
}

/** The containers of a pod running now, with their modelled usage. */
function runningContainers(pod: KubeObject): RunningContainer[] {
  const out: RunningContainer[] = [];
  const statuses = new Map<string, { state?: { running?: { startedAt?: string } } }>((pod.status?.containerStatuses ?? []).map((s: { name: string }) => [s.name, s]));
  for (const c of pod.spec?.containers ?? []) {
    const startedAt = statuses.get(c.name)?.state?.running?.startedAt;
    const t = startedAt ? parseTime(startedAt) : null;
    if (t === null) continue;
    const u = usageOf(c);
    out.push({ name: c.name, startedAt: t, cpuMillis: u.cpuMillis, memoryBytes: u.memoryBytes });
  }
  return out;
}

function readyNodes(api: ApiServer): Map<string, KubeObject> {
  return new Map(api.list('nodes').items.filter(isReadyNode).map((n) => [n.metadata.name, n]));
}

function podMetricsOf(pod: KubeObject, scrape: number, now: number): PodMetrics | undefined {
  if (pod.status?.phase !== 'Running') return undefined;
  const running = runningContainers(pod);
  if (running.length === 0 || running.length !== (pod.spec?.containers ?? []).length) return undefined;
  if (running.some((c) => c.startedAt > scrape - METRIC_RESOLUTION_MS)) return undefined;
  return {
    kind: 'PodMetrics',
    apiVersion: METRICS_API_VERSION,
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace ?? '', creationTimestamp: formatRFC3339(now), ...(pod.metadata.labels ? { labels: { ...pod.metadata.labels } } : {}) },
    timestamp: formatRFC3339(scrape),
    window: `${METRIC_RESOLUTION_MS / 1000}s`,
    containers: running.map((c) => ({ name: c.name, usage: usage(c.cpuMillis, c.memoryBytes) })),
  };
}

/** `GET /apis/metrics.k8s.io/v1beta1/[namespaces/NS/]pods`: namespace undefined for all. */
export function listPodMetrics(api: ApiServer, namespace: string | undefined, labelSelector?: string): PodMetrics[] {
  const pods = api.list('pods', { namespace, labelSelector }).items;
  const scrape = lastScrape(api);
  if (scrape === undefined) return [];
  const nodes = readyNodes(api);
  const out: PodMetrics[] = [];
  for (const pod of pods) {
    if (!nodes.has(pod.spec?.nodeName)) continue;
    const m = podMetricsOf(pod, scrape, api.now());
    if (m) out.push(m);
  }
  return out;
}

/** `GET …/namespaces/NS/pods/NAME`: NotFound when the pod has no metrics (yet). */
export function getPodMetrics(api: ApiServer, namespace: string, name: string): PodMetrics {
  const m = listPodMetrics(api, namespace).find((p) => p.metadata.name === name);
  if (!m) throw notFound(`podmetrics.${METRICS_GROUP}`, name);
  return m;
}

/** `GET /apis/metrics.k8s.io/v1beta1/nodes`. */
export function listNodeMetrics(api: ApiServer, labelSelector?: string): NodeMetrics[] {
  const nodes = api.list('nodes', { labelSelector }).items.filter(isReadyNode);
  const scrape = lastScrape(api);
  if (scrape === undefined) return [];
  const totals = new Map<string, { cpuMillis: number; memoryBytes: number }>(nodes.map((n) => [n.metadata.name, { ...NODE_SYSTEM_USAGE }]));
  for (const pod of api.list('pods').items) {
    const total = totals.get(pod.spec?.nodeName);
    if (!total || pod.status?.phase !== 'Running') continue;
    for (const c of runningContainers(pod)) {
      if (c.startedAt > scrape) continue;
      total.cpuMillis += c.cpuMillis;
      total.memoryBytes += c.memoryBytes;
    }
  }
  return nodes.map((n) => {
    const t = totals.get(n.metadata.name)!;
    return {
      kind: 'NodeMetrics',
      apiVersion: METRICS_API_VERSION,
      metadata: { name: n.metadata.name, creationTimestamp: formatRFC3339(api.now()), ...(n.metadata.labels ? { labels: { ...n.metadata.labels } } : {}) },
      timestamp: formatRFC3339(scrape),
      window: `${METRIC_RESOLUTION_MS / 1000}s`,
      usage: usage(t.cpuMillis, t.memoryBytes),
    };
  });
}

/** `GET …/nodes/NAME`: NotFound when the node has no metrics. */
export function getNodeMetrics(api: ApiServer, name: string): NodeMetrics {
  const m = listNodeMetrics(api).find((n) => n.metadata.name === name);
  if (!m) throw notFound(`nodemetrics.${METRICS_GROUP}`, name);
  return m;
}

/** The metrics API's list kind for a resource (`NodeMetricsList`). */
export function metricsList<T>(kind: 'NodeMetricsList' | 'PodMetricsList', items: T[]) {
  return { kind, apiVersion: METRICS_API_VERSION, metadata: {}, items };
}

