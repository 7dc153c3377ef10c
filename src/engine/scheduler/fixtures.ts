/** Builders for scheduler tests: plain Node and Pod objects as the API would store them. */
import type { Container, Node, NodeSpec, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { NodeInfo, podEntryOf } from './nodeInfo';

export function makeNode(name: string, opts: { cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; spec?: NodeSpec; allocatable?: Record<string, string>; images?: { names: string[]; sizeBytes: number }[] } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: opts.spec ?? {},
    status: {
      allocatable: { cpu: opts.cpu ?? '2', memory: opts.memory ?? '4Gi', pods: opts.pods ?? '110', 'ephemeral-storage': '100Gi', ...opts.allocatable },
      conditions: [{ type: 'Ready', status: 'True' }],
      ...(opts.images ? { images: opts.images } : {}),
    },
  };
}

export function makePod(name: string, requests: Record<string, string> = {}, spec: Partial<PodSpec> = {}, extra: Partial<Container> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      schedulerName: 'default-scheduler',
      containers: [{ name: 'c', image: 'nginx', ...(Object.keys(requests).length ? { resources: { requests } } : {}), ...extra }],
      ...spec,
    },
  };
}

/** A NodeInfo for `node` holding `pods` (each bound to it). */
export function nodeInfo(node: Node, ...pods: Pod[]): NodeInfo {
  const n = new NodeInfo(node.metadata!.name!);
  n.setNode(node);
  for (const p of pods) n.addPod(podEntryOf({ ...p, spec: { ...p.spec!, nodeName: n.name } }));
  return n;
}

