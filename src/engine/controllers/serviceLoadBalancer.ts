/**
 * The cloud-controller-manager's service controller (`k8s.io/cloud-provider/controllers/service`)
 * with the Azure provider behind it, as AKS runs it. Only the aks profile installs it: without a
 * cloud provider (plain, like kind) a LoadBalancer Service's EXTERNAL-IP stays `<pending>`.
 *
 * - A LoadBalancer Service gets the `service.kubernetes.io/load-balancer-cleanup` finalizer and an
 *   `EnsuringLoadBalancer` Event at once; the Azure Standard LB and its public IP take a while
 *   (15-45 s of virtual time, fixed per Service), then `status.loadBalancer.ingress` gets the IP
 *   (`ipMode: VIP`) and an `EnsuredLoadBalancer` Event follows.
 * - `service.beta.kubernetes.io/azure-load-balancer-internal: "true"` takes a private address from
 *   the node subnet (10.224.0.0/16) instead of a public one.
 * - Deleting the Service, or changing its type away from LoadBalancer, removes the load balancer:
 *   `DeletingLoadBalancer` / `DeletedLoadBalancer`, the status cleared and the finalizer dropped.
 *
 * What it remembers is in the store: when provisioning started is the last `EnsuringLoadBalancer`
 * Event of the Service, and the delay is derived from the Service's uid.
 */
import type { KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import { parseTime } from '../util/time';
import type { Change, Controller } from './manager';

export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
export const AZURE_INTERNAL_LB = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const MIN_DELAY_MS = 15_000;
const SPREAD_MS = 30_000;

/** A stable 32-bit hash (FNV-1a) of a string. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** How long Azure takes to provision this Service's load balancer. */
export function provisioningDelayMs(uid: string): number {
  return MIN_DELAY_MS + (hash(uid) % (SPREAD_MS / 1000)) * 1000;
}

/** Public IPv4 prefixes Azure allocates from (a look, not a claim about any real address). */
const AZURE_PREFIXES = [[20, 62], [20, 81], [20, 85], [4, 156], [52, 149], [172, 191], [40, 88], [135, 232]];

function publicIP(uid: string, used: Set<string>): string {
  for (let i = 0; ; i++) {
    const h = hash(`${uid}/${i}`);
    const [a, b] = AZURE_PREFIXES[h % AZURE_PREFIXES.length];
    const ip = `${a}.${b}.${(h >>> 8) & 255}.${1 + ((h >>> 16) % 254)}`;
    if (!used.has(ip)) return ip;
  }
}

function internalIP(uid: string, used: Set<string>): string {
  for (let i = 0; ; i++) {
    const ip = `10.224.0.${100 + (hash(`${uid}/${i}`) % 150)}`;
    if (!used.has(ip)) return ip;
  }
}

const isLoadBalancer = (svc: KubeObject) => svc.spec?.type === 'LoadBalancer' && !svc.spec?.loadBalancerClass;
const hasFinalizer = (svc: KubeObject) => (svc.metadata.finalizers ?? []).includes(LB_CLEANUP_FINALIZER);

export class ServiceLoadBalancerController implements Controller {
  readonly name = 'service-controller';

  readonly watches = {
    services: (svc: KubeObject) => [`${svc.metadata.namespace}/${svc.metadata.name}`],
  };

  reconcile(key: string, ctx: SimContext): Change[] {
    const [namespace, name] = key.split('/');
    const svc = ctx.store.get('services', namespace, name);
    if (!svc) return [];
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (svc.metadata.deletionTimestamp || !isLoadBalancer(svc)) {
      if (!hasFinalizer(svc) && ingress.length === 0) return [];
      const changes: Change[] = [{ op: 'event', object: svc, type: 'Normal', reason: 'DeletingLoadBalancer', message: 'Deleting load balancer' }];
      if (ingress.length) changes.push({ op: 'updateStatus', resource: 'services', object: { ...svc, status: { ...svc.status, loadBalancer: {} } } });
      if (hasFinalizer(svc)) {
        const finalizers = (svc.metadata.finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER);
        changes.push({ op: 'patch', resource: 'services', namespace, name, patchType: 'merge', patch: { metadata: { finalizers: finalizers.length ? finalizers : null } } });
      }
      changes.push({ op: 'event', object: svc, type: 'Normal', reason: 'DeletedLoadBalancer', message: 'Deleted load balancer' });
      return changes;
    }
    const changes: Change[] = [];
    if (!hasFinalizer(svc)) {
      changes.push({ op: 'patch', resource: 'services', namespace, name, patchType: 'merge', patch: { metadata: { finalizers: [...(svc.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER] } } });
    }
    if (ingress.length) return changes;
    const started = this.ensuringSince(svc, ctx);
    if (started === undefined) {
      changes.push({ op: 'event', object: svc, type: 'Normal', reason: 'EnsuringLoadBalancer', message: 'Ensuring load balancer' });
      changes.push({ op: 'requeueAfter', ms: provisioningDelayMs(svc.metadata.uid ?? '') });
      return changes;
    }
    const due = started + provisioningDelayMs(svc.metadata.uid ?? '');
    if (ctx.now() < due) {
      changes.push({ op: 'requeueAfter', ms: due - ctx.now() });
      return changes;
    }
    const used = new Set<string>();
    for (const s of ctx.store.list('services')) for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) used.add(i.ip);
    const internal = svc.metadata.annotations?.[AZURE_INTERNAL_LB] === 'true';
    const ip = internal ? internalIP(svc.metadata.uid ?? '', used) : publicIP(svc.metadata.uid ?? '', used);
    changes.push({ op: 'updateStatus', resource: 'services', object: { ...svc, status: { ...svc.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } } });
    changes.push({ op: 'event', object: svc, type: 'Normal', reason: 'EnsuredLoadBalancer', message: 'Ensured load balancer' });
    return changes;
  }

  /** When the current provisioning began: the last EnsuringLoadBalancer Event of this Service. */
  private ensuringSince(svc: KubeObject, ctx: SimContext): number | undefined {
    let latest: number | undefined;
    const events = ctx.store.list('events', svc.metadata.namespace) as (KubeObject & { involvedObject?: { uid?: string }; reason?: string; firstTimestamp?: string; lastTimestamp?: string })[];
    for (const e of events) {
      if (e.reason !== 'EnsuringLoadBalancer' || e.involvedObject?.uid !== svc.metadata.uid) continue;
      const t = parseTime(e.lastTimestamp ?? e.firstTimestamp ?? '');
      if (t !== null && (latest === undefined || t > latest)) latest = t;
    }
    // An Ensured event after it means a previous round finished (the IP was removed since).
    for (const e of events) {
      if (e.reason !== 'EnsuredLoadBalancer' || e.involvedObject?.uid !== svc.metadata.uid) continue;
      const t = parseTime(e.lastTimestamp ?? '');
      if (t !== null && latest !== undefined && t >= latest) return undefined;
    }
    return latest;
  }
}
