/**
 * The graph model: which things the cluster graph shows and how they nest, computed from the
 * mirrored objects. No geometry here (layout.ts) and no cytoscape (elements.ts, ClusterGraph.tsx).
 *
 * Node pools (the `kubernetes.azure.com/agentpool` label, else `agentpool`, else one default group)
 * contain nodes; nodes contain the pods bound to them (`spec.nodeName`); pods not bound to a node
 * that exists sit in the unscheduled area. Owners, Services, PVCs and PVs are items in columns.
 */
import type { KubeObject } from '../../engine/objects';
import { DEFAULT_POOL, UNSCHEDULED } from './constants';
import { AGGREGATE_ABOVE, shouldAggregateAll } from './aggregate';
import { NODE_CAPACITY } from './layout';
import { kindWord, objectKeyOf, refKey, refOf, type ObjectRef, type ObjectsByResource } from './refs';
import { relationEdges, type Edge } from './relations';
import { nodeView, podView, type NodeView, type PodView } from './status';


export interface PodItem {
  key: string;
  ref: ObjectRef;
  view: PodView;
  /** Element key of the node box the pod sits in, or UNSCHEDULED. */
  host: string;
  nodeName?: string;
}

export interface NodeItem {
  key: string;
  ref: ObjectRef;
  pool: string;
  view: NodeView;
}

export interface PoolItem {
  key: string;
  name: string;
  nodes: string[];
}

/** Columns of the items beside the pools: owners on the left, network and storage on the right. */
export type Column = 'roots' | 'controllers' | 'services' | 'claims' | 'volumes';

export interface ColumnItem {
  key: string;
  ref: ObjectRef;
  column: Column;
  word: string;
  /** A short state shown under the name: `3/3`, `ClusterIP`, `Bound`. */
  state: string;
  warn: boolean;
}

export interface GraphModel {
  pools: PoolItem[];
  nodes: Map<string, NodeItem>;
  pods: PodItem[];
  items: ColumnItem[];
  edges: Edge[];
}

export interface ModelOptions {
  showOwners: boolean;
  /** Pods drawn one by one up to this many in the cluster (aggregate.ts); edges to pods are only computed then. */
  aggregateAbove?: number;
  /** Compute the relation edges (the list view does not need them). Default true. */
  withEdges?: boolean;
}

const OWNER_COLUMN: Record<string, Column> = {
  'deployments.apps': 'roots',
  'cronjobs.batch': 'roots',
  'replicasets.apps': 'controllers',
  'statefulsets.apps': 'controllers',
  'daemonsets.apps': 'controllers',
  'jobs.batch': 'controllers',
};

export const OWNER_RESOURCES = Object.keys(OWNER_COLUMN);

export function poolOf(node: KubeObject): string {
  const labels = node.metadata.labels ?? {};
  return labels['kubernetes.azure.com/agentpool'] ?? labels.agentpool ?? DEFAULT_POOL;
}

const each = (objects: ObjectsByResource, resource: string) => Object.values(objects[resource] ?? {});

function ownerState(resource: string, o: KubeObject): { state: string; warn: boolean } {
  const s = o.status ?? {};
  if (resource === 'daemonsets.apps') {
    const want = s.desiredNumberScheduled ?? 0;
    return { state: `${s.numberReady ?? 0}/${want}`, warn: (s.numberReady ?? 0) < want };
  }
  if (resource === 'jobs.batch') {
    const want = o.spec?.completions ?? 1;
    return { state: `${s.succeeded ?? 0}/${want}`, warn: (s.failed ?? 0) > 0 };
  }
  if (resource === 'cronjobs.batch') return { state: o.spec?.schedule ?? '', warn: false };
  const want = o.spec?.replicas ?? 1;
  return { state: `${s.readyReplicas ?? 0}/${want}`, warn: (s.readyReplicas ?? 0) < want };
}

/** Old ReplicaSets a Deployment keeps for rollback (scaled to zero, no pods) add only noise. */
function isIdleRevision(resource: string, o: KubeObject): boolean {
  return resource === 'replicasets.apps' && (o.spec?.replicas ?? 1) === 0 && (o.status?.replicas ?? 0) === 0 && !!o.metadata.ownerReferences?.length;
}

function columnItems(objects: ObjectsByResource, opts: ModelOptions): ColumnItem[] {
  const items: ColumnItem[] = [];
  const push = (resource: string, column: Column, o: KubeObject, state: string, warn: boolean) => {
    const ref = refOf(resource, o);
    items.push({ key: refKey(ref), ref, column, word: kindWord(resource), state, warn });
  };
  if (opts.showOwners) {
    for (const [resource, column] of Object.entries(OWNER_COLUMN)) {
      for (const o of each(objects, resource)) {
        if (isIdleRevision(resource, o)) continue;
        const { state, warn } = ownerState(resource, o);
        push(resource, column, o, state, warn);
      }
    }
  }
  for (const svc of each(objects, 'services')) {
    const ip = svc.status?.loadBalancer?.ingress?.[0]?.ip;
    const type = svc.spec?.type ?? 'ClusterIP';
    push('services', 'services', svc, ip ? `${type} ${ip}` : type, type === 'LoadBalancer' && !ip);
  }
  for (const pvc of each(objects, 'persistentvolumeclaims')) {
    const phase = pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? 'Pending');
    push('persistentvolumeclaims', 'claims', pvc, phase, phase !== 'Bound');
  }
  for (const pv of each(objects, 'persistentvolumes')) {
    const phase = pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? 'Pending');
    push('persistentvolumes', 'volumes', pv, phase, phase === 'Failed');
  }
  return items;
}

/**
 * The objects to compute edges among: pods on aggregated hosts have no element to draw an edge to,
 * so they are left out (at 3,000 pods that is most of the work of the relations table).
 */
function podsDrawnOneByOne(objects: ObjectsByResource, pods: PodItem[], aggregateAbove: number): ObjectsByResource {
  if (shouldAggregateAll(pods.length, aggregateAbove)) return { ...objects, pods: {} };
  const perHost = new Map<string, number>();
  for (const p of pods) perHost.set(p.host, (perHost.get(p.host) ?? 0) + 1);
  if (![...perHost].some(([host, n]) => host !== UNSCHEDULED && n > NODE_CAPACITY)) return objects;
  const kept: Record<string, KubeObject> = {};
  const all = objects.pods ?? {};
  for (const p of pods) {
    const key = objectKeyOf(p.ref);
    if (p.host === UNSCHEDULED || (perHost.get(p.host) ?? 0) <= NODE_CAPACITY) kept[key] = all[key];
  }
  return { ...objects, pods: kept };
}

/** Pod items are cached per pod object (the mirror replaces an object when it changes) and host. */
const podItems = new WeakMap<KubeObject, PodItem>();

function podItem(pod: KubeObject, nodes: ReadonlyMap<string, NodeItem>): PodItem {
  const nodeName: string | undefined = pod.spec?.nodeName || undefined;
  const nodeKey = nodeName ? `nodes/${nodeName}` : '';
  const host = nodeName && nodes.has(nodeKey) ? nodeKey : UNSCHEDULED;
  const cached = podItems.get(pod);
  if (cached && cached.host === host) return cached;
  const ref = refOf('pods', pod);
  const item: PodItem = { key: refKey(ref), ref, view: podView(pod), host, nodeName };
  podItems.set(pod, item);
  return item;
}

const sortedPools = (pools: Map<string, PoolItem>) => [...pools.values()].sort((a, b) => a.name.localeCompare(b.name));

export function buildGraphModel(objects: ObjectsByResource, opts: ModelOptions): GraphModel {
  const nodes = new Map<string, NodeItem>();
  const poolMap = new Map<string, PoolItem>();
  for (const node of each(objects, 'nodes')) {
    const ref = refOf('nodes', node);
    const key = refKey(ref);
    const name = poolOf(node);
    const pool = poolMap.get(name) ?? { key: `pool/${name}`, name, nodes: [] };
    pool.nodes.push(key);
    poolMap.set(name, pool);
    nodes.set(key, { key, ref, pool: pool.key, view: nodeView(node) });
  }
  const pods: PodItem[] = each(objects, 'pods').map((pod) => podItem(pod, nodes));
  const items = columnItems(objects, opts);
  if (opts.withEdges === false) return { pools: sortedPools(poolMap), nodes, pods, items, edges: [] };
  const drawnPods = podsDrawnOneByOne(objects, pods, opts.aggregateAbove ?? AGGREGATE_ABOVE);
  const drawn = new Set<string>([...items.map((i) => i.key)]);
  for (const p of pods) if (drawnPods.pods?.[objectKeyOf(p.ref)]) drawn.add(p.key);
  const edges = relationEdges(drawnPods).filter((e) => drawn.has(e.source) && drawn.has(e.target));
  return { pools: sortedPools(poolMap), nodes, pods, items, edges };
}
