/**
 * The "aks" profile: what `az aks create -g myResourceGroup -n myAKSCluster` gives, using the
 * names of Microsoft's AKS quickstarts so their commands work unchanged (BEHAVIOUR.md §9).
 */
import type { Random } from '../sim/random';
import { KUBERNETES_VERSION, type NodeTemplate } from './nodeTemplate';

export const AKS = {
  resourceGroup: 'myResourceGroup',
  cluster: 'myAKSCluster',
  location: 'eastus',
  subscription: '00000000-0000-0000-0000-000000000000',
  nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202510.03.0',
  vmSize: 'Standard_DS2_v2',
};

export interface AksPool {
  name: string;
  mode: 'System' | 'User';
  count: number;
  /** The 8-digit number AKS puts in every VMSS node name of the cluster. */
  clusterNumber: string;
}

/** Standard_DS2_v2: 2 vCPU, 7 GiB; allocatable after AKS's kube and system reservations. */
const DS2_V2 = {
  capacity: { cpu: '2', 'ephemeral-storage': '129886128Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '7097684Ki', pods: '250' },
  allocatable: { cpu: '1900m', 'ephemeral-storage': '119703055367', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '5160276Ki', pods: '250' },
};

export function aksClusterNumber(random: Random): string {
  return String(10000000 + random.int(90000000));
}

/** VMSS instance names: `aks-<pool>-<number>-vmss` + a 6-character base-36 instance id. */
export function aksNodeName(pool: AksPool, index: number): string {
  return `aks-${pool.name}-${pool.clusterNumber}-vmss${index.toString(36).padStart(6, '0')}`;
}

export function aksNode(pool: AksPool, index: number, nodeOrdinal: number, random: Random): NodeTemplate {
  const name = aksNodeName(pool, index);
  const mc = `MC_${AKS.resourceGroup}_${AKS.cluster}_${AKS.location}`;
  const labels: Record<string, string> = {
    agentpool: pool.name,
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/instance-type': AKS.vmSize,
    'beta.kubernetes.io/os': 'linux',
    'failure-domain.beta.kubernetes.io/region': AKS.location,
    'failure-domain.beta.kubernetes.io/zone': '0',
    'kubernetes.azure.com/agentpool': pool.name,
    'kubernetes.azure.com/cluster': mc,
    'kubernetes.azure.com/consolidated-additional-properties': random.hex(8) + '-' + random.hex(4) + '-' + random.hex(4) + '-' + random.hex(4) + '-' + random.hex(12),
    'kubernetes.azure.com/kubelet-identity-client-id': random.hex(8) + '-' + random.hex(4) + '-' + random.hex(4) + '-' + random.hex(4) + '-' + random.hex(12),
    'kubernetes.azure.com/managedby': 'aks',
    'kubernetes.azure.com/mode': pool.mode.toLowerCase(),
    'kubernetes.azure.com/network-policy': 'none',
    'kubernetes.azure.com/node-image-version': AKS.nodeImageVersion,
    'kubernetes.azure.com/nodepool-type': 'VirtualMachineScaleSets',
    'kubernetes.azure.com/os-sku': 'Ubuntu',
    'kubernetes.azure.com/os-sku-effective': 'Ubuntu2204',
    'kubernetes.azure.com/os-sku-requested': 'Ubuntu',
    'kubernetes.azure.com/role': 'agent',
    'kubernetes.azure.com/sku-cpu': '2',
    'kubernetes.azure.com/sku-memory': '7168',
    'kubernetes.azure.com/storageprofile': 'managed',
    'kubernetes.azure.com/storagetier': 'Premium_LRS',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': AKS.vmSize,
    'storageprofile': 'managed',
    'storagetier': 'Premium_LRS',
    'topology.disk.csi.azure.com/zone': '',
    'topology.kubernetes.io/region': AKS.location,
    'topology.kubernetes.io/zone': '0',
  };
  const machineID = random.hex(32);
  return {
    name,
    labels,
    annotations: {
      'csi.volume.kubernetes.io/nodeid': JSON.stringify({ 'disk.csi.azure.com': name, 'file.csi.azure.com': name }),
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    },
    capacity: { ...DS2_V2.capacity },
    allocatable: { ...DS2_V2.allocatable },
    internalIP: nodeSubnetIP(nodeOrdinal),
    podCIDR: podCIDRFor(nodeOrdinal),
    providerID: `azure:///subscriptions/${AKS.subscription}/resourceGroups/${mc.toLowerCase()}/providers/Microsoft.Compute/virtualMachineScaleSets/aks-${pool.name}-${pool.clusterNumber}-vmss/virtualMachines/${index}`,
    nodeInfo: {
      architecture: 'amd64',
      bootID: uuidish(random),
      containerRuntimeVersion: 'containerd://1.7.28-1',
      kernelVersion: '5.15.0-1098-azure',
      kubeProxyVersion: '',
      kubeletVersion: KUBERNETES_VERSION,
      machineID,
      operatingSystem: 'linux',
      osImage: 'Ubuntu 22.04.5 LTS',
      systemUUID: uuidish(random),
    },
  };
}

/** Node IPs from the AKS-managed VNet subnet 10.224.0.0/16, starting at .4 as Azure reserves .0-.3. */
export function nodeSubnetIP(ordinal: number): string {
  const n = 4 + ordinal;
  return `10.224.${Math.floor(n / 256)}.${n % 256}`;
}

/** One /24 per node from the pod CIDR 10.244.0.0/16, continuing into 10.245.0.0 past 256 nodes. */
export function podCIDRFor(ordinal: number): string {
  return `10.${244 + Math.floor(ordinal / 256)}.${ordinal % 256}.0/24`;
}

function uuidish(random: Random): string {
  const h = random.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
