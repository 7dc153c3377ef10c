/**
 * What a machine is before its kubelet registers it: name, labels, taints, size and system
 * info. Profiles (and later the AKS cloud's node pools) describe machines with this; the kubelet
 * turns one into a Node object.
 */
export interface NodeTemplate {
  name: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  /** Resource quantities as the Node reports them (`cpu: "2"`, `memory: "7097684Ki"`). */
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  internalIP: string;
  podCIDR: string;
  providerID?: string;
  nodeInfo: {
    architecture: string;
    bootID: string;
    containerRuntimeVersion: string;
    kernelVersion: string;
    kubeProxyVersion: string;
    kubeletVersion: string;
    machineID: string;
    operatingSystem: string;
    osImage: string;
    systemUUID: string;
  };
}

export const KUBERNETES_VERSION = 'v1.34.5';
