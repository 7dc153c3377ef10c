/**
 * Services, after `SetDefaults_Service`, the service registry (`pkg/registry/core/service`: the
 * ClusterIP and NodePort allocators run before validation, `patchAllocatedValues` carries
 * allocated values over on update, `dropTypeDependentFields` releases NodePorts when the type
 * no longer needs them) and `ValidateService(Update)`.
 *
 * ClusterIPs come from the range of the `kubernetes` ServiceCIDR (the apiserver's
 * `--service-cluster-ip-range`); dynamic allocation prefers the range above the static band
 * (the first min(max(16, size/16), 256) addresses), as `ipallocator` does. NodePorts come from
 * 30000-32767, dynamic ones above the first min(max(16, size/32), 128) ports (`portallocator`).
 */
import type { KubeObject } from '../../objects';
import type { Random } from '../../sim/random';
import type { Store } from '../../store/store';
import { registerRules, type AdmissionContext } from '../admission';
import { duplicate, forbiddenField, invalid, invalidError, notSupported, required, type FieldError } from '../fieldErrors';
import { child, index } from '../validation/common';
import { validatePortNumOrName } from '../validation/containers';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum } from '../validation/names';
import { validateLabels } from '../validation/objectMeta';

export const SERVICE_CIDR_RESOURCE = 'servicecidrs.networking.k8s.io';
/** The apiserver's default ServiceCIDR object, named like the default Service. */
export const DEFAULT_SERVICE_CIDR = 'kubernetes';
/** AKS's default `--service-cidr` when no ServiceCIDR object exists (tests without a cluster). */
export const FALLBACK_SERVICE_CIDR = '10.0.0.0/16';
/** The warning the apiserver attaches to every v1 Endpoints request since 1.33 (KEP-4974). */
export const ENDPOINTS_DEPRECATION_WARNING = 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  appProtocol?: string;
}

// ---- IPv4 helpers ----------------------------------------------------------------------------

export function parseIPv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p, i) => p > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function formatIPv4(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Cidr {
  base: number;
  bits: number;
}

export function parseCidr(s: string): Cidr | undefined {
  const [ip, bits] = s.split('/');
  const base = parseIPv4(ip);
  const b = Number(bits);
  if (base === undefined || !Number.isInteger(b) || b < 0 || b > 32) return undefined;
  return { base, bits: b };
}

function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.bits);
}

function inCidr(ip: number, c: Cidr): boolean {
  return ip >= c.base && ip < c.base + cidrSize(c);
}

/** The service range: the `kubernetes` ServiceCIDR's first CIDR. */
export function serviceCidr(store: Store): Cidr {
  const obj = store.get(SERVICE_CIDR_RESOURCE, undefined, DEFAULT_SERVICE_CIDR);
  const cidrs = (obj?.spec?.cidrs as string[] | undefined) ?? [];
  return parseCidr(cidrs[0] ?? FALLBACK_SERVICE_CIDR) ?? parseCidr(FALLBACK_SERVICE_CIDR)!;
}

/** The `kubernetes` Service's address (first usable) and the conventional DNS address (.10). */
export function wellKnownServiceIPs(cidr: string): { kubernetes: string; dns: string } {
  const c = parseCidr(cidr)!;
  return { kubernetes: formatIPv4(c.base + 1), dns: formatIPv4(c.base + 10) };
}

// ---- defaulting --------------------------------------------------------------------------------

const isHeadless = (svc: KubeObject) => svc.spec?.clusterIP === 'None';
const needsNodePorts = (type: string, svc: KubeObject) =>
  type === 'NodePort' || (type === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false);

/** SetDefaults_Service. */
function setDefaults(svc: KubeObject): void {
  const spec = (svc.spec ??= {});
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'ClientIP' && !spec.sessionAffinityConfig?.clientIP?.timeoutSeconds)
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of (spec.ports ?? []) as ServicePort[]) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.type !== 'ExternalName' && !spec.internalTrafficPolicy) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
}

/** LoadBalancerIPMode (GA 1.32): an ingress IP without ipMode is a VIP. */
function defaultIPMode(svc: KubeObject): void {
  for (const ing of (svc.status?.loadBalancer?.ingress ?? []) as { ip?: string; ipMode?: string }[]) if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
}

/** The single-stack IPv4 cluster's ipFamilies / ipFamilyPolicy (initIPFamilyFields). */
function setIPFamilies(svc: KubeObject): void {
  const spec = svc.spec;
  if (spec.type === 'ExternalName') return;
  if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = isHeadless(svc) && !spec.selector ? 'RequireDualStack' : 'SingleStack';
  if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
}

// ---- allocation --------------------------------------------------------------------------------

function usedServiceValues(store: Store, self: KubeObject): { ips: Set<number>; nodePorts: Set<number> } {
  const ips = new Set<number>();
  const nodePorts = new Set<number>();
  for (const s of store.list('services')) {
    if (s.metadata.namespace === self.metadata.namespace && s.metadata.name === self.metadata.name) continue;
    for (const ip of (s.spec?.clusterIPs as string[] | undefined) ?? []) {
      const n = parseIPv4(ip);
      if (n !== undefined) ips.add(n);
    }
    for (const p of (s.spec?.ports ?? []) as ServicePort[]) if (p.nodePort) nodePorts.add(p.nodePort);
    if (s.spec?.healthCheckNodePort) nodePorts.add(s.spec.healthCheckNodePort);
  }
  return { ips, nodePorts };
}

const offsetOf = (size: number, min: number, max: number, factor: number) => (size <= min ? 0 : Math.min(Math.max(min, Math.floor(size / factor)), max));

/** ipallocator's AllocateNext: random start in the dynamic band, then the static band. */
function nextIP(c: Cidr, used: Set<number>, random: Random): number | undefined {
  const first = c.base + 1;
  const size = Math.max(0, cidrSize(c) - 2);
  const offset = offsetOf(size, 16, 256, 16);
  const bands: [number, number][] = [
    [offset, size],
    [0, offset],
  ];
  for (const [lo, hi] of bands) {
    const n = hi - lo;
    if (n <= 0) continue;
    const start = random.int(n);
    for (let i = 0; i < n; i++) {
      const ip = first + lo + ((start + i) % n);
      if (!used.has(ip)) return ip;
    }
  }
  return undefined;
}

function nextNodePort(used: Set<number>, random: Random): number | undefined {
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const offset = offsetOf(size, 16, 128, 32);
  for (const [lo, hi] of [
    [offset, size],
    [0, offset],
  ]) {
    const n = hi - lo;
    const start = random.int(n);
    for (let i = 0; i < n; i++) {
      const port = NODE_PORT_MIN + lo + ((start + i) % n);
      if (!used.has(port)) return port;
    }
  }
  return undefined;
}

function fail(svc: KubeObject, errors: FieldError[]): never {
  throw invalidError('Service', '', svc.metadata.name, errors);
}

/** The REST create/update allocation (allocClusterIPs, initNodePorts / updateNodePorts). */
function allocate(svc: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): void {
  const spec = svc.spec;
  const type = spec.type as string;
  const used = usedServiceValues(ctx.store, svc);
  // ClusterIPs: ExternalName has none; headless keeps None; an explicit one must be free and in range.
  if (type === 'ExternalName') {
    if (!old) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
  } else if (isHeadless(svc)) {
    spec.clusterIPs = ['None'];
  } else if (!old || !old.spec?.clusterIP || old.spec.clusterIP === 'None' || old.spec.type === 'ExternalName') {
    const range = serviceCidr(ctx.store);
    if (spec.clusterIP) {
      const ip = parseIPv4(spec.clusterIP);
      if (ip !== undefined) {
        if (!inCidr(ip, range) || ip === range.base || ip === range.base + cidrSize(range) - 1)
          fail(svc, [invalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${formatIPv4(range.base)}/${range.bits}`)]);
        if (used.ips.has(ip)) fail(svc, [invalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`)]);
        spec.clusterIPs = [spec.clusterIP];
      }
    } else {
      const ip = nextIP(range, used.ips, ctx.random);
      if (ip === undefined) fail(svc, [invalid('spec.clusterIPs', null, 'failed to allocate a serviceIP: range is full')]);
      spec.clusterIP = formatIPv4(ip);
      spec.clusterIPs = [spec.clusterIP];
    }
  }
  // NodePorts.
  const ports = (spec.ports ?? []) as ServicePort[];
  if (!needsNodePorts(type, svc)) return;
  const taken = new Set(used.nodePorts);
  const errs: FieldError[] = [];
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    // A port kept from the old object stays allocated to this Service.
    const own = old?.spec?.ports?.some((o: ServicePort) => o.nodePort === p.nodePort);
    if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
      errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
    else if (taken.has(p.nodePort) && !own) errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'));
    taken.add(p.nodePort);
  });
  if (errs.length) fail(svc, errs);
  // Ports sharing a port number (TCP and UDP on 53) share the node port too.
  const byNumber = new Map<number, number>();
  for (const p of ports) if (p.nodePort) byNumber.set(p.port, p.nodePort);
  for (const p of ports) {
    if (p.nodePort) continue;
    const shared = byNumber.get(p.port);
    const np = shared ?? nextNodePort(taken, ctx.random);
    if (np === undefined) fail(svc, [invalid('spec.ports', null, 'failed to allocate a nodePort: range is full')]);
    p.nodePort = np;
    taken.add(np);
    byNumber.set(p.port, np);
  }
}

/** patchAllocatedValues and dropTypeDependentFields: what an update leaves out is carried over. */
function carryOver(svc: KubeObject, old: KubeObject): void {
  const spec = svc.spec;
  const oldSpec = old.spec ?? {};
  const type = spec.type;
  if (type !== 'ExternalName' && oldSpec.type !== 'ExternalName') {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if (!spec.clusterIPs?.length && oldSpec.clusterIPs) spec.clusterIPs = [...oldSpec.clusterIPs];
    else if (spec.clusterIP && spec.clusterIPs?.[0] === oldSpec.clusterIPs?.[0] && spec.clusterIP !== oldSpec.clusterIP) spec.clusterIPs = [spec.clusterIP];
    if (!spec.ipFamilies && oldSpec.ipFamilies) spec.ipFamilies = [...oldSpec.ipFamilies];
    if (!spec.ipFamilyPolicy && oldSpec.ipFamilyPolicy) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
  }
  const oldPorts = (oldSpec.ports ?? []) as ServicePort[];
  if (needsNodePorts(type, svc) && needsNodePorts(oldSpec.type, old)) {
    for (const p of (spec.ports ?? []) as ServicePort[]) {
      if (p.nodePort) continue;
      const match = oldPorts.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === p.protocol) ?? oldPorts.find((o) => o.name !== undefined && o.name === p.name);
      if (match?.nodePort) p.nodePort = match.nodePort;
    }
  } else if (!needsNodePorts(type, svc) && needsNodePorts(oldSpec.type, old)) {
    // Leaving NodePort/LoadBalancer: node ports the user did not change are released.
    for (const p of (spec.ports ?? []) as ServicePort[]) {
      if (p.nodePort && oldPorts.some((o) => o.nodePort === p.nodePort)) delete p.nodePort;
    }
    if (type !== 'LoadBalancer' && spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy && type !== 'NodePort') delete spec.externalTrafficPolicy;
  }
  if (type !== 'LoadBalancer' && oldSpec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
}

// ---- validation --------------------------------------------------------------------------------

function validateService(svc: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const type = spec.type as string;
  const ports = (spec.ports ?? []) as ServicePort[];
  if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ExternalName') {
    if (spec.clusterIP) errs.push(forbiddenField('spec.clusterIP', 'may not be set for ExternalName services'));
    if (!spec.externalName) errs.push(required('spec.externalName', ''));
    else for (const m of isDNS1123Subdomain(spec.externalName)) errs.push(invalid('spec.externalName', spec.externalName, m));
  } else if (ports.length === 0 && !isHeadless(svc)) {
    errs.push(required('spec.ports', ''));
  }
  if (spec.clusterIP && spec.clusterIP !== 'None' && parseIPv4(spec.clusterIP) === undefined)
    errs.push(invalid('spec.clusterIPs[0]', spec.clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const path = index('spec.ports', i);
    if (ports.length > 1 && !p.name) errs.push(required(child(path, 'name'), ''));
    if (p.name) {
      for (const m of isDNS1123Label(p.name)) errs.push(invalid(child(path, 'name'), p.name, m));
      if (names.has(p.name)) errs.push(duplicate(child(path, 'name'), p.name));
      names.add(p.name);
    }
    for (const m of isValidPortNum(p.port)) errs.push(invalid(child(path, 'port'), p.port, m));
    if (!p.protocol) errs.push(required(child(path, 'protocol'), ''));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(child(path, 'protocol'), p.protocol, PROTOCOLS));
    if (p.targetPort !== undefined) errs.push(...validatePortNumOrName(p.targetPort, child(path, 'targetPort')));
    if (type === 'ClusterIP' && p.nodePort) errs.push(forbiddenField(child(path, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    if (type === 'ExternalName' && p.nodePort) errs.push(forbiddenField(child(path, 'nodePort'), "may not be used when `type` is 'ExternalName'"));
    const k = `${p.protocol}/${p.port}`;
    if (seen.has(k)) errs.push(duplicate(path, { Protocol: p.protocol, Port: p.port }));
    seen.add(k);
  });
  if (spec.sessionAffinity && !AFFINITIES.includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES));
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (spec.externalTrafficPolicy) {
    if (type !== 'NodePort' && type !== 'LoadBalancer')
      errs.push(invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
    else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (spec.internalTrafficPolicy && !TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)) errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  if (spec.ipFamilyPolicy && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer')
    errs.push(forbiddenField('spec.allocateLoadBalancerNodePorts', 'may only be used when `type` is \'LoadBalancer\''));
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: the primary ClusterIP may not change (except to/from ExternalName). */
function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName' && !(isHeadless(svc) && isHeadless(old))) {
    const now = (spec.clusterIPs ?? []) as string[];
    const before = (oldSpec.clusterIPs ?? []) as string[];
    for (let i = 0; i < Math.min(now.length, before.length); i++)
      if (now[i] !== before[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, now, 'may not change once set'));
  }
  return [...errs, ...validateService(svc)];
}

registerRules('services', {
  prepareForCreate(svc) {
    svc.status = { loadBalancer: {} };
  },
  mutate(svc, old, ctx) {
    if (ctx.subresource === 'status') return defaultIPMode(svc);
    setDefaults(svc);
    if (old) carryOver(svc, old);
    // The allocators refuse before validation runs, as the REST storage's BeginCreate/BeginUpdate.
    if (SERVICE_TYPES.includes(svc.spec.type)) allocate(svc, old, ctx);
    setIPFamilies(svc);
  },
  validate: validateService,
  validateUpdate: (svc, old, ctx) => (ctx.subresource === 'status' ? [] : validateServiceUpdate(svc, old)),
});
