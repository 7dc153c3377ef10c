/**
 * The Service network a profile boots with: the `kubernetes` ServiceCIDR (the apiserver's
 * `--service-cluster-ip-range`: AKS `10.0.0.0/16`, kubeadm's `10.96.0.0/12` for plain), the
 * `kubernetes` Service on its first address with the Endpoints and EndpointSlice the apiserver
 * keeps for itself, and the add-on Services (`kube-dns` on the range's `.10`, `metrics-server`).
 */
import type { ApiServer } from '../api/server';
import { SERVICE_CIDR_RESOURCE, DEFAULT_SERVICE_CIDR, wellKnownServiceIPs } from '../api/kinds/service';
import type { KubeObject } from '../objects';
import { formatRFC3339 } from '../util/time';
import type { ProfileName } from './identity';

export const SERVICE_CIDRS: Record<ProfileName, string> = { aks: '10.0.0.0/16', plain: '10.96.0.0/12' };

/** Where the `kubernetes` Service's endpoints point: the API server's own address and port. */
export const APISERVER_ENDPOINT: Record<ProfileName, { ip: string; port: number }> = {
  aks: { ip: '20.62.145.18', port: 443 },
  plain: { ip: '192.168.49.1', port: 6443 },
};

/** What the apiserver creates for itself when it starts. */
export function createServiceNetwork(api: ApiServer, profile: ProfileName): void {
  const cidr = SERVICE_CIDRS[profile];
  const sc = api.create(SERVICE_CIDR_RESOURCE, { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: DEFAULT_SERVICE_CIDR }, spec: { cidrs: [cidr] } } as KubeObject);
  api.updateStatus(SERVICE_CIDR_RESOURCE, {
    ...sc,
    status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: formatRFC3339(api.now()), reason: '', message: 'Kubernetes Service CIDR is ready' }] },
  });
  const ips = wellKnownServiceIPs(cidr);
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  api.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels },
    spec: { clusterIP: ips.kubernetes, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_ENDPOINT[profile].port }] },
  } as KubeObject);
  const endpoint = APISERVER_ENDPOINT[profile];
  api.create('endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: endpoint.ip }], ports: [{ name: 'https', port: endpoint.port, protocol: 'TCP' }] }],
  } as KubeObject);
  api.create('endpointslices.discovery.k8s.io', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [endpoint.ip], conditions: { ready: true } }],
    ports: [{ name: 'https', port: endpoint.port, protocol: 'TCP' }],
  } as KubeObject);
}

/** The Services of the kube-system add-ons (CoreDNS's `kube-dns`, `metrics-server`). */
export function addOnServices(profile: ProfileName): KubeObject[] {
  const dnsLabels: Record<string, string> = { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' };
  if (profile === 'aks') dnsLabels['addonmanager.kubernetes.io/mode'] = 'Reconcile';
  const dnsPorts: Record<string, unknown>[] = [
    { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
    { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
  ];
  if (profile === 'plain') dnsPorts.push({ name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 });
  const metricsLabels: Record<string, string> = { 'k8s-app': 'metrics-server', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'Metrics-server' };
  if (profile === 'aks') metricsLabels['addonmanager.kubernetes.io/mode'] = 'Reconcile';
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels: dnsLabels },
      spec: { clusterIP: wellKnownServiceIPs(SERVICE_CIDRS[profile]).dns, selector: { 'k8s-app': 'kube-dns' }, ports: dnsPorts },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'metrics-server', namespace: 'kube-system', labels: metricsLabels },
      spec: { selector: { 'k8s-app': 'metrics-server' }, ports: [{ port: 443, protocol: 'TCP', targetPort: 'https' }] },
    },
  ];
}
