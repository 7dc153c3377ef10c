/** Networking tables (printers.go): services and endpoints. */
import type { Endpoints, LoadBalancerStatus, Service } from 'kubernetes-types/core/v1';
import { AGE_COLUMN, NAME_COLUMN, age, col, formatLabels } from './format';
import type { TablePrinter } from './types';

const LOAD_BALANCER_WIDTH = 16;

/** loadBalancerStatusStringer: unique sorted IPs/hostnames, clipped to 16 bytes unless wide. */
function loadBalancerIngress(lb: LoadBalancerStatus | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of lb?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  const r = [...set].sort().join(',');
  return !wide && r.length > LOAD_BALANCER_WIDTH ? `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : r;
}

/** getServiceExternalIP. The apiserver prints tables as for -o wide, so LB addresses are not clipped. */
export function serviceExternalIP(svc: Service, wide = true): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(svc.status?.loadBalancer, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString: `80/TCP`, `80:31234/TCP`, comma-joined. */
export function servicePorts(svc: Service): string {
  const ports = (svc.spec?.ports ?? []).map((p) => {
    const proto = p.protocol ?? 'TCP';
    return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
  });
  return ports.join(',') || '<none>';
}

export const servicePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Type'),
    col('Cluster-IP'),
    col('External-IP'),
    col('Port(s)'),
    AGE_COLUMN,
    col('Selector', { priority: 1 }),
  ],
  row: (svc: Service, now) => [
    svc.metadata?.name ?? '',
    svc.spec?.type ?? '',
    svc.spec?.clusterIPs?.[0] ?? '<none>',
    serviceExternalIP(svc),
    servicePorts(svc),
    age(svc.metadata?.creationTimestamp, now),
    formatLabels(svc.spec?.selector),
  ],
};

/** formatEndpoints: `ip:port` for every port × address, first 3 then ` + N more...`; no subsets -> `<none>`. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    const hostPorts = ports.length === 0 ? [undefined] : ports.map((p) => p.port);
    for (const port of hostPorts) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === 3) break;
        const host = a.ip.includes(':') ? `[${a.ip}]` : a.ip;
        list.push(port === undefined ? a.ip : `${host}:${port}`);
      }
    }
  }
  const ret = list.join(',');
  return count > 3 ? `${ret} + ${count - 3} more...` : ret;
}

export const endpointsPrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Endpoints'), AGE_COLUMN],
  row: (ep: Endpoints, now) => [ep.metadata?.name ?? '', formatEndpoints(ep), age(ep.metadata?.creationTimestamp, now)],
};

/** listWithMoreString: the first `max` items, ` + N more...` past them, `<unset>` when empty. */
function listWithMore(list: string[], count: number, max: number): string {
  const ret = list.join(',');
  if (count > max) return `${ret} + ${count - max} more...`;
  return ret || '<unset>';
}

interface EndpointSliceLike {
  metadata?: { name?: string; creationTimestamp?: string };
  addressType?: string;
  ports?: { name?: string; port?: number }[] | null;
  endpoints?: { addresses?: string[] }[] | null;
}

/** formatDiscoveryPorts: port numbers (a name when the port is unset, else `*`). */
export function formatDiscoveryPorts(ports: EndpointSliceLike['ports']): string {
  const all = (ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*')));
  return listWithMore(all.slice(0, 3), all.length, 3);
}

/** formatDiscoveryEndpoints: the addresses of every endpoint. */
export function formatDiscoveryEndpoints(endpoints: EndpointSliceLike['endpoints']): string {
  const all = (endpoints ?? []).flatMap((e) => e.addresses ?? []);
  return listWithMore(all.slice(0, 3), all.length, 3);
}

export const endpointSlicePrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('AddressType'), col('Ports'), col('Endpoints'), AGE_COLUMN],
  row: (s: EndpointSliceLike, now) => [
    s.metadata?.name ?? '',
    s.addressType ?? '',
    formatDiscoveryPorts(s.ports),
    formatDiscoveryEndpoints(s.endpoints),
    age(s.metadata?.creationTimestamp, now),
  ],
};

export const serviceCIDRPrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('CIDRs'), AGE_COLUMN],
  row: (s: { metadata?: { name?: string; creationTimestamp?: string }; spec?: { cidrs?: string[] } }, now) => [
    s.metadata?.name ?? '',
    (s.spec?.cidrs ?? []).join(','),
    age(s.metadata?.creationTimestamp, now),
  ],
};
