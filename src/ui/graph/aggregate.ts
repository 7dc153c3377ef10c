/**
 * When one element per pod stops being readable or cheap, a host (node box or the unscheduled area)
 * shows its pods as counts by status instead. A host aggregates when the whole cluster has more
 * pods than the threshold, or when it holds more pods than it has cells.
 */
import { CATEGORIES, type StatusCategory } from './status';
import { NODE_CAPACITY, UNSCHEDULED_ROWS, type Layout } from './layout';
import { UNSCHEDULED } from './constants';
import type { GraphModel } from './model';

/** Above this many pods in the cluster every host is drawn as counts by status. */
export const AGGREGATE_ABOVE = 1000;

export function hostCapacity(host: string, layout: Pick<Layout, 'unscheduledCols'>): number {
  return host === UNSCHEDULED ? layout.unscheduledCols * UNSCHEDULED_ROWS : NODE_CAPACITY;
}

export function shouldAggregateAll(podCount: number, threshold = AGGREGATE_ABOVE): boolean {
  return podCount > threshold;
}

/** Hosts drawn as aggregates: all of them past the threshold, else those whose pods overflow their cells. */
export function aggregatedHosts(model: GraphModel, layout: Pick<Layout, 'podSlot' | 'unscheduledCols'>, threshold = AGGREGATE_ABOVE): Set<string> {
  const all = shouldAggregateAll(model.pods.length, threshold);
  const hosts = new Set<string>();
  for (const p of model.pods) {
    if (all || (layout.podSlot.get(p.key) ?? 0) >= hostCapacity(p.host, layout)) hosts.add(p.host);
  }
  return hosts;
}

export type Counts = Partial<Record<StatusCategory, number>>;

export function countsByHost(model: GraphModel, hosts: ReadonlySet<string>): Map<string, Counts> {
  const counts = new Map<string, Counts>();
  for (const p of model.pods) {
    if (!hosts.has(p.host)) continue;
    const c = counts.get(p.host) ?? {};
    c[p.view.category] = (c[p.view.category] ?? 0) + 1;
    counts.set(p.host, c);
  }
  return counts;
}

/** Categories present, in the fixed legend order (so a chip's place depends only on its category). */
export function presentCategories(counts: Counts): StatusCategory[] {
  return CATEGORIES.filter((c) => (counts[c] ?? 0) > 0);
}
