/** The "plain" profile: a generic three-node cluster, no cloud specifics. */
import type { Random } from '../sim/random';
import { podCIDRFor } from './aks';
import { KUBERNETES_VERSION, type NodeTemplate } from './nodeTemplate';

export function plainNode(ordinal: number, random: Random): NodeTemplate {
  const name = `node-${ordinal + 1}`;
  const h = () => random.hex(32);
  const uuid = (x: string) => `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  return {
    name,
    labels: {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
    },
    annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    capacity: { cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16374584Ki', pods: '110' },
    allocatable: { cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16374584Ki', pods: '110' },
    internalIP: `192.168.${49 + Math.floor((2 + ordinal) / 256)}.${(2 + ordinal) % 256}`,
    podCIDR: podCIDRFor(ordinal),
    nodeInfo: {
      architecture: 'amd64',
      bootID: uuid(h()),
      containerRuntimeVersion: 'containerd://2.1.4',
      kernelVersion: '6.8.0-85-generic',
      kubeProxyVersion: '',
      kubeletVersion: KUBERNETES_VERSION,
      machineID: h(),
      operatingSystem: 'linux',
      osImage: 'Ubuntu 24.04.3 LTS',
      systemUUID: uuid(h()),
    },
  };
}
