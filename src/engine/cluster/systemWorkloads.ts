/**
 * The kube-system add-ons a fresh cluster runs, as the manifests their installers apply. They go
 * through the API like anything a user creates, so the controllers, scheduler and kubelets bring
 * them up honestly (and `kubectl get pods -n kube-system` shows them with real-looking names).
 */
import type { KubeObject } from '../objects';

interface AddOn {
  name: string;
  kind: 'Deployment' | 'DaemonSet';
  replicas?: number;
  image: string;
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
  labels?: Record<string, string>;
  ports?: { containerPort: number; name: string; protocol?: string }[];
  priorityClassName?: string;
  hostNetwork?: boolean;
}

const AKS_ADDONS: AddOn[] = [
  { name: 'coredns', kind: 'Deployment', replicas: 2, image: 'mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.12.1-2', labels: { 'k8s-app': 'kube-dns', version: 'v20' }, requests: { cpu: '100m', memory: '70Mi' }, limits: { memory: '500Mi' }, ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9153, name: 'metrics', protocol: 'TCP' }] },
  { name: 'coredns-autoscaler', kind: 'Deployment', replicas: 1, image: 'mcr.microsoft.com/oss/v2/kubernetes/autoscaler/cluster-proportional-autoscaler:v1.9.0-1', labels: { 'k8s-app': 'coredns-autoscaler' }, requests: { cpu: '20m', memory: '10Mi' }, limits: { cpu: '200m', memory: '500Mi' } },
  { name: 'konnectivity-agent', kind: 'Deployment', replicas: 2, image: 'mcr.microsoft.com/oss/v2/kubernetes/apiserver-network-proxy/agent:v0.31.4-1', labels: { app: 'konnectivity-agent' }, requests: { cpu: '20m', memory: '20Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  { name: 'metrics-server', kind: 'Deployment', replicas: 2, image: 'mcr.microsoft.com/oss/v2/kubernetes/metrics-server:v0.7.2-6', labels: { 'k8s-app': 'metrics-server' }, requests: { cpu: '50m', memory: '80Mi' }, limits: { cpu: '200m', memory: '400Mi' }, ports: [{ containerPort: 4443, name: 'https', protocol: 'TCP' }] },
  { name: 'kube-proxy', kind: 'DaemonSet', image: 'mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.34.5', labels: { component: 'kube-proxy', tier: 'node' }, requests: { cpu: '100m' }, hostNetwork: true },
  { name: 'azure-ip-masq-agent', kind: 'DaemonSet', image: 'mcr.microsoft.com/aks/ip-masq-agent-v2:v0.1.15-2', labels: { 'k8s-app': 'azure-ip-masq-agent', tier: 'node' }, requests: { cpu: '100m', memory: '50Mi' }, limits: { cpu: '500m', memory: '250Mi' }, hostNetwork: true },
  { name: 'cloud-node-manager', kind: 'DaemonSet', image: 'mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v1.34.0', labels: { component: 'cloud-node-manager', 'k8s-app': 'cloud-node-manager' }, requests: { cpu: '50m', memory: '50Mi' }, limits: { cpu: '2', memory: '512Mi' }, hostNetwork: true },
  { name: 'csi-azuredisk-node', kind: 'DaemonSet', image: 'mcr.microsoft.com/oss/v2/kubernetes-csi/azuredisk-csi:v1.33.4', labels: { app: 'csi-azuredisk-node' }, requests: { cpu: '30m', memory: '60Mi' }, limits: { memory: '400Mi' }, hostNetwork: true },
  { name: 'csi-azurefile-node', kind: 'DaemonSet', image: 'mcr.microsoft.com/oss/v2/kubernetes-csi/azurefile-csi:v1.33.3', labels: { app: 'csi-azurefile-node' }, requests: { cpu: '30m', memory: '60Mi' }, limits: { memory: '600Mi' }, hostNetwork: true },
];

const PLAIN_ADDONS: AddOn[] = [
  { name: 'coredns', kind: 'Deployment', replicas: 2, image: 'registry.k8s.io/coredns/coredns:v1.12.1', labels: { 'k8s-app': 'kube-dns' }, requests: { cpu: '100m', memory: '70Mi' }, limits: { memory: '170Mi' }, ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9153, name: 'metrics', protocol: 'TCP' }] },
  { name: 'metrics-server', kind: 'Deployment', replicas: 1, image: 'registry.k8s.io/metrics-server/metrics-server:v0.8.0', labels: { 'k8s-app': 'metrics-server' }, requests: { cpu: '100m', memory: '200Mi' }, ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }] },
  { name: 'kube-proxy', kind: 'DaemonSet', image: 'registry.k8s.io/kube-proxy:v1.34.5', labels: { 'k8s-app': 'kube-proxy' }, hostNetwork: true },
];

export function systemWorkloads(profile: 'aks' | 'plain'): KubeObject[] {
  return (profile === 'aks' ? AKS_ADDONS : PLAIN_ADDONS).map(addOnObject);
}

function addOnObject(a: AddOn): KubeObject {
  const labels = a.labels ?? { 'k8s-app': a.name };
  const resources: Record<string, unknown> = {};
  if (a.requests) resources.requests = a.requests;
  if (a.limits) resources.limits = a.limits;
  const podSpec: Record<string, unknown> = {
    containers: [{ name: a.name, image: a.image, resources, ...(a.ports ? { ports: a.ports } : {}) }],
    priorityClassName: a.kind === 'DaemonSet' ? 'system-node-critical' : 'system-cluster-critical',
    tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
  };
  if (a.hostNetwork) podSpec.hostNetwork = true;
  const spec: Record<string, unknown> = {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: podSpec },
  };
  if (a.kind === 'Deployment') spec.replicas = a.replicas ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind: a.kind,
    metadata: { name: a.name, namespace: 'kube-system', labels: { ...labels, 'addonmanager.kubernetes.io/mode': 'Reconcile' } },
    spec,
  };
}
