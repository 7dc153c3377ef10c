/**
 * The scheduler's cache, like kube-scheduler's NodeInfo snapshot: per node, what is allocatable
 * and what the pods bound to it already request, kept up to date incrementally from watch events
 * so a scheduling decision never re-sums the pods of a node. Terminal pods (Succeeded/Failed) no
 * longer count; pods being deleted still do until they are gone.
 */
import type { Container, ContainerPort, Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { HostPort } from './framework';
import { addInto, emptyResources, podRequests, resourcesOf, type Resources } from './resources';
import { quantityValue } from './quantity';

export interface PodEntry {
  key: string;
  namespace: string;
  nodeName: string;
  priority: number;
  labels: Record<string, string>;
  requests: Resources;
  nonZeroCpu: number;
  nonZeroMemory: number;
  hostPorts: HostPort[];
}

export class NodeInfo {
  node: Node | undefined;
  labels: Record<string, string> = {};
  allocatable: Resources = emptyResources();
  allowedPods = 0;
  unschedulable = false;
  /** NoSchedule and NoExecute taints, in the node's order (the TaintToleration filter). */
  hardTaints: Taint[] = [];
  /** PreferNoSchedule taints (the TaintToleration score). */
  softTaints: Taint[] = [];
  /** Image name -> size in bytes, from status.images. */
  images = new Map<string, number>();
  requested: Resources = emptyResources();
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  pods = new Map<string, PodEntry>();
  /** `protocol/port` -> host IP -> number of pods using it. */
  usedPorts = new Map<string, Map<string, number>>();

  constructor(readonly name: string) {}

  setNode(node: Node): void {
    this.node = node;
    this.labels = (node.metadata?.labels as Record<string, string>) ?? {};
    const alloc = node.status?.allocatable as Record<string, string> | undefined;
    this.allocatable = resourcesOf(alloc);
    this.allowedPods = quantityValue(alloc?.pods);
    this.unschedulable = node.spec?.unschedulable === true;
    const taints = node.spec?.taints ?? [];
    this.hardTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.softTaints = taints.filter((t) => t.effect === 'PreferNoSchedule');
    this.images = new Map();
    for (const img of node.status?.images ?? []) for (const n of img.names ?? []) this.images.set(n, img.sizeBytes ?? 0);
  }

  addPod(e: PodEntry, sign = 1): void {
    if (sign > 0) this.pods.set(e.key, e);
    else this.pods.delete(e.key);
    addInto(this.requested, e.requests, sign);
    this.nonZeroCpu += sign * e.nonZeroCpu;
    this.nonZeroMemory += sign * e.nonZeroMemory;
    for (const hp of e.hostPorts) {
      const k = `${hp.protocol}/${hp.port}`;
      let ips = this.usedPorts.get(k);
      if (!ips) this.usedPorts.set(k, (ips = new Map()));
      const n = (ips.get(hp.ip) ?? 0) + sign;
      if (n > 0) ips.set(hp.ip, n);
      else ips.delete(hp.ip);
      if (ips.size === 0) this.usedPorts.delete(k);
    }
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP on the same protocol/port. */
  portInUse(hp: HostPort): boolean {
    const ips = this.usedPorts.get(`${hp.protocol}/${hp.port}`);
    if (!ips) return false;
    if (hp.ip === '0.0.0.0') return ips.size > 0;
    return ips.has('0.0.0.0') || ips.has(hp.ip);
  }
}

export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name}`;
}

export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Shared by every pod without host ports (the usual case): only ever read. */
const NO_HOST_PORTS: HostPort[] = [];

/** The host ports of the pod's init then app containers, without copying the container lists. */
export function hostPortsOf(pod: Pod): HostPort[] {
  let out = NO_HOST_PORTS;
  out = addHostPorts(pod.spec?.initContainers, out);
  return addHostPorts(pod.spec?.containers, out);
}

function addHostPorts(list: Container[] | undefined, out: HostPort[]): HostPort[] {
  if (!list) return out;
  for (const c of list) {
    for (const p of c.ports ?? NO_PORTS) {
      if (!(p.hostPort && p.hostPort > 0)) continue;
      if (out === NO_HOST_PORTS) out = [];
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

const NO_PORTS: ContainerPort[] = [];

/** `key`: the pod's podKey, when the caller has it already. */
export function podEntryOf(pod: Pod, key = podKey(pod)): PodEntry {
  const nonZero = podRequests(pod, true);
  const hostPorts = hostPortsOf(pod);
  return {
    key,
    namespace: pod.metadata?.namespace ?? 'default',
    nodeName: pod.spec!.nodeName!,
    priority: pod.spec?.priority ?? 0,
    labels: (pod.metadata?.labels as Record<string, string>) ?? {},
    requests: podRequests(pod),
    nonZeroCpu: nonZero.cpu,
    nonZeroMemory: nonZero.memory,
    hostPorts,
  };
}

const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';

/** All nodes and the pods bound to them, plus how many nodes hold each image. */
export class ClusterCache {
  readonly nodes = new Map<string, NodeInfo>();
  readonly pods = new Map<string, PodEntry>();
  readonly imageNodes = new Map<string, number>();
  private zones = new Map<string, string[]>();
  private zoneOf = new Map<string, string>();
  private ordered: NodeInfo[] | undefined;

  /** Nodes that exist, interleaved across zones like the scheduler's nodeTree. */
  list(): readonly NodeInfo[] {
    if (!this.ordered) this.ordered = this.interleave();
    return this.ordered;
  }

  get nodeCount(): number {
    return this.zoneOf.size;
  }

  setNode(node: Node): NodeInfo {
    const name = node.metadata!.name!;
    let info = this.nodes.get(name);
    if (!info) this.nodes.set(name, (info = new NodeInfo(name)));
    if (info.node) this.countImages(info, -1);
    info.setNode(node);
    this.countImages(info, 1);
    const labels = info.labels;
    const zone = `${labels[REGION] ?? ''}:\u0000:${labels[ZONE] ?? ''}`;
    const was = this.zoneOf.get(name);
    if (was !== zone) {
      if (was !== undefined) this.leaveZone(name, was);
      this.zoneOf.set(name, zone);
      let list = this.zones.get(zone);
      if (!list) this.zones.set(zone, (list = []));
      list.push(name);
      this.ordered = undefined;
    }
    return info;
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info?.node) return;
    this.countImages(info, -1);
    info.node = undefined;
    const zone = this.zoneOf.get(name);
    if (zone !== undefined) this.leaveZone(name, zone);
    this.zoneOf.delete(name);
    // Pods still bound to a deleted node keep their accounting until they go too.
    if (info.pods.size === 0) this.nodes.delete(name);
    this.ordered = undefined;
  }

  /** Applies a pod's current state: bound and not terminal counts; anything else is removed. */
  setPod(pod: Pod | undefined, key: string): PodEntry | undefined {
    const old = this.pods.get(key);
    const entry = pod && pod.spec?.nodeName && !isTerminal(pod) ? podEntryOf(pod, key) : undefined;
    if (old) {
      const info = this.nodes.get(old.nodeName)!;
      info.addPod(old, -1);
      if (!info.node && info.pods.size === 0) this.nodes.delete(old.nodeName);
      this.pods.delete(key);
    }
    if (entry) {
      let info = this.nodes.get(entry.nodeName);
      if (!info) this.nodes.set(entry.nodeName, (info = new NodeInfo(entry.nodeName)));
      info.addPod(entry);
      this.pods.set(key, entry);
    }
    return old;
  }

  private countImages(info: NodeInfo, sign: number): void {
    for (const name of info.images.keys()) {
      const n = (this.imageNodes.get(name) ?? 0) + sign;
      if (n > 0) this.imageNodes.set(name, n);
      else this.imageNodes.delete(name);
    }
  }

  private leaveZone(name: string, zone: string): void {
    const list = this.zones.get(zone)!;
    list.splice(list.indexOf(name), 1);
    if (list.length === 0) this.zones.delete(zone);
  }

  private interleave(): NodeInfo[] {
    const lists = [...this.zones.values()];
    const out: NodeInfo[] = [];
    for (let i = 0; out.length < this.zoneOf.size; i++) {
      for (const l of lists) if (i < l.length) out.push(this.nodes.get(l[i])!);
    }
    return out;
  }
}
