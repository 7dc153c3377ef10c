/**
 * A deterministic fake cluster for tests and the dev harness (dev.tsx): AKS-shaped node pools,
 * Deployments → ReplicaSets → Pods in every status, DaemonSet pods on each node, Services, PVCs
 * and PVs. Not used by the app itself.
 */
import type { KubeObject } from '../../engine/objects';
import type { ObjectsByResource } from './refs';

export interface FakeClusterOptions {
  pools?: { name: string; nodes: number }[];
  deployments?: number;
  replicas?: number;
  daemonSets?: number;
  unscheduled?: number;
  seed?: number;
}

const T0 = Date.UTC(2025, 0, 1);
const time = (ms: number) => new Date(T0 + ms).toISOString();

/** A small seeded generator (mulberry32), so the same options always give the same cluster. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const meta = (name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: `uid-${namespace ?? ''}-${name}`,
  creationTimestamp: time(0),
  ...extra,
});

export function fakeNode(name: string, pool: string, opts: { ready?: 'True' | 'False' | 'Unknown'; cordoned?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined, { labels: { 'kubernetes.azure.com/agentpool': pool, agentpool: pool, 'kubernetes.io/hostname': name } }),
    spec: opts.cordoned ? { unschedulable: true } : {},
    status: {
      conditions: [{ type: 'Ready', status: opts.ready ?? 'True', reason: 'KubeletReady' }],
      nodeInfo: { kubeletVersion: 'v1.34.5', osImage: 'Ubuntu 22.04.5 LTS', kernelVersion: '5.15.0-1079-azure', containerRuntimeVersion: 'containerd://1.7.27-1' },
      addresses: [{ type: 'InternalIP', address: '10.224.0.4' }],
      capacity: { cpu: '2', memory: '7097676Ki', pods: '110' },
      allocatable: { cpu: '1900m', memory: '5160268Ki', pods: '110' },
    },
  };
}

const STATES: Record<string, { phase: string; state: any; ready: boolean; restarts?: number }> = {
  Running: { phase: 'Running', state: { running: { startedAt: time(1000) } }, ready: true },
  ContainerCreating: { phase: 'Pending', state: { waiting: { reason: 'ContainerCreating' } }, ready: false },
  CrashLoopBackOff: { phase: 'Running', state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } }, ready: false, restarts: 3 },
  ImagePullBackOff: { phase: 'Pending', state: { waiting: { reason: 'ImagePullBackOff' } }, ready: false },
  Completed: { phase: 'Succeeded', state: { terminated: { exitCode: 0, reason: 'Completed' } }, ready: false },
  Error: { phase: 'Failed', state: { terminated: { exitCode: 1, reason: 'Error' } }, ready: false },
};

export function fakePod(name: string, namespace: string, opts: { node?: string; status?: string; labels?: Record<string, string>; owner?: KubeObject; claim?: string; terminating?: boolean } = {}): KubeObject {
  const s = STATES[opts.status ?? 'Running'];
  const owner = opts.owner;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, namespace, {
      labels: opts.labels ?? {},
      ...(owner ? { ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true }] } : {}),
      ...(opts.terminating ? { deletionTimestamp: time(5000) } : {}),
    }),
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27' }],
      ...(opts.node ? { nodeName: opts.node } : {}),
      ...(opts.claim ? { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: opts.claim } }] } : {}),
    },
    status: !opts.node
      ? { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] }
      : { phase: s.phase, podIP: '10.244.0.10', containerStatuses: [{ name: 'app', image: 'nginx:1.27', imageID: '', ready: s.ready, restartCount: s.restarts ?? 0, state: s.state }] },
  };
}

function put(out: ObjectsByResource, resource: string, o: KubeObject) {
  const key = o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
  (out[resource] ??= {})[key] = o;
}

const suffix = (rand: () => number, n: number) =>
  Array.from({ length: n }, () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(rand() * 27)]).join('');

export function fakeCluster(o: FakeClusterOptions = {}): ObjectsByResource {
  const rand = seeded(o.seed ?? 1);
  const out: ObjectsByResource = { nodes: {}, pods: {} };
  const nodes: string[] = [];
  for (const pool of o.pools ?? [{ name: 'nodepool1', nodes: 3 }]) {
    for (let i = 0; i < pool.nodes; i++) {
      const name = `aks-${pool.name}-38291046-vmss${i.toString(36).padStart(6, '0')}`;
      nodes.push(name);
      put(out, 'nodes', fakeNode(name, pool.name, { ready: i === 1 && nodes.length > 4 ? 'False' : 'True', cordoned: i === 2 && nodes.length > 4 }));
    }
  }
  for (let d = 0; d < (o.daemonSets ?? 2); d++) {
    const ds: KubeObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(['kube-proxy', 'csi-azuredisk-node', 'cloud-node-manager'][d % 3] + (d >= 3 ? `-${d}` : ''), 'kube-system'), spec: {}, status: { desiredNumberScheduled: nodes.length, numberReady: nodes.length } };
    put(out, 'daemonsets.apps', ds);
    for (const n of nodes) put(out, 'pods', fakePod(`${ds.metadata.name}-${suffix(rand, 5)}`, 'kube-system', { node: n, owner: ds }));
  }
  const mix = ['Running', 'Running', 'Running', 'Running', 'Running', 'Running', 'ContainerCreating', 'CrashLoopBackOff', 'ImagePullBackOff', 'Completed', 'Error'];
  for (let d = 0; d < (o.deployments ?? 4); d++) {
    const app = ['web', 'api', 'cart', 'search', 'auth', 'queue', 'redis', 'worker'][d % 8] + (d >= 8 ? `-${d}` : '');
    const labels = { app };
    const replicas = o.replicas ?? 3;
    const deploy: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(app, 'default'), spec: { replicas, selector: { matchLabels: labels } }, status: { readyReplicas: replicas - (d % 3 === 1 ? 1 : 0) } };
    const hash = suffix(rand, 10);
    const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(`${app}-${hash}`, 'default', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: deploy.metadata.uid, controller: true }] }), spec: { replicas }, status: { replicas, readyReplicas: replicas } };
    put(out, 'deployments.apps', deploy);
    put(out, 'replicasets.apps', rs);
    const claim = d === 0 ? `${app}-data` : undefined;
    for (let r = 0; r < replicas; r++) {
      const status = d === 0 ? 'Running' : mix[Math.floor(rand() * mix.length)];
      put(out, 'pods', fakePod(`${rs.metadata.name}-${suffix(rand, 5)}`, 'default', { node: nodes[Math.floor(rand() * nodes.length)], status, labels, owner: rs, claim }));
    }
    put(out, 'services', { apiVersion: 'v1', kind: 'Service', metadata: meta(app, 'default'), spec: { type: d === 0 ? 'LoadBalancer' : 'ClusterIP', selector: labels, clusterIP: `10.0.${d}.10`, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }, status: d === 0 ? { loadBalancer: { ingress: [{ ip: '20.61.10.4' }] } } : {} });
    if (claim) {
      put(out, 'persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(claim, 'default'), spec: { volumeName: `pvc-${hash}`, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '8Gi' } }, storageClassName: 'managed-csi' }, status: { phase: 'Bound', capacity: { storage: '8Gi' } } });
      put(out, 'persistentvolumes', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(`pvc-${hash}`), spec: { capacity: { storage: '8Gi' }, claimRef: { namespace: 'default', name: claim }, persistentVolumeReclaimPolicy: 'Delete' }, status: { phase: 'Bound' } });
    }
  }
  for (let u = 0; u < (o.unscheduled ?? 2); u++) put(out, 'pods', fakePod(`big-${suffix(rand, 5)}`, 'default', { labels: { app: 'big' } }));
  return out;
}

/** Events about some of the cluster's pods and nodes, the way kubelet, scheduler and controllers word them. */
export function fakeEvents(objects: ObjectsByResource, now: number): KubeObject[] {
  const out: KubeObject[] = [];
  let i = 0;
  const ev = (o: KubeObject, type: string, reason: string, message: string, agoMs: number, component: string, count = 1): void => {
    const at = new Date(now - agoMs).toISOString();
    out.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${o.metadata.name}.${(0x17f0000 + i++).toString(16)}`, namespace: o.metadata.namespace ?? 'default' },
      involvedObject: { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid },
      type,
      reason,
      message,
      count,
      firstTimestamp: at,
      lastTimestamp: at,
      source: { component },
    });
  };
  const pods = Object.values(objects.pods ?? {}).filter((p) => p.metadata.namespace === 'default');
  pods.slice(0, 40).forEach((p, n) => {
    const node = p.spec?.nodeName;
    const ago = (40 - n) * 9000;
    if (!node) {
      ev(p, 'Warning', 'FailedScheduling', '0/6 nodes are available: 6 Insufficient cpu. preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod.', ago, 'default-scheduler', 4);
      return;
    }
    ev(p, 'Normal', 'Scheduled', `Successfully assigned default/${p.metadata.name} to ${node}`, ago + 3000, 'default-scheduler');
    const waiting = p.status?.containerStatuses?.[0]?.state?.waiting?.reason;
    if (waiting === 'ImagePullBackOff') ev(p, 'Warning', 'Failed', 'Failed to pull image "nginx:1.27x": rpc error: code = NotFound desc = failed to pull and unpack image', ago, 'kubelet', 3);
    else if (waiting === 'CrashLoopBackOff') ev(p, 'Warning', 'BackOff', 'Back-off restarting failed container app in pod ' + p.metadata.name, ago, 'kubelet', 5);
    else {
      ev(p, 'Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine', ago + 1000, 'kubelet');
      ev(p, 'Normal', 'Started', 'Started container app', ago, 'kubelet');
    }
  });
  const notReady = Object.values(objects.nodes ?? {}).find((n) => n.status?.conditions?.[0]?.status === 'False');
  if (notReady) ev(notReady, 'Normal', 'NodeNotReady', `Node ${notReady.metadata.name} status is now: NodeNotReady`, 20000, 'node-controller');
  return out;
}
