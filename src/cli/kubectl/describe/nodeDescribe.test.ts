import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { HOUR, MIN, NOW, SEC, ago } from '../../../engine/printers/testing';
import { describeNode } from './nodeDescribe';
import { fakeSource } from './testing';

const NAME = 'aks-nodepool1-12345678-vmss000000';

const cond = (type: string, status: string, reason: string, message: string) => ({
  type,
  status,
  reason,
  message,
  lastHeartbeatTime: ago(2 * MIN),
  lastTransitionTime: ago(2 * HOUR),
});

const node: Node = {
  metadata: {
    name: NAME,
    uid: 'node-uid',
    creationTimestamp: ago(2 * HOUR),
    labels: { agentpool: 'nodepool1', 'kubernetes.io/os': 'linux' },
    annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
  },
  spec: {
    podCIDR: '10.244.0.0/24',
    podCIDRs: ['10.244.0.0/24'],
    providerID: 'azure:///subscriptions/sub/resourceGroups/mc_rg/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-12345678-vmss/virtualMachines/0',
    taints: [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
    unschedulable: true,
  },
  status: {
    capacity: { cpu: '2', 'ephemeral-storage': '129886128Ki', 'hugepages-1Gi': '0', memory: '8Gi', pods: '110' },
    allocatable: { cpu: '1900m', 'ephemeral-storage': '119703055367', 'hugepages-1Gi': '0', memory: '4Gi', pods: '110' },
    conditions: [
      cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ],
    addresses: [{ type: 'InternalIP', address: '10.224.0.4' }, { type: 'Hostname', address: NAME }],
    nodeInfo: {
      machineID: 'm1', systemUUID: 'u1', bootID: 'b1', kernelVersion: '5.15.0-1079-azure', osImage: 'Ubuntu 22.04.5 LTS',
      operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'containerd://1.7.27-1',
      kubeletVersion: 'v1.34.1', kubeProxyVersion: '',
    },
  },
};

const pod = (ns: string, name: string, requests: Record<string, string>, limits: Record<string, string>, phase = 'Running') => ({
  metadata: { name, namespace: ns, creationTimestamp: ago(90 * MIN) },
  spec: { nodeName: NAME, containers: [{ name: 'c', resources: { requests, limits } }] },
  status: { phase },
});

const lease = {
  metadata: { name: NAME, namespace: 'kube-node-lease' },
  spec: { holderIdentity: NAME, leaseDurationSeconds: 40, renewTime: '2026-01-01T11:59:55.000000Z' },
};

const nodeEvent = (name: string, uid: string, reason: string, message: string, from: string, t: number) => ({
  metadata: { name, namespace: 'default' },
  involvedObject: { kind: 'Node', name: NAME, uid },
  reason, message, type: 'Normal', source: { component: from }, firstTimestamp: ago(t), lastTimestamp: ago(t), count: 1,
});

describe('describeNode', () => {
  it('prints the node, its lease, pods and allocated resources', () => {
    const source = fakeSource(NOW, {
      pods: [
        pod('default', 'web-1', { cpu: '100m', memory: '128Mi' }, { memory: '128Mi' }),
        pod('kube-system', 'coredns-1', { cpu: '250m', memory: '64Mi' }, { cpu: '1', memory: '256Mi' }),
        pod('default', 'done', { cpu: '1' }, {}, 'Succeeded'),
      ],
      leases: [lease],
      events: [
        nodeEvent('n1', NAME, 'Starting', 'Starting kubelet.', 'kubelet', 2 * HOUR),
        nodeEvent('n2', 'node-uid', 'RegisteredNode', `Node ${NAME} event: Registered Node ${NAME} in Controller`, 'node-controller', 2 * HOUR - 30 * SEC),
      ],
    });
    expect(describeNode(source, node)).toBe(`Name:               ${NAME}
Roles:              <none>
Labels:             agentpool=nodepool1
                    kubernetes.io/os=linux
Annotations:        node.alpha.kubernetes.io/ttl: 0
CreationTimestamp:  Thu, 01 Jan 2026 10:00:00 +0000
Taints:             node.kubernetes.io/unschedulable:NoSchedule
                    sku=gpu:NoSchedule
Unschedulable:      true
Lease:
  HolderIdentity:  ${NAME}
  AcquireTime:     <unset>
  RenewTime:       Thu, 01 Jan 2026 11:59:55 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Thu, 01 Jan 2026 11:58:00 +0000   Thu, 01 Jan 2026 10:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  Ready            True    Thu, 01 Jan 2026 11:58:00 +0000   Thu, 01 Jan 2026 10:00:00 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  10.224.0.4
  Hostname:    ${NAME}
Capacity:
  cpu:                2
  ephemeral-storage:  129886128Ki
  hugepages-1Gi:      0
  memory:             8Gi
  pods:               110
Allocatable:
  cpu:                1900m
  ephemeral-storage:  119703055367
  hugepages-1Gi:      0
  memory:             4Gi
  pods:               110
System Info:
  Machine ID:                 m1
  System UUID:                u1
  Boot ID:                    b1
  Kernel Version:             5.15.0-1079-azure
  OS Image:                   Ubuntu 22.04.5 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.27-1
  Kubelet Version:            v1.34.1
  Kube-Proxy Version:         
PodCIDR:                      10.244.0.0/24
PodCIDRs:                     10.244.0.0/24
ProviderID:                   azure:///subscriptions/sub/resourceGroups/mc_rg/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-12345678-vmss/virtualMachines/0
Non-terminated Pods:          (2 in total)
  Namespace                   Name         CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----         ------------  ----------  ---------------  -------------  ---
  default                     web-1        100m (5%)     0 (0%)      128Mi (3%)       128Mi (3%)     90m
  kube-system                 coredns-1    250m (13%)    1 (52%)     64Mi (1%)        256Mi (6%)     90m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                350m (18%)  1 (52%)
  memory             192Mi (4%)  384Mi (9%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-1Gi      0 (0%)      0 (0%)
Events:
  Type    Reason          Age   From             Message
  ----    ------          ----  ----             -------
  Normal  Starting        120m  kubelet          Starting kubelet.
  Normal  RegisteredNode  119m  node-controller  Node ${NAME} event: Registered Node ${NAME} in Controller
`);
  });

  it('reports a missing lease as kubectl does', () => {
    const out = describeNode(fakeSource(NOW, {}), { metadata: { name: 'n' }, status: {} });
    expect(out).toContain('Lease:              Failed to get lease: leases.coordination.k8s.io "n" not found\n');
    expect(out).toContain('Non-terminated Pods:          (0 in total)\n');
  });
});
