/**
 * `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME` (create_service.go):
 * `--tcp=port[:targetPort]` ports named after their spec (`80:8080` -> `80-8080`), label and
 * selector `app=NAME`.
 */
import type { KubeObject } from '../../../engine/objects';
import type { KubectlCommand } from '../command';
import type { Flags } from '../flags';
import { createGenerated } from './create';

const DRY_RUN = { name: 'dry-run', type: 'string' as const, default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' };
const OUTPUT = { name: 'output', short: 'o', type: 'string' as const, usage: 'Output format.' };
const TCP = { name: 'tcp', type: 'stringArray' as const, usage: 'Port pairs can be specified as \'<port>:<targetPort>\'.' };

const isDNS1123Subdomain = (s: string) => s.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(s);

/** parsePorts: `port[:targetPort]`, the target a number or a name. */
function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const [p, t] = spec.split(':', 2);
  if (!/^[-+]?\d+$/.test(p)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
  const port = Number(p);
  if (t === undefined) return { port, targetPort: port };
  return { port, targetPort: /^[-+]?\d+$/.test(t) ? Number(t) : t };
}

export function serviceObject(o: { name: string; type: string; tcp: string[]; clusterIP?: string; nodePort?: number; externalName?: string; namespace?: string }): KubeObject {
  const ports = o.tcp.map((s) => {
    const { port, targetPort } = parsePorts(s);
    const p: Record<string, unknown> = { name: s.replaceAll(':', '-'), port, protocol: 'TCP', targetPort };
    if (o.nodePort) p.nodePort = o.nodePort;
    return p;
  });
  const metadata: KubeObject['metadata'] = { labels: { app: o.name }, name: o.name };
  if (o.namespace) metadata.namespace = o.namespace;
  const spec: Record<string, unknown> = { selector: { app: o.name }, type: o.type };
  if (ports.length) spec.ports = ports;
  if (o.externalName) spec.externalName = o.externalName;
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
}

function subcommand(name: string, type: string, short: string, extra: KubectlCommand['flags']): KubectlCommand {
  return {
    name,
    short,
    flags: [...extra, DRY_RUN, OUTPUT],
    *run(flags: Flags, env) {
      if (flags.args.length !== 1) throw new Error(`exactly one NAME is required, got ${flags.args.length}`);
      const tcp = type === 'ExternalName' ? [] : flags.strings('tcp').flatMap((s) => s.split(','));
      const clusterIP = type === 'ClusterIP' ? flags.string('clusterip') : undefined;
      if (clusterIP === 'None' && type !== 'ClusterIP') throw new Error('ClusterIP=None can only be used with ClusterIP service type');
      if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') throw new Error('at least one tcp port specifier must be provided');
      const externalName = type === 'ExternalName' ? flags.string('external-name') : undefined;
      if (type === 'ExternalName' && !isDNS1123Subdomain(externalName ?? '')) throw new Error(`invalid service external name ${externalName}`);
      const obj = serviceObject({
        name: flags.args[0],
        type,
        tcp,
        clusterIP,
        nodePort: type === 'NodePort' ? flags.int('node-port') : undefined,
        externalName,
        namespace: env.namespaceExplicit ? env.namespace : undefined,
      });
      return createGenerated(env, flags, 'services', obj, 'service', `${type} service`);
    },
  };
}

export const createService: KubectlCommand = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  flags: [],
  subcommands: [
    subcommand('clusterip', 'ClusterIP', 'Create a ClusterIP service', [TCP, { name: 'clusterip', type: 'string', usage: 'Assign your own ClusterIP or set to \'None\' for a \'headless\' service (no loadbalancing).' }]),
    subcommand('nodeport', 'NodePort', 'Create a NodePort service', [TCP, { name: 'node-port', type: 'int', default: 0, usage: 'Port used to expose the service on each node in a cluster.' }]),
    subcommand('loadbalancer', 'LoadBalancer', 'Create a LoadBalancer service', [TCP]),
    subcommand('externalname', 'ExternalName', 'Create an ExternalName service', [TCP, { name: 'external-name', type: 'string', usage: 'External name of service' }]),
  ],
  *run(flags) {
    if (flags.args.length > 0) throw new Error(`unknown command "${flags.args[0]}" for "kubectl create service"`);
    throw new Error('You must specify the type of service to create');
  },
};
