/**
 * The endpoints of selector Services: the EndpointSlice controller
 * (`pkg/controller/endpointslice`, discovery.k8s.io/v1) and the legacy Endpoints controller
 * (`pkg/controller/endpoint`, still run in 1.34), folded into one loop keyed by Service.
 *
 * - A pod counts when it matches the selector, has a pod IP and is not Succeeded/Failed.
 * - EndpointSlice endpoints: `ready` = pod Ready and not terminating (always true with
 *   publishNotReadyAddresses), `serving` = pod Ready, `terminating` = deletionTimestamp set; plus
 *   nodeName, the node's `topology.kubernetes.io/zone` and a targetRef to the pod. Ports are the
 *   Service ports with targetPort resolved per pod (a named targetPort looks up the container
 *   port; a pod without it gets no entry for that port), and pods resolving to different port
 *   lists go in different slices, at most 100 endpoints each. A Service whose selector matches
 *   nothing gets one placeholder slice with no endpoints and no ports.
 * - Slices are named `<service>-<5 random>`, labelled `kubernetes.io/service-name` and
 *   `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io` (plus the Service's
 *   own labels), and owned by the Service, so the garbage collector removes them with it.
 * - Endpoints: `<service>` with ready pods in `addresses`, not-ready ones in `notReadyAddresses`,
 *   terminating pods left out; no subsets when nothing matches. Deleted with the Service.
 *
 * Services without a selector, and ExternalName Services, get no managed endpoints.
 */
import type { KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import { deepEqual } from '../util/clone';
import { NO_KEYS, type Change, type Controller } from './manager';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const MAX_ENDPOINTS_PER_SLICE = 100;
const SLICES = 'endpointslices.discovery.k8s.io';

interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  appProtocol?: string;
}

interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

const keyOf = (ns: string | undefined, name: string) => `${ns ?? ''}/${name}`;

function selectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export function isPodReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

/** podutil.FindPort: a number is itself; a name is looked up among the containers' ports. */
export function findPort(pod: KubeObject, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}

function slicePorts(svc: KubeObject, pod: KubeObject): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of (svc.spec?.ports ?? []) as ServicePort[]) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

function owner(svc: KubeObject) {
  return { apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

function serviceLabels(svc: KubeObject): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  return labels;
}

function sortObject<T extends Record<string, string>>(m: T): T {
  const out = {} as Record<string, string>;
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out as T;
}

/** The time of the pod change an endpoints update reflects: its Ready transition, else its creation. */
function podTriggerTime(pod: KubeObject): string | undefined {
  const ready = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  return ready?.lastTransitionTime ?? pod.metadata.creationTimestamp;
}

/**
 * `endpoints.kubernetes.io/last-change-trigger-time` (TriggerTimeTracker): the earliest trigger
 * time among what changed since the last sync — the Service when it is new, pods that appear or
 * change readiness. Upstream keeps the last seen times in memory; here the current Endpoints
 * object stands for the last sync. Undefined when nothing changed (the annotation is removed).
 */
export function lastChangeTriggerTime(svc: KubeObject, pods: KubeObject[], current: KubeObject | undefined): string | undefined {
  const seen = new Map<string, boolean>();
  for (const ss of (current?.subsets ?? []) as { addresses?: { targetRef?: { uid?: string } }[]; notReadyAddresses?: { targetRef?: { uid?: string } }[] }[]) {
    for (const a of ss.addresses ?? []) if (a.targetRef?.uid) seen.set(a.targetRef.uid, true);
    for (const a of ss.notReadyAddresses ?? []) if (a.targetRef?.uid) seen.set(a.targetRef.uid, false);
  }
  const times: string[] = [];
  if (!current && svc.metadata.creationTimestamp) times.push(svc.metadata.creationTimestamp);
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp && !publishNotReady) continue;
    const ready = publishNotReady || isPodReady(pod);
    if (seen.get(pod.metadata.uid ?? '') === ready) continue;
    const t = podTriggerTime(pod);
    if (t) times.push(t);
  }
  // RFC 3339 UTC timestamps of one format sort as strings.
  return times.length ? times.sort()[0] : undefined;
}

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

type Meta = KubeObject['metadata'];

function withTrigger(meta: Meta, trigger: string | undefined): Meta {
  const annotations: Record<string, string> = { ...(meta.annotations ?? {}) };
  if (trigger) annotations[TRIGGER_TIME_ANNOTATION] = trigger;
  else delete annotations[TRIGGER_TIME_ANNOTATION];
  const out: Meta = { ...meta, annotations };
  if (Object.keys(annotations).length === 0) delete out.annotations;
  return out;
}

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';

  readonly watches = {
    services: (svc: KubeObject) => [keyOf(svc.metadata.namespace, svc.metadata.name)],
    pods: (pod: KubeObject, old: KubeObject | undefined) => this.servicesFor(pod, old),
    [SLICES]: (slice: KubeObject) => {
      const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL];
      return svc && slice.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY ? [keyOf(slice.metadata.namespace, svc)] : [];
    },
    // A changed or deleted Endpoints object of a selector Service is put back.
    endpoints: (ep: KubeObject) => (this.ctx?.store.get('services', ep.metadata.namespace, ep.metadata.name)?.spec?.selector ? [keyOf(ep.metadata.namespace, ep.metadata.name)] : []),
  };

  private ctx!: SimContext;

  setup(ctx: SimContext): void {
    this.ctx = ctx;
  }

  /** The Services whose selector matches the pod now or matched it before (label changes). */
  private servicesFor(pod: KubeObject, old: KubeObject | undefined): readonly string[] {
    if (!this.ctx) return NO_KEYS;
    // Built on the first match only: most pods match no Service.
    let keys: string[] | undefined;
    for (const svc of this.ctx.store.list('services', pod.metadata.namespace)) {
      const sel = svc.spec?.selector as Record<string, string> | undefined;
      if (selectorMatches(sel, pod.metadata.labels) || (old && selectorMatches(sel, old.metadata.labels))) (keys ??= []).push(keyOf(svc.metadata.namespace, svc.metadata.name));
    }
    return keys ?? NO_KEYS;
  }

  reconcile(key: string, ctx: SimContext): Change[] {
    const [namespace, name] = key.split('/');
    const svc = ctx.store.get('services', namespace, name);
    const changes: Change[] = [];
    const endpoints = ctx.store.get('endpoints', namespace, name);
    const managed = ctx.store.list(SLICES, namespace).filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
    const selector = svc?.spec?.selector as Record<string, string> | undefined;
    if (!svc || svc.metadata.deletionTimestamp || !selector || Object.keys(selector).length === 0 || svc.spec?.type === 'ExternalName') {
      // Nothing to manage: the Endpoints object goes with its Service (a selector-less Service's
      // Endpoints are the user's); slices are removed with their owner by the garbage collector,
      // or here when the Service lost its selector.
      if (!svc && endpoints) changes.push({ op: 'delete', resource: 'endpoints', namespace, name });
      if (svc) for (const s of managed) changes.push({ op: 'delete', resource: SLICES, namespace, name: s.metadata.name });
      return changes;
    }
    const pods = ctx.store
      .list('pods', namespace)
      .filter((p) => selectorMatches(selector, p.metadata.labels) && p.status?.podIP && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    const trigger = lastChangeTriggerTime(svc, pods, endpoints);
    changes.push(...this.reconcileSlices(svc, pods, managed, ctx, trigger));
    changes.push(...this.reconcileEndpoints(svc, pods, endpoints, trigger));
    return changes;
  }

  private reconcileSlices(svc: KubeObject, pods: KubeObject[], existing: KubeObject[], ctx: SimContext, trigger: string | undefined): Change[] {
    const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
    // Group endpoints by their resolved port list.
    const groups = new Map<string, { ports: SlicePort[]; endpoints: Record<string, unknown>[] }>();
    for (const pod of pods) {
      const ports = slicePorts(svc, pod);
      const k = JSON.stringify(ports);
      if (!groups.has(k)) groups.set(k, { ports, endpoints: [] });
      const terminating = !!pod.metadata.deletionTimestamp;
      const ready = isPodReady(pod);
      const ep: Record<string, unknown> = {
        addresses: [pod.status.podIP],
        conditions: { ready: publishNotReady || (ready && !terminating), serving: ready, terminating },
      };
      if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
      ep.targetRef = { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
      const zone = pod.spec?.nodeName ? ctx.store.get('nodes', undefined, pod.spec.nodeName)?.metadata.labels?.['topology.kubernetes.io/zone'] : undefined;
      if (zone !== undefined) ep.zone = zone;
      groups.get(k)!.endpoints.push(ep);
    }
    // The desired slices: chunks of at most 100 endpoints per port list; a placeholder when empty.
    const desired: { ports: SlicePort[] | null; endpoints: Record<string, unknown>[] | null }[] = [];
    for (const g of groups.values()) {
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) desired.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
    if (desired.length === 0) desired.push({ ports: null, endpoints: null });
    const labels = sortObject({ ...serviceLabels(svc), [SERVICE_NAME_LABEL]: svc.metadata.name, [MANAGED_BY_LABEL]: MANAGED_BY });
    const changes: Change[] = [];
    // Reuse existing slices in order (preferring one with the same ports), create the rest.
    const pool = [...existing].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    for (const d of desired) {
      let i = pool.findIndex((s) => deepEqual(s.ports ?? null, d.ports));
      if (i < 0) i = pool.length ? 0 : -1;
      const body = { addressType: 'IPv4', endpoints: d.endpoints, ports: d.ports };
      if (i >= 0) {
        const s = pool.splice(i, 1)[0];
        const owners = [owner(svc)];
        if (s.addressType === 'IPv4' && deepEqual(s.endpoints ?? null, d.endpoints) && deepEqual(s.ports ?? null, d.ports) && deepEqual(s.metadata.labels, labels) && deepEqual(s.metadata.ownerReferences, owners)) continue;
        changes.push({ op: 'update', resource: SLICES, object: { ...s, metadata: withTrigger({ ...s.metadata, labels, ownerReferences: owners }, trigger), ...body } });
      } else {
        changes.push({
          op: 'create',
          resource: SLICES,
          object: {
            apiVersion: 'discovery.k8s.io/v1',
            kind: 'EndpointSlice',
            metadata: withTrigger({ name: '', generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace, labels, ownerReferences: [owner(svc)] }, trigger),
            ...body,
          },
        });
      }
    }
    for (const s of pool) changes.push({ op: 'delete', resource: SLICES, namespace: s.metadata.namespace, name: s.metadata.name });
    return changes;
  }

  private reconcileEndpoints(svc: KubeObject, pods: KubeObject[], current: KubeObject | undefined, trigger: string | undefined): Change[] {
    const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
    // Subsets by port list (RepackSubsets), addresses sorted by IP.
    const subsets = new Map<string, { addresses: Record<string, unknown>[]; notReadyAddresses: Record<string, unknown>[]; ports: Record<string, unknown>[] }>();
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp && !publishNotReady) continue;
      const ports = slicePorts(svc, pod).map((p) => {
        const out: Record<string, unknown> = {};
        if (p.name) out.name = p.name;
        out.port = p.port;
        out.protocol = p.protocol;
        if (p.appProtocol) out.appProtocol = p.appProtocol;
        return out;
      });
      const k = JSON.stringify(ports);
      if (!subsets.has(k)) subsets.set(k, { addresses: [], notReadyAddresses: [], ports });
      const addr: Record<string, unknown> = { ip: pod.status.podIP };
      if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
      addr.targetRef = { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
      const s = subsets.get(k)!;
      if (publishNotReady || isPodReady(pod)) s.addresses.push(addr);
      else s.notReadyAddresses.push(addr);
    }
    const byIP = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a.ip) < String(b.ip) ? -1 : String(a.ip) > String(b.ip) ? 1 : 0);
    const list = [...subsets.values()].map((s) => {
      const out: Record<string, unknown> = {};
      if (s.addresses.length) out.addresses = s.addresses.sort(byIP);
      if (s.notReadyAddresses.length) out.notReadyAddresses = s.notReadyAddresses.sort(byIP);
      if (s.ports.length) out.ports = s.ports;
      return out;
    });
    const labels = sortObject(serviceLabels(svc));
    const desired: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: withTrigger({ name: svc.metadata.name, namespace: svc.metadata.namespace, ...(Object.keys(labels).length ? { labels } : {}) }, trigger),
      ...(list.length ? { subsets: list } : {}),
    };
    if (!current) return [{ op: 'create', resource: 'endpoints', object: desired }];
    if (deepEqual(current.subsets ?? null, desired.subsets ?? null) && deepEqual(current.metadata.labels ?? null, desired.metadata.labels ?? null)) return [];
    const updated: KubeObject = { ...current, metadata: withTrigger({ ...current.metadata, labels: desired.metadata.labels }, trigger) };
    if (!desired.metadata.labels) delete updated.metadata.labels;
    if (desired.subsets) updated.subsets = desired.subsets;
    else delete updated.subsets;
    return [{ op: 'update', resource: 'endpoints', object: updated }];
  }
}
