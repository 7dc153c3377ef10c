import type { KubectlCommand } from '../command';

export const clusterInfo: KubectlCommand = {
  name: 'cluster-info',
  short: 'Display cluster information',
  flags: [],
  subcommands: undefined,
  *run(flags, env) {
    if (flags.args[0] === 'dump') throw new Error('cluster-info dump is not available in the sandbox');
    const server = env.host.context.server;
    env.out(`Kubernetes control plane is running at ${server}\n`);
    // Like kubectl: one line per Service labelled kubernetes.io/cluster-service=true in kube-system.
    let services: { metadata: { name: string; labels?: Record<string, string> }; spec?: any }[] = [];
    try {
      services = env.api.list('services', { namespace: 'kube-system', labelSelector: 'kubernetes.io/cluster-service=true' }).items;
    } catch {
      services = [];
    }
    for (const svc of services) {
      const name = svc.metadata.labels?.['kubernetes.io/name'] ?? svc.metadata.name;
      const port = svc.spec?.ports?.[0];
      const portName = port?.name ? `:${port.name}` : '';
      const scheme = port?.name === 'https' ? 'https:' : '';
      env.out(`${name} is running at ${server}/api/v1/namespaces/kube-system/services/${scheme}${svc.metadata.name}${portName}/proxy\n`);
    }
    env.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    return 0;
  },
};
