/**
 * A pod's QoS class, as `qos.ComputePodQOS` computes it: BestEffort without any cpu/memory request
 * or limit, Guaranteed when every container limits both cpu and memory and the totals of requests
 * equal the totals of limits, Burstable otherwise.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { addQuantities, compareQuantities, parseQuantity, type Quantity } from '../../util/quantity';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/**
 * Per-pod sums of the two resources QoS looks at. Fields rather than a Map and a Set per
 * container: every pod create computes its class.
 */
interface Totals {
  cpu: Quantity | undefined;
  memory: Quantity | undefined;
}

/** Bits `add` reports: which resource a quantity counted for. */
const CPU = 1;
const MEMORY = 2;

export function podQOSClass(spec: PodSpec): QOSClass {
  const requests: Totals = { cpu: undefined, memory: undefined };
  const limits: Totals = { cpu: undefined, memory: undefined };
  // Both lists are always added (no short cut): the totals decide BestEffort.
  const regular = addContainers(spec.containers, requests, limits);
  const init = addContainers(spec.initContainers, requests, limits);
  const guaranteed = regular && init;
  if (count(requests) === 0 && count(limits) === 0) return 'BestEffort';
  if (!guaranteed || !sameTotal(requests.cpu, limits.cpu) || !sameTotal(requests.memory, limits.memory)) return 'Burstable';
  return count(requests) === count(limits) ? 'Guaranteed' : 'Burstable';
}

/**
 * Adds every container's requests and limits to the totals, in order (a quantity that does not
 * parse throws where it did). Whether each container limits both cpu and memory.
 */
function addContainers(containers: Container[] | undefined, requests: Totals, limits: Totals): boolean {
  let all = true;
  for (const c of containers ?? []) {
    const req = c.resources?.requests;
    for (const name in req) add(requests, name, req[name]);
    const lim = c.resources?.limits;
    let found = 0;
    for (const name in lim) found |= add(limits, name, lim[name]);
    if (found !== (CPU | MEMORY)) all = false;
  }
  return all;
}

/** Adds a positive cpu or memory quantity to its total; which one it counted for (0: neither). */
function add(totals: Totals, name: string, raw: unknown): number {
  if (name !== 'cpu' && name !== 'memory') return 0;
  const q = parseQuantity(raw as string | number);
  if (q.unscaled <= 0n) return 0;
  const sum = totals[name];
  totals[name] = sum ? addQuantities(sum, q) : q;
  return name === 'cpu' ? CPU : MEMORY;
}

function count(t: Totals): number {
  return (t.cpu ? 1 : 0) + (t.memory ? 1 : 0);
}

/** Whether a requested total (if any) has an equal limit. */
function sameTotal(request: Quantity | undefined, limit: Quantity | undefined): boolean {
  return request === undefined || (limit !== undefined && compareQuantities(limit, request) === 0);
}
