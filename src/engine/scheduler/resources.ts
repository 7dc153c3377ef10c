/**
 * Resource arithmetic as kube-scheduler does it (framework.Resource, component-helpers'
 * resource.PodRequests): cpu in millicores, memory and ephemeral storage in bytes, everything
 * else (extended resources like `nvidia.com/gpu`, hugepages) as scalar counts.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { quantityMilli, quantityValue } from './quantity';

export interface Resources {
  cpu: number;
  memory: number;
  ephemeral: number;
  /** Extended and other scalar resources; absent when there are none (the common case). */
  scalar?: Record<string, number>;
}

type ResourceList = Record<string, string | number> | undefined;

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: used for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function emptyResources(): Resources {
  return { cpu: 0, memory: 0, ephemeral: 0 };
}

export function isScalarResource(name: string): boolean {
  return name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage' && name !== 'pods';
}

/** A ResourceList read into numbers (node allocatable, a container's requests). */
export function resourcesOf(list: ResourceList): Resources {
  const r = emptyResources();
  if (!list) return r;
  for (const name in list) {
    const q = list[name];
    if (name === 'cpu') r.cpu = quantityMilli(q);
    else if (name === 'memory') r.memory = quantityValue(q);
    else if (name === 'ephemeral-storage') r.ephemeral = quantityValue(q);
    else if (name !== 'pods') (r.scalar ??= {})[name] = quantityValue(q);
  }
  return r;
}

export function addInto(into: Resources, r: Resources, sign = 1): void {
  into.cpu += sign * r.cpu;
  into.memory += sign * r.memory;
  into.ephemeral += sign * r.ephemeral;
  if (r.scalar) {
    const s = (into.scalar ??= {});
    for (const k in r.scalar) s[k] = (s[k] ?? 0) + sign * r.scalar[k];
  }
}

function maxInto(into: Resources, r: Resources): void {
  into.cpu = Math.max(into.cpu, r.cpu);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeral = Math.max(into.ephemeral, r.ephemeral);
  if (r.scalar) {
    const s = (into.scalar ??= {});
    for (const k in r.scalar) s[k] = Math.max(s[k] ?? 0, r.scalar[k]);
  }
}

function copy(r: Resources): Resources {
  return { cpu: r.cpu, memory: r.memory, ephemeral: r.ephemeral, ...(r.scalar ? { scalar: { ...r.scalar } } : {}) };
}

function containerRequests(c: Container, nonMissing: boolean): Resources {
  const list = c.resources?.requests as ResourceList;
  const r = resourcesOf(list);
  if (nonMissing) {
    if (!list || !('cpu' in list)) r.cpu = DEFAULT_MILLI_CPU_REQUEST;
    if (!list || !('memory' in list)) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/** addInto(into, containerRequests(c, nonMissing)), without the container's sum when it requests nothing. */
function addContainerRequests(into: Resources, c: Container, nonMissing: boolean): void {
  if (c.resources?.requests) return addInto(into, containerRequests(c, nonMissing));
  // No requests: zeros, or the scoring defaults.
  if (!nonMissing) return;
  into.cpu += DEFAULT_MILLI_CPU_REQUEST;
  into.memory += DEFAULT_MEMORY_REQUEST;
}

/**
 * resource.PodRequests: the sum of the app containers, sidecars (restartable init containers)
 * added to it, then the max against each init container (which runs beside the sidecars started
 * before it), plus the pod overhead. Pod-level requests (spec.resources) win where set.
 * `nonMissing` counts a container with no cpu/memory request as 100m / 200Mi (for scoring).
 */
export function podRequests(pod: Pod, nonMissing = false): Resources {
  const spec = pod.spec;
  const podLevel = (spec as { resources?: { requests?: ResourceList } } | undefined)?.resources?.requests;
  const usePodLevel = !!podLevel && ('cpu' in podLevel || 'memory' in podLevel);
  const perContainerDefaults = nonMissing && !usePodLevel;
  const reqs = emptyResources();
  for (const c of spec?.containers ?? NO_CONTAINERS) addContainerRequests(reqs, c, perContainerDefaults);
  // Without init containers both stay zero: the shared zero stands in for them.
  const inits = spec?.initContainers;
  const sidecars = inits?.length ? emptyResources() : ZERO;
  const initMax = inits?.length ? emptyResources() : ZERO;
  for (const c of inits ?? NO_CONTAINERS) {
    const cr = containerRequests(c, perContainerDefaults);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, cr);
      addInto(sidecars, cr);
      maxInto(initMax, sidecars);
    } else {
      const withSidecars = copy(cr);
      addInto(withSidecars, sidecars);
      maxInto(initMax, withSidecars);
    }
  }
  maxInto(reqs, initMax);
  if (usePodLevel) {
    const pl = resourcesOf(podLevel);
    if ('cpu' in podLevel!) reqs.cpu = pl.cpu;
    else if (nonMissing) reqs.cpu = DEFAULT_MILLI_CPU_REQUEST;
    if ('memory' in podLevel!) reqs.memory = pl.memory;
    else if (nonMissing) reqs.memory = DEFAULT_MEMORY_REQUEST;
  }
  const overhead = spec?.overhead as ResourceList;
  addInto(reqs, overhead ? resourcesOf(overhead) : ZERO);
  return reqs;
}

/** Read only: what an empty list of requests adds. */
const ZERO: Resources = Object.freeze(emptyResources());
const NO_CONTAINERS: Container[] = [];

/** True when the pod requests nothing at all (the fit filter then checks the pod count only). */
export function isZero(r: Resources): boolean {
  if (r.cpu !== 0 || r.memory !== 0 || r.ephemeral !== 0) return false;
  if (r.scalar) for (const k in r.scalar) if (r.scalar[k] !== 0) return false;
  return true;
}
