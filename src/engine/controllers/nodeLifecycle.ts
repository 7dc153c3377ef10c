/**
 * The node lifecycle controller, `node-controller` (kubernetes `pkg/controller/nodelifecycle/
 * node_lifecycle_controller.go`): node health from the kubelet's Lease and Ready heartbeat, the
 * condition taints (TaintNodesByCondition), the NoExecute taints of taint-based eviction, pods on a
 * lost node marked not ready, and the events `RegisteredNode`, `RemovingNode`, `NodeNotReady`.
 *
 * Timing as upstream: health is judged on monitor passes every 5 s (--node-monitor-period); a node
 * whose last heartbeat (Lease renewTime or Ready.lastHeartbeatTime) is more than 50 s old
 * (--node-monitor-grace-period; 60 s for a node that never posted status) gets its Ready,
 * MemoryPressure, DiskPressure and PIDPressure conditions set to Unknown (`NodeStatusUnknown`,
 * `Kubelet stopped posting node status.`); the NoSchedule taints follow at once (node update
 * event); the NoExecute taint is added on the next pass, from the Ready status observed then, at
 * most one node per 10 s per zone (--node-eviction-rate 0.1), none when every zone is fully
 * disrupted, and in a partially disrupted zone only at the secondary rate in large clusters.
 *
 * Event-driven instead of polling every node every 5 s: the monitor pass for a node is scheduled at
 * the first pass instant after its heartbeat can go stale. A heartbeat that a live kubelet renews is
 * derived when read (the stored object lags behind what the API returns); such a node needs no timer,
 * because its kubelet writes the Lease once when it stops, which wakes this controller.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import type { InvolvedObject } from '../api/events';
import { splitKey, type KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import { deepEqual } from '../util/clone';
import { formatRFC3339, parseTime } from '../util/time';
import { NO_KEYS, type Change, type Controller } from './manager';
import { markPodNotReady, PODS_BY_NODE_INDEX, podsByNodeIndexValues } from './nodePods';
import { CONDITION_TAINTS, CONDITION_TAINT_KEYS, nodeCondition, nodeTaints, TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, zoneKey } from './nodeTaints';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_MS = 50_000;
export const NODE_STARTUP_GRACE_MS = 60_000;
export const NODE_EVICTION_RATE = 0.1;
export const SECONDARY_NODE_EVICTION_RATE = 0.01;
export const LARGE_CLUSTER_THRESHOLD = 50;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
const LEASES = 'leases.coordination.k8s.io';
const LEASE_NAMESPACE = 'kube-node-lease';
const HEALTH_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
const EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

const POD_KEY = 'pod|';
const MONITOR_KEY = 'monitor|';

export class NodeLifecycleController implements Controller {
  readonly name = 'node-controller';
  private ctx!: SimContext;
  private start = 0;
  private known = new Map<string, string>();
  /** The instant of each node's last monitor pass (timers may coincide). */
  private lastPass = new Map<string, number>();
  /** Ready per node and zone, for the zone disruption states. */
  private zones = new Map<string, { zone: string; ready: boolean }>();
  /** The token bucket of each zone's NoExecute tainter: when the next taint may be added. */
  private nextTaintAt = new Map<string, number>();

  readonly watches = {
    nodes: (node: KubeObject, _old: KubeObject | undefined, live: KubeObject | undefined) => {
      if (live && !live.metadata.labels?.[EXCLUDE_DISRUPTION]) this.zones.set(node.metadata.name, { zone: zoneKey(live), ready: nodeCondition(live, 'Ready')?.status === 'True' });
      else this.zones.delete(node.metadata.name);
      return [node.metadata.name];
    },
    [LEASES]: (lease: KubeObject) => (lease.metadata.namespace === LEASE_NAMESPACE ? [lease.metadata.name] : NO_KEYS),
    pods: (pod: KubeObject, old: KubeObject | undefined) =>
      pod.spec?.nodeName && pod.spec.nodeName !== old?.spec?.nodeName ? [`${POD_KEY}${pod.metadata.namespace}/${pod.metadata.name}`] : NO_KEYS,
  };

  setup(ctx: SimContext): void {
    this.ctx = ctx;
    this.start = ctx.now();
    ctx.store.addIndex('pods', PODS_BY_NODE_INDEX, podsByNodeIndexValues);
    // Nodes that exist when the controller starts are known already: no RegisteredNode for them.
    for (const n of ctx.store.list('nodes')) this.known.set(n.metadata.name, n.metadata.uid ?? '');
  }

  reconcile(key: string, ctx: SimContext): Change[] {
    if (key.startsWith(POD_KEY)) return this.processPod(key.slice(POD_KEY.length), ctx);
    const monitor = key.startsWith(MONITOR_KEY);
    if (monitor) key = key.slice(MONITOR_KEY.length);
    const stored = ctx.store.get('nodes', undefined, key);
    const ref = (uid: string): InvolvedObject => ({ apiVersion: 'v1', kind: 'Node', name: key, uid });
    if (!stored) {
      const uid = this.known.get(key);
      this.known.delete(key);
      this.lastPass.delete(key);
      if (uid === undefined) return [];
      return [nodeEvent(ref(uid), 'RemovingNode', `Node ${key} event: Removing Node ${key} from Controller`)];
    }
    const now = ctx.now();
    const changes: Change[] = [];
    if (!this.known.has(key)) {
      this.known.set(key, stored.metadata.uid ?? '');
      changes.push(nodeEvent(ref(stored.metadata.uid!), 'RegisteredNode', `Node ${key} event: Registered Node ${key} in Controller`));
    }
    let conditions = stored.status?.conditions ?? [];
    let taints = nodeTaints(stored);
    let wake: number | undefined;
    // A node event runs the NoSchedule pass only; health is judged on monitor passes, once per instant.
    if (monitor && this.lastPass.get(key) !== now) {
      this.lastPass.set(key, now);
      const health = this.monitorHealth(stored, now, changes);
      conditions = health.conditions;
      taints = this.processTaintBasedEviction(stored, health.observed, taints, now);
      wake = health.wake;
      if (health.observed !== 'True' && !hasNoExecuteFor(taints, health.observed)) wake = now + NODE_MONITOR_PERIOD_MS;
    } else if (!monitor) {
      wake = this.tickAfter(now);
    }
    taints = noScheduleTaints(taints, conditions, !!stored.spec?.unschedulable, now);
    if (!deepEqual(taints, nodeTaints(stored))) {
      changes.push({ op: 'update', resource: 'nodes', object: { ...stored, metadata: { ...stored.metadata, resourceVersion: undefined }, spec: { ...stored.spec, taints: taints.length ? taints : undefined } } });
    }
    if (wake !== undefined) changes.push({ op: 'requeueAfter', ms: wake - now, key: MONITOR_KEY + key });
    return changes;
  }

  /** tryUpdateNodeHealth + the NodeNotReady transition. Returns the conditions after the pass. */
  private monitorHealth(stored: KubeObject, now: number, changes: Change[]): { observed: string; conditions: any[]; wake?: number } {
    const ctx = this.ctx;
    const name = stored.metadata.name;
    const read = ctx.api.get('nodes', undefined, name);
    const ready = nodeCondition(read, 'Ready');
    const observed = ready?.status ?? 'Unknown';
    const grace = ready ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
    const storedLease = ctx.store.get(LEASES, LEASE_NAMESPACE, name);
    const lease = storedLease && ctx.api.get(LEASES, LEASE_NAMESPACE, name);
    const created = parseTime(stored.metadata.creationTimestamp ?? '') ?? now;
    const probe = Math.max(time(lease?.spec?.renewTime) ?? -Infinity, time(ready?.lastHeartbeatTime as string) ?? -Infinity, ready ? -Infinity : created);
    const live = (lease && lease.spec?.renewTime !== storedLease?.spec?.renewTime) || (ready && ready.lastHeartbeatTime !== nodeCondition(stored, 'Ready')?.lastHeartbeatTime);
    let conditions: any[] = stored.status?.conditions ?? [];
    if (!(now > probe + grace)) return { observed, conditions, wake: live ? undefined : this.tickAfter(probe + grace) };
    const stamp = formatRFC3339(now);
    conditions = conditions.map((c: any) => ({ ...c }));
    for (const type of HEALTH_CONDITIONS) {
      const c = conditions.find((x: any) => x.type === type);
      if (!c) {
        conditions.push({ type, status: 'Unknown', lastHeartbeatTime: stored.metadata.creationTimestamp, lastTransitionTime: stamp, reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
      } else if (c.status !== 'Unknown') {
        Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: stamp });
      }
    }
    if (!deepEqual(conditions, stored.status?.conditions ?? [])) {
      changes.push({ op: 'updateStatus', resource: 'nodes', object: { ...stored, status: { ...stored.status, conditions } } });
    }
    if (observed === 'True') {
      changes.push(nodeEvent({ apiVersion: 'v1', kind: 'Node', name, uid: stored.metadata.uid }, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`));
      for (const pod of ctx.store.byIndex('pods', PODS_BY_NODE_INDEX, name)) changes.push(...markPodNotReady(pod, now));
    }
    return { observed, conditions };
  }

  /** processTaintBaseEviction on the Ready status observed at the start of the pass. */
  private processTaintBasedEviction(node: KubeObject, observed: string, taints: Taint[], now: number): Taint[] {
    const zone = zoneKey(node);
    const noExec = (key: string) => taints.some((t) => t.key === key && t.effect === 'NoExecute');
    const without = (key: string) => taints.filter((t) => !(t.key === key && t.effect === 'NoExecute'));
    if (observed === 'True' || this.allZonesFullyDisrupted()) return without(TAINT_UNREACHABLE).filter((t) => !(t.key === TAINT_NOT_READY && t.effect === 'NoExecute'));
    const [add, opposite] = observed === 'False' ? [TAINT_NOT_READY, TAINT_UNREACHABLE] : [TAINT_UNREACHABLE, TAINT_NOT_READY];
    if (noExec(add)) return taints;
    const stamped: Taint = { key: add, effect: 'NoExecute', timeAdded: formatRFC3339(now) };
    // The opposite taint is swapped at once; a fresh one waits for the zone's rate limiter.
    if (noExec(opposite)) return [...without(opposite), stamped];
    const interval = this.zoneEvictionInterval(zone);
    const next = this.nextTaintAt.get(zone) ?? -Infinity;
    if (interval === undefined || now < next) return taints;
    this.nextTaintAt.set(zone, now + interval);
    return [...taints, stamped];
  }

  /** ms between NoExecute taints in a zone, or undefined when tainting is stopped (ComputeZoneState). */
  private zoneEvictionInterval(zone: string): number | undefined {
    let ready = 0;
    let notReady = 0;
    for (const z of this.zones.values()) {
      if (z.zone !== zone) continue;
      if (z.ready) ready++;
      else notReady++;
    }
    if (notReady > 2 && notReady / (ready + notReady) >= UNHEALTHY_ZONE_THRESHOLD) {
      return ready + notReady > LARGE_CLUSTER_THRESHOLD ? 1000 / SECONDARY_NODE_EVICTION_RATE : undefined;
    }
    return 1000 / NODE_EVICTION_RATE;
  }

  private allZonesFullyDisrupted(): boolean {
    const readyZones = new Set<string>();
    const zones = new Set<string>();
    for (const z of this.zones.values()) {
      zones.add(z.zone);
      if (z.ready) readyZones.add(z.zone);
    }
    return zones.size > 0 && readyZones.size === 0;
  }

  /** processPod: a pod bound to a node that is not ready is marked not ready too. */
  private processPod(key: string, ctx: SimContext): Change[] {
    // Sliced, not split: no array per pod bound.
    const { namespace, name } = splitKey(key);
    const pod = ctx.store.get('pods', namespace, name);
    const node = pod?.spec?.nodeName ? ctx.store.get('nodes', undefined, pod.spec.nodeName) : undefined;
    const ready = node && nodeCondition(node, 'Ready');
    if (!pod || !ready || ready.status === 'True') return [];
    return markPodNotReady(pod, ctx.now());
  }

  /** The first monitor pass strictly after `t` (the check is `now.After(probe + grace)`). */
  private tickAfter(t: number): number {
    return this.start + Math.max(0, Math.floor((t - this.start) / NODE_MONITOR_PERIOD_MS) + 1) * NODE_MONITOR_PERIOD_MS;
  }
}

function time(s: string | undefined): number | undefined {
  return s ? (parseTime(s) ?? undefined) : undefined;
}

function hasNoExecuteFor(taints: Taint[], observed: string): boolean {
  const key = observed === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
  return taints.some((t) => t.key === key && t.effect === 'NoExecute');
}

function nodeEvent(ref: InvolvedObject, reason: string, message: string): Change {
  return { op: 'event', object: ref as unknown as KubeObject, type: 'Normal', reason, message };
}

/** doNoScheduleTaintingPass: the NoSchedule taints the conditions and spec.unschedulable call for. */
export function noScheduleTaints(taints: Taint[], conditions: any[], unschedulable: boolean, now: number): Taint[] {
  const want: string[] = [];
  for (const c of conditions) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) want.push(key);
  }
  if (unschedulable) want.push(TAINT_UNSCHEDULABLE);
  const managed = (t: Taint) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key));
  const kept = taints.filter((t) => !managed(t) || want.includes(t.key));
  const have = new Set(kept.filter(managed).map((t) => t.key));
  const added = want.filter((k) => !have.has(k)).map((key): Taint => ({ key, effect: 'NoSchedule', timeAdded: formatRFC3339(now) }));
  return added.length || kept.length !== taints.length ? [...kept, ...added] : taints;
}
