/**
 * The Node and Lease a kubelet registers, and the heartbeat timestamps derived on read.
 *
 * Heartbeats are honest but cheap: a live kubelet renews its Lease every 10 s and posts node
 * status at least every 5 min (nodeStatusReportFrequency); instead of writing each renewal, the
 * read hooks show the latest renewal before "now". When the kubelet stops, one real write freezes
 * both at the last renewal, so everything after reads the stored object as it is.
 */
import { KUBERNETES_VERSION } from '../cluster/nodeTemplate';
import type { KubeObject } from '../objects';
import { formatRFC3339, formatRFC3339Micro } from '../util/time';
import type { NodeSpecInput, NodeState } from './types';

export const LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_MS = 10_000;
export const NODE_STATUS_REPORT_MS = 5 * 60_000;

export const formatMicroTime = formatRFC3339Micro;

/** The latest multiple of `period` after `anchor` that is not after `now`. */
export function lastTick(anchor: number, period: number, now: number): number {
  return now <= anchor ? anchor : anchor + Math.floor((now - anchor) / period) * period;
}

export function leaseRenewTime(n: NodeState, now: number): number {
  const until = n.alive ? now : (n.stoppedAt ?? now);
  return lastTick(n.renewAnchor, LEASE_RENEW_MS, until);
}

export function nodeHeartbeat(n: NodeState, now: number): number {
  const until = n.alive ? now : (n.stoppedAt ?? now);
  return lastTick(n.statusAnchor, NODE_STATUS_REPORT_MS, until);
}

const CONDITIONS: [string, string, string, string][] = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

/** Condition reasons only the kubelet writes: their heartbeat is derived while it runs. */
export const KUBELET_REASONS = new Set(CONDITIONS.map((c) => c[2]));

export function kubeletConditions(now: number, previous: any[] = []): any[] {
  return CONDITIONS.map(([type, status, reason, message]) => {
    const old = previous.find((c) => c.type === type);
    const transition = old && old.status === status ? old.lastTransitionTime : formatRFC3339(now);
    return { type, status, reason, message, lastHeartbeatTime: formatRFC3339(now), lastTransitionTime: transition };
  });
}

export function platformOf(spec: NodeSpecInput): { os: string; arch: string } {
  return { os: spec.nodeInfo?.operatingSystem ?? 'linux', arch: spec.nodeInfo?.architecture ?? 'amd64' };
}

/** The node's kernel (status.nodeInfo.kernelVersion): what its containers' `uname -r` and banners show. */
export function kernelVersionOf(spec: NodeSpecInput): string {
  return spec.nodeInfo?.kernelVersion ?? (platformOf(spec).os === 'windows' ? '10.0.20348.2966' : '5.15.0-1079-azure');
}

export function nodeLabels(spec: NodeSpecInput): Record<string, string> {
  const { os, arch } = platformOf(spec);
  return {
    'beta.kubernetes.io/arch': arch,
    'beta.kubernetes.io/os': os,
    'kubernetes.io/arch': arch,
    'kubernetes.io/hostname': spec.hostname ?? spec.name,
    'kubernetes.io/os': os,
    ...spec.labels,
  };
}

function capacityOf(spec: NodeSpecInput): Record<string, string> {
  return { 'ephemeral-storage': '129886128Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', pods: '110', ...spec.capacity };
}

export interface NodeIdentity {
  machineID: string;
  systemUUID: string;
  bootID: string;
}

export function buildNode(spec: NodeSpecInput, id: NodeIdentity, now: number): KubeObject {
  const { os, arch } = platformOf(spec);
  const capacity = capacityOf(spec);
  const nodeSpec: Record<string, unknown> = { podCIDR: spec.podCIDR, podCIDRs: [spec.podCIDR] };
  if (spec.providerID) nodeSpec.providerID = spec.providerID;
  if (spec.taints?.length) nodeSpec.taints = spec.taints;
  if (spec.unschedulable) nodeSpec.unschedulable = true;
  const info = spec.nodeInfo ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: nodeLabels(spec),
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        ...spec.annotations,
      },
    },
    spec: nodeSpec,
    status: {
      capacity,
      allocatable: { ...capacity, ...spec.allocatable },
      conditions: kubeletConditions(now),
      addresses: [
        { type: 'InternalIP', address: spec.internalIP },
        { type: 'Hostname', address: spec.hostname ?? spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: info.machineID ?? id.machineID,
        systemUUID: info.systemUUID ?? id.systemUUID,
        bootID: info.bootID ?? id.bootID,
        kernelVersion: kernelVersionOf(spec),
        osImage: info.osImage ?? (os === 'windows' ? 'Windows Server 2022 Datacenter' : 'Ubuntu 22.04.5 LTS'),
        containerRuntimeVersion: info.containerRuntimeVersion ?? 'containerd://1.7.27-1',
        kubeletVersion: info.kubeletVersion ?? KUBERNETES_VERSION,
        kubeProxyVersion: info.kubeProxyVersion ?? '',
        operatingSystem: os,
        architecture: arch,
      },
      features: { supplementalGroupsPolicy: true },
    },
  };
}

export function buildLease(spec: NodeSpecInput, node: KubeObject, now: number): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: spec.name,
      namespace: LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: spec.name, uid: node.metadata.uid! }],
    },
    spec: { holderIdentity: spec.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: formatMicroTime(now) },
  };
}

/** Read hook for leases: the derived renewTime of a live kubelet. */
export function deriveLease(obj: KubeObject, n: NodeState | undefined, now: number): KubeObject {
  if (!n || !n.alive || obj.metadata.namespace !== LEASE_NAMESPACE) return obj;
  const renewTime = formatMicroTime(leaseRenewTime(n, now));
  if (obj.spec?.renewTime === renewTime) return obj;
  return { ...obj, spec: { ...obj.spec, renewTime } };
}

/** Read hook for nodes: the derived lastHeartbeatTime of the conditions a live kubelet owns. */
export function deriveNode(obj: KubeObject, n: NodeState | undefined, now: number): KubeObject {
  if (!n || !n.alive || !Array.isArray(obj.status?.conditions)) return obj;
  const beat = formatRFC3339(nodeHeartbeat(n, now));
  let changed = false;
  const conditions = obj.status.conditions.map((c: any) => {
    if (!KUBELET_REASONS.has(c.reason) || c.lastHeartbeatTime === beat) return c;
    changed = true;
    return { ...c, lastHeartbeatTime: beat };
  });
  return changed ? { ...obj, status: { ...obj.status, conditions } } : obj;
}
