/** The kubeconfig `serve` writes: one cluster, user and context, named as the profile names them. */
import { stringify } from 'yaml';
import type { ClusterContext } from '../../engine/cluster/context';

export function kubeconfigFor(context: ClusterContext, server: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: context.cluster, cluster: { server } }],
    contexts: [{ name: context.name, context: { cluster: context.cluster, user: context.user } }],
    'current-context': context.name,
    preferences: {},
    users: [{ name: context.user, user: { token: 'pilothouse' } }],
  });
}

/** The server a kubeconfig's current context points at (for `pilothouse exec`). */
export function serverOfKubeconfig(doc: unknown): string | undefined {
  const cfg = doc as { 'current-context'?: string; contexts?: { name: string; context: { cluster: string } }[]; clusters?: { name: string; cluster: { server: string } }[] };
  const ctx = cfg?.contexts?.find((c) => c.name === cfg['current-context']);
  return cfg?.clusters?.find((c) => c.name === ctx?.context.cluster)?.cluster.server;
}
