/**
 * What the kubelet gives a container besides its image: the environment (the container's `env`
 * and `envFrom` with `valueFrom` resolved, then the service links every pod gets) and the files
 * it mounts (/etc/hosts, /etc/hostname, /etc/resolv.conf, the service-account token).
 *
 * Cluster addresses follow the node's kubelet configuration: AKS nodes (providerID `azure://`)
 * use clusterDNS 10.0.0.10 and the service CIDR 10.0.0.0/16 (the `kubernetes` Service at
 * 10.0.0.1); other profiles kubeadm's 10.96.0.10 and 10.96.0.1. A `kubernetes` Service in the
 * store, when there is one, wins.
 */
import type { Container, EnvVar } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../objects';
import type { Store } from '../store/store';
import { parseTime } from '../util/time';
import type { NodeSpecInput } from './types';

export const CLUSTER_DOMAIN = 'cluster.local';

export function clusterAddresses(node: NodeSpecInput, store: Store): { dns: string; master: string } {
  const aks = node.providerID?.startsWith('azure://') ?? false;
  const svc = store.get('services', 'default', 'kubernetes');
  return { dns: aks ? '10.0.0.10' : '10.96.0.10', master: svc?.spec?.clusterIP || (aks ? '10.0.0.1' : '10.96.0.1') };
}

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** pkg/kubelet/envvars FromServices: `NAME_SERVICE_HOST`, `NAME_PORT_443_TCP_ADDR`… */
function serviceVars(svc: { name: string; ip: string; ports: { name?: string; port: number; protocol?: string }[] }): [string, string][] {
  const p = envName(svc.name);
  if (svc.ports.length === 0) return [];
  const out: [string, string][] = [[`${p}_SERVICE_HOST`, svc.ip], [`${p}_SERVICE_PORT`, String(svc.ports[0].port)]];
  for (const port of svc.ports) if (port.name) out.push([`${p}_SERVICE_PORT_${envName(port.name)}`, String(port.port)]);
  svc.ports.forEach((port, i) => {
    const proto = (port.protocol ?? 'TCP').toLowerCase();
    const url = `${proto}://${svc.ip}:${port.port}`;
    const q = `${p}_PORT_${port.port}_${proto.toUpperCase()}`;
    if (i === 0) out.push([`${p}_PORT`, url]);
    out.push([q, url], [`${q}_PROTO`, proto], [`${q}_PORT`, String(port.port)], [`${q}_ADDR`, svc.ip]);
  });
  return out;
}

/**
 * The service links: the master service always, and unless enableServiceLinks is false the
 * namespace's Services that existed when the container started (the kubelet sets env once).
 */
function serviceEnv(pod: KubeObject, store: Store, master: string, startedAt: number): [string, string][] {
  const out = serviceVars({ name: 'kubernetes', ip: master, ports: [{ name: 'https', port: 443 }] });
  if (pod.spec?.enableServiceLinks === false) return out;
  for (const s of store.list('services', pod.metadata.namespace)) {
    const ip = s.spec?.clusterIP;
    if (!ip || ip === 'None' || (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes')) continue;
    if ((parseTime(s.metadata.creationTimestamp ?? '') ?? 0) > startedAt) continue;
    out.push(...serviceVars({ name: s.metadata.name, ip, ports: s.spec?.ports ?? [] }));
  }
  return out;
}

export function base64Decode(s: string): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of s.replace(/[^A-Za-z0-9+/]/g, '')) {
    buf = (buf << 6) | A.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 0xff);
    }
  }
  return new TextDecoderLite(bytes).text();
}

/** UTF-8 bytes to a string, without TextDecoder (not in the engine's libs). */
class TextDecoderLite {
  constructor(private readonly bytes: number[]) {}
  text(): string {
    try {
      return decodeURIComponent(this.bytes.map((b) => '%' + b.toString(16).padStart(2, '0')).join(''));
    } catch {
      return String.fromCharCode(...this.bytes);
    }
  }
}

function fieldValue(pod: KubeObject, path: string, hostIP: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata[m[1] as 'labels'] ?? {})[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name;
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP': case 'status.podIPs': return pod.status?.podIP ?? '';
    case 'status.hostIP': case 'status.hostIPs': return hostIP;
    default: return '';
  }
}

function keyRef(store: Store, ns: string | undefined, kind: 'configmaps' | 'secrets', name: string, key: string): string {
  const obj = store.get(kind, ns, name);
  const v = (obj?.data as Record<string, string> | undefined)?.[key];
  return v === undefined ? '' : kind === 'secrets' ? base64Decode(v) : v;
}

/** `$(VAR)` references to variables defined before, as the kubelet expands them. */
function expand(value: string, env: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name: string | undefined) => (name === undefined ? '$' : env.get(name) ?? all));
}

/** The environment the kubelet sets for a container started at `startedAt`, in the order it hands it to the runtime. */
export function containerEnv(pod: KubeObject, spec: Container, store: Store, master: string, hostIP: string, startedAt: number): [string, string][] {
  const env = new Map<string, string>();
  const ns = pod.metadata.namespace;
  for (const from of spec.envFrom ?? []) {
    const kind = from.configMapRef ? 'configmaps' : 'secrets';
    const ref = from.configMapRef ?? from.secretRef;
    const obj = ref?.name ? store.get(kind, ns, ref.name) : undefined;
    for (const [k, v] of Object.entries((obj?.data ?? {}) as Record<string, string>)) env.set((from.prefix ?? '') + k, kind === 'secrets' ? base64Decode(v) : v);
  }
  for (const e of (spec.env ?? []) as EnvVar[]) {
    const f = e.valueFrom;
    let value = e.value !== undefined ? expand(e.value, env) : '';
    if (f?.fieldRef) value = fieldValue(pod, f.fieldRef.fieldPath, hostIP);
    else if (f?.configMapKeyRef) value = keyRef(store, ns, 'configmaps', f.configMapKeyRef.name ?? '', f.configMapKeyRef.key);
    else if (f?.secretKeyRef) value = keyRef(store, ns, 'secrets', f.secretKeyRef.name ?? '', f.secretKeyRef.key);
    env.set(e.name, value);
  }
  const out: [string, string][] = [...env];
  for (const [k, v] of serviceEnv(pod, store, master, startedAt)) if (!env.has(k)) out.push([k, v]);
  return out;
}

/** base64url without padding, as JWTs are written. */
function base64Url(text: string): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bytes = [...unescape(encodeURIComponent(text))].map((c) => c.charCodeAt(0));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [18, 12, 6, 0].map((s) => A[(n >> s) & 63]);
    out += chars.slice(0, bytes.length - i >= 3 ? 4 : bytes.length - i + 1).join('');
  }
  return out;
}

/** A bound service-account token as the kubelet projects it (one hour, refreshed; the signature is not real). */
function token(pod: KubeObject, issuedAt: number, node: string, sig: string): string {
  const iat = Math.floor(issuedAt / 1000);
  const sa = pod.spec?.serviceAccountName ?? 'default';
  const header = { alg: 'RS256', kid: sig.slice(0, 43) };
  const payload = {
    aud: ['https://kubernetes.default.svc.cluster.local'], exp: iat + 3607, iat, iss: 'https://kubernetes.default.svc.cluster.local',
    jti: `${sig.slice(0, 8)}-${sig.slice(8, 12)}-${sig.slice(12, 16)}-${sig.slice(16, 20)}-${sig.slice(20, 32)}`,
    'kubernetes.io': { namespace: pod.metadata.namespace, node: { name: node }, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: sa } },
    nbf: iat, sub: `system:serviceaccount:${pod.metadata.namespace}:${sa}`,
  };
  return `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}.${base64Url(sig.repeat(4)).slice(0, 342)}`;
}

export interface MountInput {
  pod: KubeObject;
  podIP: string;
  node: NodeSpecInput;
  dns: string;
  store: Store;
  /** When the pod's sandbox started (the token's issue time) and a stable hex string for its signature. */
  startedAt: number;
  sig: string;
}

/** The files the kubelet mounts into every container of the pod. */
export function kubeletMounts(m: MountInput): Record<string, string> {
  const { pod } = m;
  const hostname = pod.spec?.hostname ?? pod.metadata.name;
  const ns = pod.metadata.namespace ?? 'default';
  const fqdn = pod.spec?.subdomain ? `${hostname}.${pod.spec.subdomain}.${ns}.svc.${CLUSTER_DOMAIN}\t${hostname}` : hostname;
  const files: Record<string, string> = {
    '/etc/hostname': `${hostname}\n`,
    '/etc/hosts': `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${m.podIP}\t${fqdn}\n`,
  };
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec?.hostNetwork);
  if (clusterFirst) files['/etc/resolv.conf'] = `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${m.dns}\noptions ndots:5\n`;
  else if (policy !== 'None') files['/etc/resolv.conf'] = m.node.providerID?.startsWith('azure://') ? 'nameserver 168.63.129.16\n' : 'nameserver 8.8.8.8\n';
  const sa = m.store.get('serviceaccounts', ns, pod.spec?.serviceAccountName ?? 'default');
  if ((pod.spec?.automountServiceAccountToken ?? sa?.automountServiceAccountToken) !== false) {
    const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
    files[`${dir}/ca.crt`] = (m.store.get('configmaps', ns, 'kube-root-ca.crt')?.data as Record<string, string> | undefined)?.['ca.crt'] ?? '';
    files[`${dir}/namespace`] = ns;
    files[`${dir}/token`] = token(pod, m.startedAt, m.node.name, m.sig);
  }
  return files;
}
