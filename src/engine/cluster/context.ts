/** The kubeconfig identity of a profile's cluster: what `kubectl config` and `cluster-info` show. */
import type { Random } from '../sim/random';
import { AKS } from './aks';

export interface ClusterContext {
  name: string;
  cluster: string;
  user: string;
  server: string;
}

export function clusterContext(profile: 'aks' | 'plain', random: Random): ClusterContext {
  if (profile === 'plain') {
    return { name: 'kubernetes-admin@kubernetes', cluster: 'kubernetes', user: 'kubernetes-admin', server: 'https://192.168.49.2:6443' };
  }
  // AKS FQDN: <dns prefix>-<hash>.hcp.<region>.azmk8s.io; the prefix is the cluster name cut to 10
  // characters, the resource group and 6 hex digits of the subscription.
  const prefix = `${AKS.cluster.slice(0, 10)}-${AKS.resourceGroup}-${AKS.subscription.slice(0, 6)}`.toLowerCase();
  return {
    name: AKS.cluster,
    cluster: AKS.cluster,
    user: `clusterUser_${AKS.resourceGroup}_${AKS.cluster}`,
    server: `https://${prefix}-${random.hex(8)}.hcp.${AKS.location}.azmk8s.io:443`,
  };
}
