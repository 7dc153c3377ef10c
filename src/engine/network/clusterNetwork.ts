/**
 * The cluster network as containers' tools see it: it answers their host calls (`dns.lookup`,
 * `net.connect`, `net.http`; protocol in kubelet/runtime/netTools.ts) from cluster state.
 *
 * - DNS (CoreDNS): `<svc>.<ns>.svc.cluster.local` is the ClusterIP (a headless Service: its ready
 *   pod IPs), `<a-b-c-d>.<ns>.pod.cluster.local` the pod address; names with fewer than 5 dots try
 *   the pod's search list `<ns>.svc.cluster.local svc.cluster.local cluster.local` first
 *   (`options ndots:5`). Anything else does not resolve.
 * - kube-proxy: a connection to a ClusterIP, a LoadBalancer ingress IP or a node IP on a NodePort
 *   goes to one ready endpoint of the Service (from its EndpointSlices, chosen with the
 *   simulation's seeded random) on the endpoint's port; no ready endpoint -> connection refused
 *   (kube-proxy's REJECT rule); a port the Service does not declare -> the packet is dropped and
 *   the client times out.
 * - A pod IP: refused unless a running container listens on the port (kubelet/serving.ts); an
 *   address nothing owns, or a pod on a dead node, times out.
 * - The pod's own network namespace: the resolver reads the kubelet's /etc/hosts before DNS, so
 *   `localhost` is 127.0.0.1 and the pod's hostname its own IP; 127.0.0.0/8 reaches whatever a
 *   container of the same pod listens on (containers of a pod share one network namespace), and
 *   a port nobody in the pod listens on is refused at once (the kernel answers with a RST).
 * - A node IP (not a NodePort): its hostNetwork pods' declared ports and the kubelet's 10250;
 *   any other port is refused by the node's kernel, and a node whose VM is down times out.
 * NetworkPolicy is not enforced (AKS's default `--network-policy none`).
 */
import type { KubeObject } from '../objects';
import type { Random } from '../sim/random';
import type { Store } from '../store/store';
import type { Serving } from '../kubelet/serving';
import { NGINX_INDEX } from '../kubelet/runtime/rootfs';
import { bootcampReply, versionOf } from '../kubelet/runtime/servers';

/** Linux gives up a TCP connect after its SYN retries: about 2 minutes 10 seconds. */
export const CONNECT_TIMEOUT_MS = 130_000;
const SLICES = 'endpointslices.discovery.k8s.io';
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface Caller {
  namespace: string;
  pod: string;
  container: string;
  node: string;
}

export interface NetworkDeps {
  store: Store;
  random: Random;
  /** What a connection to a pod's port finds (KubeletComponent.serving). */
  serving(namespace: string, pod: string, port: number, path?: string): Serving;
  /** Whether the node's VM is up (a stopped one answers nothing); absent = always up. */
  nodeUp?(node: string): boolean;
}

type Failure = { ok: false; error: 'refused' | 'unknown-host' | 'timeout'; address?: string; elapsedMs?: number };
type Open = Extract<Serving, { state: 'open' }> & { body?: string };
type Connected = { ok: true; address: string; port: number; serving: Open; /** The serving pod's hostname. */ hostname?: string };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const LOOPBACK = /^127\./;
/** The kubelet's port on every node (HTTPS only; a plain HTTP request gets Go's 400). */
const KUBELET_PORT = 10250;
const KUBELET_SERVING: Open = { state: 'open', image: '', status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' };

const NGINX_ERROR = (version: string, status: string) => `<html>
<head><title>${status}</title></head>
<body>
<center><h1>${status}</h1></center>
<hr><center>nginx/${version}</center>
</body>
</html>
`;

const NGINX_ROOT = '/usr/share/nginx/html';
const repoOf = (image: string) => image.split('@')[0].replace(/:[^/:]*$/, '');
const isNginx = (image: string) => /(^|\/)nginx(-unprivileged)?$/.test(repoOf(image));

/** The body a well-known server image answers with; empty for the rest. */
function httpBody(image: string, status: number, path: string, hostname = ''): string {
  const repo = repoOf(image);
  const tag = /:([^/:]+)$/.exec(image.split('@')[0])?.[1] ?? 'latest';
  if (/(^|\/)kubernetes-bootcamp$/.test(repo)) return bootcampReply(hostname, tag);
  if (isNginx(image)) {
    // The version the nginx server model reports in its logs (runtime/servers.ts).
    const version = versionOf(tag, '1.27.3', { '1.25': '1.25.5', '1.26': '1.26.2', '1.27': '1.27.3', '1': '1.27.3' });
    if (status === 404) return NGINX_ERROR(version, '404 Not Found');
    if (status === 403) return NGINX_ERROR(version, '403 Forbidden');
    return path === '/' || path === '/index.html' ? NGINX_INDEX : '';
  }
  if (/(^|\/)httpd$/.test(repo)) return status === 200 ? '<html><body><h1>It works!</h1></body></html>\n' : '';
  return '';
}

export class ClusterNetwork {
  constructor(private readonly deps: NetworkDeps) {}

  /** The kubelet's CallHandler. */
  answer(name: string, payload: unknown, from: Caller): unknown {
    const p = (payload ?? {}) as { name?: string; host?: string; port?: number; url?: string };
    switch (name) {
      case 'dns.lookup':
        return this.lookup(String(p.name ?? ''), from);
      case 'net.connect': {
        const r = this.connect(String(p.host ?? ''), Number(p.port), from);
        return r.ok ? { ok: true, address: r.address } : r;
      }
      case 'net.http':
        return this.http(String(p.url ?? ''), from);
      default:
        return undefined;
    }
  }

  /** The DNS service's address, as pods' resolv.conf names it. */
  dnsServer(): string {
    return this.deps.store.get('services', 'kube-system', 'kube-dns')?.spec?.clusterIP ?? '10.0.0.10';
  }

  lookup(name: string, from: Pick<Caller, 'namespace'>): { server: string; name: string; addresses: string[] } {
    const server = this.dnsServer();
    const absolute = name.endsWith('.');
    const bare = name.replace(/\.$/, '').toLowerCase();
    const search = [`${from.namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
    const dots = bare.split('.').length - 1;
    const candidates = absolute ? [bare] : dots >= 5 ? [bare, ...search.map((s) => `${bare}.${s}`)] : [...search.map((s) => `${bare}.${s}`), bare];
    for (const fqdn of candidates) {
      const addresses = this.resolveFqdn(fqdn);
      if (addresses.length) return { server, name: fqdn, addresses };
    }
    return { server, name, addresses: [] };
  }

  private resolveFqdn(fqdn: string): string[] {
    const svc = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(fqdn);
    if (svc) {
      const s = this.deps.store.get('services', svc[2], svc[1]);
      if (!s || s.spec?.type === 'ExternalName') return [];
      if (s.spec?.clusterIP === 'None') return this.readyEndpoints(s).map((e) => e.address).sort();
      return s.spec?.clusterIP ? [s.spec.clusterIP] : [];
    }
    const pod = /^(\d+)-(\d+)-(\d+)-(\d+)\.([a-z0-9-]+)\.pod\.cluster\.local$/.exec(fqdn);
    if (pod) return [pod.slice(1, 5).join('.')];
    return [];
  }

  /** Resolves and connects, through kube-proxy's rules when the address is a Service's. */
  connect(host: string, port: number, from: Caller, path?: string): Connected | Failure {
    let address = host;
    if (!IPV4.test(host)) {
      const local = this.hostsEntry(host, from);
      const r = local ? undefined : this.lookup(host, from);
      if (r && r.addresses.length === 0) return { ok: false, error: 'unknown-host' };
      address = local ?? r!.addresses[0];
    }
    if (LOOPBACK.test(address)) return this.loopback(address, port, from, path);
    const target = this.serviceTarget(address, port);
    if (target === 'drop') return { ok: false, error: 'timeout', address, elapsedMs: CONNECT_TIMEOUT_MS };
    if (target === 'reject') return { ok: false, error: 'refused', address };
    const ip = target ? target.address : address;
    const to = target ? target.port : port;
    const pod = this.podByIP(ip);
    if (!pod) {
      const node = this.nodeByIP(ip);
      return node ? this.atNode(node, address, to, path) : { ok: false, error: 'timeout', address, elapsedMs: CONNECT_TIMEOUT_MS };
    }
    return this.atPod(pod, address, to, path);
  }

  /** The kubelet-managed /etc/hosts of the caller's pod, which the resolver reads before DNS. */
  private hostsEntry(host: string, from: Caller): string | undefined {
    const name = host.replace(/\.$/, '').toLowerCase();
    if (name === 'localhost') return '127.0.0.1';
    const pod = this.deps.store.get('pods', from.namespace, from.pod);
    if (!pod?.status?.podIP || pod.spec?.hostNetwork) return undefined;
    const hostname = pod.spec?.hostname ?? pod.metadata.name;
    const fqdn = pod.spec?.subdomain ? `${hostname}.${pod.spec.subdomain}.${from.namespace}.svc.cluster.local` : undefined;
    return name === hostname || name === fqdn ? pod.status.podIP : undefined;
  }

  /** 127.0.0.0/8 stays in the caller's network namespace: its own pod, or its node's for hostNetwork. */
  private loopback(address: string, port: number, from: Caller, path?: string): Connected | Failure {
    const pod = this.deps.store.get('pods', from.namespace, from.pod);
    if (!pod) return { ok: false, error: 'refused', address };
    if (pod.spec?.hostNetwork) {
      const node = this.deps.store.get('nodes', '', pod.spec.nodeName ?? from.node);
      return node ? this.atNode(node, address, port, path) : { ok: false, error: 'refused', address };
    }
    const r = this.atPod(pod, address, port, path);
    return r.ok || r.error !== 'timeout' ? r : { ok: false, error: 'refused', address };
  }

  private atPod(pod: KubeObject, address: string, port: number, path?: string): Connected | Failure {
    const serving = this.deps.serving(pod.metadata.namespace!, pod.metadata.name, port, path);
    if (serving.state === 'down') return { ok: false, error: 'timeout', address, elapsedMs: CONNECT_TIMEOUT_MS };
    if (serving.state === 'refused') return { ok: false, error: 'refused', address };
    return { ok: true, address, port, serving, hostname: pod.spec?.hostname ?? pod.metadata.name };
  }

  /** A node's own address: its hostNetwork pods' declared ports, the kubelet, else refused. */
  private atNode(node: KubeObject, address: string, port: number, path?: string): Connected | Failure {
    if (this.deps.nodeUp && !this.deps.nodeUp(node.metadata.name)) return { ok: false, error: 'timeout', address, elapsedMs: CONNECT_TIMEOUT_MS };
    if (port === KUBELET_PORT) return { ok: true, address, port, serving: KUBELET_SERVING };
    for (const pod of this.deps.store.list('pods')) {
      if (!pod.spec?.hostNetwork || pod.spec.nodeName !== node.metadata.name) continue;
      const declared = (pod.spec.containers ?? []).some((c: { ports?: { containerPort: number }[] }) => (c.ports ?? []).some((p) => p.containerPort === port));
      if (!declared) continue;
      const r = this.atPod(pod, address, port, path);
      if (r.ok) return r;
    }
    return { ok: false, error: 'refused', address };
  }

  http(url: string, from: Caller): unknown {
    const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/[^?#]*)?/.exec(url);
    if (!m) return { ok: false, error: 'unknown-host' };
    const port = m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80;
    const path = m[4] ?? '/';
    const r = this.connect(m[2], port, from, path);
    if (!r.ok) return r;
    let status = r.serving.status ?? 200;
    let body = r.serving.body;
    if (status === 200 && isNginx(r.serving.image)) {
      // nginx's default server sends files from its root, /usr/share/nginx/html (index.html for a directory).
      const file = r.serving.readFile?.(NGINX_ROOT + (path.endsWith('/') ? path + 'index.html' : path));
      if (file !== undefined) body = file;
      // A directory without index.html: autoindex is off, so nginx forbids listing the root.
      else if (r.serving.readFile) status = path === '/' ? 403 : 404;
      else if (!['/', '/index.html', '/50x.html'].includes(path)) status = 404;
    }
    return { ok: true, status, body: body ?? httpBody(r.serving.image, status, path, r.hostname), address: r.address };
  }

  /**
   * kube-proxy's view of an address: undefined when it is no Service's; `drop` for a Service
   * address on an undeclared port; `reject` when the Service has no ready endpoint; else the
   * endpoint chosen.
   */
  private serviceTarget(address: string, port: number): { address: string; port: number } | 'drop' | 'reject' | undefined {
    const services = this.deps.store.list('services');
    let svc: KubeObject | undefined;
    let portName: string | undefined;
    const nodeIP = this.deps.store.list('nodes').some((n) => (n.status?.addresses ?? []).some((a: { address: string }) => a.address === address));
    for (const s of services) {
      const ports = (s.spec?.ports ?? []) as { name?: string; port: number; nodePort?: number; protocol?: string }[];
      const byService = (s.spec?.clusterIPs ?? []).includes(address) || (s.status?.loadBalancer?.ingress ?? []).some((i: { ip?: string }) => i.ip === address) || (s.spec?.externalIPs ?? []).includes(address);
      if (byService) {
        const sp = ports.find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
        if (!sp) return s.spec?.clusterIP === address || !nodeIP ? 'drop' : undefined;
        svc = s;
        portName = sp.name ?? '';
        break;
      }
      if (nodeIP) {
        const sp = ports.find((p) => p.nodePort === port && (p.protocol ?? 'TCP') === 'TCP');
        if (sp) {
          svc = s;
          portName = sp.name ?? '';
          break;
        }
      }
    }
    if (!svc) return undefined;
    const ready = this.readyEndpoints(svc, portName);
    if (ready.length === 0) return 'reject';
    const chosen = ready[this.deps.random.int(ready.length)];
    return { address: chosen.address, port: chosen.port };
  }

  /** Ready endpoints of a Service with the port of the named Service port. */
  private readyEndpoints(svc: KubeObject, portName?: string): { address: string; port: number }[] {
    const out: { address: string; port: number }[] = [];
    const slices = this.deps.store.list(SLICES, svc.metadata.namespace).filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name);
    for (const s of slices) {
      const ports = (s.ports ?? []) as { name?: string; port?: number }[];
      const endpoints = (s.endpoints ?? []) as { addresses: string[]; conditions?: { ready?: boolean } }[];
      const p = portName === undefined ? ports[0] : ports.find((x) => (x.name ?? '') === portName);
      if (portName !== undefined && !p) continue;
      for (const e of endpoints) {
        if (e.conditions?.ready === false) continue;
        out.push({ address: e.addresses[0], port: p?.port ?? 0 });
      }
    }
    return out;
  }

  private nodeByIP(ip: string): KubeObject | undefined {
    return this.deps.store.list('nodes').find((n) => (n.status?.addresses ?? []).some((a: { address: string }) => a.address === ip));
  }

  private podByIP(ip: string): KubeObject | undefined {
    return this.deps.store.list('pods').find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  }
}
