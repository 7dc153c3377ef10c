/**
 * `kubectl expose`: a Service for a pod, service, replica set or deployment (kubectl 1.34's
 * `pkg/cmd/expose`): the selector, ports and protocols come from the object unless flags give
 * them (`MapBasedSelectorForObject`, `PortsForObject`, `ProtocolsForObject`), the labels are the
 * object's, and several ports are named `port-1`, `port-2`, ….
 */
import type { KubeObject } from '../../../engine/objects';
import { selectObjects } from '../builder';
import { UsageError, type CommandEnv, type KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import { objectsFromFiles } from '../manifestFiles';
import type { Found } from '../builder';
import type { Flags } from '../flags';
import { outputFormat, printObjects } from '../printers/output';
import { dryRunSuffix } from './cordon';

const NO_ARGS = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** canBeExposed: GroupKind strings as Go prints them (`DaemonSet.apps`, `ConfigMap`). */
const EXPOSABLE = new Set(['pods', 'services', 'replicationcontrollers', 'deployments.apps', 'replicasets.apps']);

const makeLabels = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(',');

/** parseLabels: `a=b,c=d`; anything else is the real error. */
function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2 || kv[0] === '') throw new Error(`invalid label spec: ${pair}`);
    out[kv[0]] = kv[1];
  }
  return out;
}

function podSpecOf(obj: KubeObject): { containers?: { ports?: { containerPort: number; protocol?: string }[] }[] } | undefined {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

/** MapBasedSelectorForObject. */
function selectorFor(obj: KubeObject): string {
  switch (obj.kind) {
    case 'Pod':
      if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) throw new Error('the pod has no labels and cannot be exposed');
      return makeLabels(obj.metadata.labels);
    case 'Service':
      if (!obj.spec?.selector) throw new Error('the service has no pod selector set');
      return makeLabels(obj.spec.selector);
    case 'ReplicationController':
      return makeLabels(obj.spec?.selector ?? {});
    default: {
      const sel = obj.spec?.selector ?? {};
      if (sel.matchExpressions?.length) {
        const exprs = sel.matchExpressions.map((e: { key: string; operator: string; values?: string[] }) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`);
        throw new Error(`couldn't convert expressions - "[${exprs.join(' ')}]" to map-based selector format`);
      }
      return makeLabels(sel.matchLabels ?? {});
    }
  }
}

/** PortsForObject: every container port, or a Service's ports. */
function portsFor(obj: KubeObject): string[] {
  if (obj.kind === 'Service') return (obj.spec?.ports ?? []).map((p: { port: number }) => String(p.port));
  return (podSpecOf(obj)?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => String(p.containerPort)));
}

/** ProtocolsForObject: port -> protocols. */
function protocolsFor(obj: KubeObject): Map<string, string[]> {
  const m = new Map<string, string[]>();
  const add = (port: number, proto: string | undefined) => m.set(String(port), [...(m.get(String(port)) ?? []), proto ?? 'TCP']);
  if (obj.kind === 'Service') for (const p of obj.spec?.ports ?? []) add(p.port, p.protocol);
  else for (const c of podSpecOf(obj)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  return m;
}

export interface ExposeInput {
  name: string;
  selector: string;
  labels: string;
  port: string;
  ports: string;
  protocol: string;
  protocols: Map<string, string[]>;
  targetPort: string;
  type: string;
  externalIP: string;
  loadBalancerIP: string;
  sessionAffinity: string;
  clusterIP: string;
}

/** createService, field for field. */
export function exposeService(o: ExposeInput): KubeObject {
  if (!o.selector) throw new Error('selector must be specified');
  const selector = parseLabels(o.selector);
  const labels = o.labels ? parseLabels(o.labels) : undefined;
  const portString = o.ports || o.port;
  const ports: Record<string, unknown>[] = [];
  if (portString) {
    const list = portString.split(',');
    list.forEach((s, i) => {
      const port = Number(s);
      if (!/^[-+]?\d+$/.test(s.trim())) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
      const name = list.length > 1 ? `port-${i + 1}` : '';
      let protocol = o.protocol;
      if (!protocol && o.protocols.size === 0) protocol = 'TCP';
      else if (!protocol) {
        protocol = 'TCP';
        const found = o.protocols.get(s);
        if (found && found.length > 1) {
          for (const p of found) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, port, protocol: p });
          return;
        }
        if (found) protocol = found[0];
      }
      ports.push({ ...(name ? { name } : {}), port, protocol });
    });
  }
  for (const p of ports) {
    if (o.targetPort) p.targetPort = /^[-+]?\d+$/.test(o.targetPort) ? Number(o.targetPort) : o.targetPort;
    else p.targetPort = p.port;
  }
  const spec: Record<string, unknown> = { ports, selector };
  if (o.externalIP) spec.externalIPs = [o.externalIP];
  if (o.type) spec.type = o.type;
  if (o.type === 'LoadBalancer' && o.loadBalancerIP) spec.loadBalancerIP = o.loadBalancerIP;
  if (o.sessionAffinity) {
    if (o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP') throw new Error(`unknown session affinity: ${o.sessionAffinity}`);
    spec.sessionAffinity = o.sessionAffinity;
  }
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  const metadata: KubeObject['metadata'] = { name: o.name };
  if (labels) metadata.labels = labels;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
}

/** Prints the outcome of a generating command: the object for -o, else `service/web <verb>`. */
export function printGenerated(env: CommandEnv, flags: Flags, obj: KubeObject, verb: string): void {
  const o = flags.string('output');
  if (o && o !== 'name') {
    env.out(printObjects([obj], true, { format: outputFormat(o), noHeaders: false, showLabels: false, labelColumns: [], showKind: false, withNamespace: false, sortBy: '', now: env.now(), readFile: (p) => env.host.fs.read(p) }));
  } else env.out(o === 'name' ? `service/${obj.metadata.name}\n` : `service/${obj.metadata.name} ${verb}${dryRunSuffix(flags.string('dry-run'))}\n`);
}

/** One object of RunExpose's visit: the Service it makes, created (or printed for a client dry run). */
function exposeOne(env: CommandEnv, flags: Flags, f: Found, dryRun: string): void {
  if (!EXPOSABLE.has(f.resource)) throw new Error(`cannot expose a ${f.type.group ? `${f.type.kind}.${f.type.group}` : f.type.kind}`);
  let selector = flags.string('selector');
  if (!selector) {
    try {
      selector = selectorFor(f.object);
    } catch (e) {
      throw new Error(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  const clusterIP = flags.string('cluster-ip');
  let port = flags.string('port');
  let ports = '';
  if (!port) {
    const found = portsFor(f.object);
    if (found.length === 0 && clusterIP !== 'None') throw new Error("couldn't find port via --port flag or introspection");
    if (found.length === 1) port = found[0];
    else ports = found.join(',');
  }
  const svc = exposeService({
    name: flags.string('name') || f.object.metadata.name.slice(0, 63),
    selector,
    labels: flags.string('labels') || makeLabels(f.object.metadata.labels ?? {}),
    port,
    ports,
    protocol: flags.string('protocol'),
    protocols: protocolsFor(f.object),
    targetPort: flags.string('target-port'),
    type: flags.string('type'),
    externalIP: flags.string('external-ip'),
    loadBalancerIP: flags.string('load-balancer-ip'),
    sessionAffinity: flags.string('session-affinity'),
    clusterIP,
  });
  if (dryRun === 'client' || dryRun === 'unchanged') return printGenerated(env, flags, svc, 'exposed');
  const created = env.api.create('services', { ...svc, metadata: { ...svc.metadata, namespace: env.namespace } }, { dryRun: dryRun === 'server', fieldManager: 'kubectl-expose' });
  printGenerated(env, flags, created, 'exposed');
}

export const expose: KubectlCommand = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    { name: 'protocol', type: 'string', usage: "The network protocol for the service to be created. Default is 'TCP'." },
    { name: 'port', type: 'string', usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
    { name: 'type', type: 'string', usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
    { name: 'load-balancer-ip', type: 'string', usage: 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).' },
    { name: 'selector', type: 'string', usage: 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)' },
    { name: 'labels', short: 'l', type: 'string', usage: 'Labels to apply to the service created by this call.' },
    { name: 'target-port', type: 'string', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
    { name: 'external-ip', type: 'string', usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service.' },
    { name: 'name', type: 'string', usage: 'The name for the newly created object.' },
    { name: 'session-affinity', type: 'string', usage: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
    { name: 'cluster-ip', type: 'string', usage: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files identifying the resource to expose a service' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format.' },
  ],
  *run(flags, env) {
    const dryRun = flags.string('dry-run');
    dryRunSuffix(dryRun);
    const files = flags.strings('filename');
    if (flags.args.length === 0 && files.length === 0) throw new UsageError(NO_ARGS);
    // With -f the objects are the files' own (the builder does not fetch them from the server).
    const sel = files.length ? { ...objectsFromFiles(env, files, false, false), typesWithoutNames: [] } : selectObjects(env, flags.args, {});
    if (sel.typesWithoutNames.length) throw new UsageError(NO_ARGS);
    // The builder continues on errors: every object is tried, the errors are printed at the end.
    const errors: unknown[] = [...sel.errors];
    for (const f of sel.found) {
      try {
        exposeOne(env, flags, f, dryRun);
      } catch (e) {
        if (!(e instanceof Error)) throw e;
        errors.push(e);
      }
    }
    for (const e of errors) env.err(kubectlErrorText(e) + '\n');
    return errors.length ? 1 : 0;
  },
};
