/**
 * Resource arithmetic describe needs: a pod's effective requests and limits
 * (kubectl pkg/util/resource PodRequestsAndLimits), its QoS class, and resourceFieldRef values.
 */
import type { Container, EnvVar, Pod } from 'kubernetes-types/core/v1';
import {
  type Quantity,
  addQuantities,
  compareQuantities,
  parseQuantity,
  toMilli,
  toValue,
  ZERO_QUANTITY,
} from '../../../engine/util/quantity';

export type ResourceList = Map<string, Quantity>;

function addList(list: ResourceList, more: Record<string, string> | undefined): void {
  for (const [name, v] of Object.entries(more ?? {})) {
    const q = parseQuantity(v);
    const cur = list.get(name);
    list.set(name, cur === undefined ? q : addQuantities(cur, q));
  }
}

function maxList(list: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const cur = list.get(name);
    if (cur === undefined || compareQuantities(q, cur) > 0) list.set(name, q);
  }
}

const isSidecar = (c: Container): boolean => c.restartPolicy === 'Always';

/** Sum of app containers and sidecars, or the largest init-phase need if larger, plus overhead. */
function podList(pod: Pod, pick: (c: Container) => Record<string, string> | undefined): ResourceList {
  const total: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) addList(total, pick(c));
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let need: ResourceList;
    if (isSidecar(c)) {
      addList(total, pick(c));
      addList(sidecars, pick(c));
      need = sidecars;
    } else {
      need = new Map();
      addList(need, pick(c));
      for (const [n, q] of sidecars) need.set(n, need.has(n) ? addQuantities(need.get(n)!, q) : q);
    }
    maxList(initMax, need);
  }
  maxList(total, initMax);
  return total;
}

export function podRequestsAndLimits(pod: Pod): { requests: ResourceList; limits: ResourceList } {
  const requests = podList(pod, (c) => c.resources?.requests);
  addList(requests, pod.spec?.overhead);
  const limits = podList(pod, (c) => c.resources?.limits);
  for (const [n, v] of Object.entries(pod.spec?.overhead ?? {})) {
    const cur = limits.get(n);
    if (cur && cur.unscaled !== 0n) limits.set(n, addQuantities(cur, parseQuantity(v)));
  }
  return { requests, limits };
}

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** qos.GetPodQOS: status.qosClass when set, else computed from requests and limits. */
export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  let guaranteed = true;
  const positive = (list: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(list ?? {}).filter(([n, v]) => QOS_RESOURCES.has(n) && compareQuantities(parseQuantity(v), ZERO_QUANTITY) > 0));
  // Pod-level resources (spec.resources), when set, decide alone.
  const podLevel = (pod.spec as { resources?: Container['resources'] } | undefined)?.resources;
  const containers = podLevel ? [{ name: '', resources: podLevel }] : [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of containers) {
    addList(requests, positive(c.resources?.requests));
    const lim = positive(c.resources?.limits);
    addList(limits, lim);
    if (!('cpu' in lim && 'memory' in lim)) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  for (const [n, q] of requests) {
    const l = limits.get(n);
    if (!l || compareQuantities(l, q) !== 0) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** ExtractContainerResourceValue for a resourceFieldRef env var; `node allocatable` for unset cpu/memory limits. */
export function containerResourceValue(c: Container, e: EnvVar): string {
  const ref = e.valueFrom?.resourceFieldRef;
  if (!ref) return '';
  const [kind, name] = ref.resource.split('.');
  const list = kind === 'limits' ? c.resources?.limits : c.resources?.requests;
  const raw = list?.[name];
  const divisor = ref.divisor !== undefined && toMilli(ref.divisor) !== 0 ? ref.divisor : '1';
  let value: string;
  if (name === 'cpu') value = String(Math.ceil(toMilli(raw ?? '0') / toMilli(divisor)));
  else if (name === 'memory' || name === 'ephemeral-storage') value = String(Math.ceil(toValue(raw ?? '0') / toValue(divisor)));
  else return '';
  return value === '0' && kind === 'limits' && (name === 'cpu' || name === 'memory') ? 'node allocatable' : value;
}
