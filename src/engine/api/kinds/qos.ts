/**
 * A pod's QoS class, as `qos.ComputePodQOS` computes it: BestEffort without any cpu/memory request
 * or limit, Guaranteed when every container limits both cpu and memory and the totals of requests
 * equal the totals of limits, Burstable otherwise.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import { addQuantities, compareQuantities, parseQuantity, type Quantity } from '../../util/quantity';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

export function podQOSClass(spec: PodSpec): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const add = (m: Map<string, Quantity>, name: string, raw: unknown): boolean => {
    if (!QOS_RESOURCES.includes(name)) return false;
    const q = parseQuantity(raw as string | number);
    if (q.unscaled <= 0n) return false;
    const sum = m.get(name);
    m.set(name, sum ? addQuantities(sum, q) : q);
    return true;
  };
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const [name, q] of Object.entries(c.resources?.requests ?? {})) add(requests, name, q);
    const found = new Set<string>();
    for (const [name, q] of Object.entries(c.resources?.limits ?? {})) if (add(limits, name, q)) found.add(name);
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed)
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) guaranteed = false;
    }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
