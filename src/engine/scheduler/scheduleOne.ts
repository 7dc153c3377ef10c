/**
 * One scheduling cycle (pkg/scheduler/schedule_one.go): PreFilter, then Filter over the nodes
 * from a rotating start index until numFeasibleNodesToFind nodes pass, then Score (each plugin
 * normalised to 0-100, times its weight) and selectHost, which breaks ties uniformly at random
 * (reservoir sampling) with the simulation's random source.
 */
import type { Random } from '../sim/random';
import type { Diagnosis } from './fitError';
import { unresolvable, type FilterPlugin, type PodInfo, type ScorePlugin, type Status } from './framework';
import type { ClusterCache, NodeInfo } from './nodeInfo';

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** Adaptive percentageOfNodesToScore: all below 100 nodes, else 50 - n/125 percent (min 5%, min 100). */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export type CycleResult = { host: string; evaluated: number; feasible: number } | { diagnosis: Diagnosis; noNodes?: boolean };

export class Framework {
  private nextStartNodeIndex = 0;
  /** Score buffers reused across cycles. */
  private totalBuf = new Float64Array(0);
  private scoreBuf = new Float64Array(0);
  private views: { total: Float64Array; scores: Float64Array } | undefined;
  /**
   * The feasible nodes of the current cycle, reused: grown push by push to a few hundred nodes it
   * would otherwise be reallocated several times per cycle. Only read within `schedule`.
   */
  private feasibleBuf: NodeInfo[] = [];
  /** The filters that can reject a node for the current pod, reused likewise. */
  private activeFilters: FilterPlugin[] = [];
  /**
   * An empty map for the next cycle's node statuses: a cycle that places its pod rejecting no
   * node (most do) hands its map back, as no diagnosis of it is handed out.
   */
  private spareStatuses: Map<string, Status> | undefined;

  constructor(
    readonly filters: FilterPlugin[],
    readonly scorers: ScorePlugin[],
    private readonly cache: ClusterCache,
    private readonly random: Random,
  ) {}

  get startIndex(): number {
    return this.nextStartNodeIndex;
  }

  set startIndex(i: number) {
    this.nextStartNodeIndex = i;
  }

  /** RunFilterPlugins: the status of the first plugin that rejects the node. */
  runFilters(p: PodInfo, n: NodeInfo): Status | null {
    return runFilters(this.filters, p, n);
  }

  schedule(p: PodInfo): CycleResult {
    const all = this.cache.list();
    if (all.length === 0) return { diagnosis: { numAllNodes: 0, nodeStatuses: new Map() }, noNodes: true };
    const diagnosis: Diagnosis = { numAllNodes: all.length, nodeStatuses: this.takeStatuses() };
    let nodes: readonly NodeInfo[] = all;
    // Plugins that narrowed the nodes; most cycles have none (no list then).
    let narrowing: string[] | undefined;
    let names: Set<string> | undefined;
    for (const f of this.filters) {
      const r = f.preFilter?.(p);
      if (!r) continue;
      if (r.status) {
        diagnosis.preFilterMsg = r.status.reasons.join(', ');
        for (const n of all) diagnosis.nodeStatuses.set(n.name, r.status);
        return { diagnosis };
      }
      if (r.nodeNames) {
        (narrowing ??= []).push(f.name);
        names = names ? new Set([...names].filter((x) => r.nodeNames!.has(x))) : r.nodeNames;
      }
    }
    if (names && narrowing) {
      const allowed = names;
      nodes = all.filter((n) => allowed.has(n.name));
      diagnosis.absentStatus = unresolvable(narrowing.join(' '), `node(s) didn't satisfy plugin(s) [${narrowing.join(' ')}]`);
    }
    const feasible = this.findFeasible(p, nodes, diagnosis.nodeStatuses);
    if (feasible.length === 0) return { diagnosis };
    const evaluated = feasible.length + diagnosis.nodeStatuses.size;
    if (diagnosis.nodeStatuses.size === 0) this.spareStatuses = diagnosis.nodeStatuses;
    if (feasible.length === 1) return { host: feasible[0].name, evaluated, feasible: 1 };
    return { host: this.selectHost(this.prioritize(p, feasible, all), feasible), evaluated, feasible: feasible.length };
  }

  private takeStatuses(): Map<string, Status> {
    const statuses = this.spareStatuses ?? new Map<string, Status>();
    this.spareStatuses = undefined;
    return statuses;
  }

  /**
   * The feasible nodes, in `feasibleBuf` (valid until the next cycle). Filters that pass every node
   * for this pod are left out: the first rejecting plugin, hence every status, stays the same.
   */
  private findFeasible(p: PodInfo, nodes: readonly NodeInfo[], statuses: Map<string, Status>): NodeInfo[] {
    const n = nodes.length;
    if (n === 0) return [];
    const want = numFeasibleNodesToFind(n);
    const filters = this.filtersFor(p);
    const feasible = this.feasibleBuf;
    let found = 0;
    const start = this.nextStartNodeIndex % n;
    for (let i = 0; i < n; i++) {
      const node = nodes[(start + i) % n];
      const s = runFilters(filters, p, node);
      if (s) statuses.set(node.name, s);
      else {
        feasible[found++] = node;
        if (found >= want) break;
      }
    }
    // Overwritten in place; only a shorter cycle than the last one trims the array.
    if (feasible.length !== found) feasible.length = found;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + found + statuses.size) % this.cache.list().length;
    return feasible;
  }

  private filtersFor(p: PodInfo): FilterPlugin[] {
    const active = this.activeFilters;
    let count = 0;
    for (const f of this.filters) if (!f.skips?.(p)) active[count++] = f;
    if (active.length !== count) active.length = count;
    return active;
  }

  /** Weighted sum of every score plugin's normalised score, per feasible node. */
  prioritize(p: PodInfo, nodes: NodeInfo[], all: readonly NodeInfo[]): Float64Array {
    const { total, scores } = this.scoreViews(nodes.length);
    total.fill(0);
    for (const plugin of this.scorers) {
      if (plugin.preScore && !plugin.preScore(p, nodes, all)) continue;
      for (let i = 0; i < nodes.length; i++) scores[i] = plugin.score(p, nodes[i]);
      plugin.normalize?.(p, scores, nodes);
      for (let i = 0; i < nodes.length; i++) total[i] += scores[i] * plugin.weight;
    }
    return total;
  }

  /** Views of the score buffers `length` long; cycles mostly score the same number of nodes. */
  private scoreViews(length: number): { total: Float64Array; scores: Float64Array } {
    if (this.totalBuf.length < length) {
      this.totalBuf = new Float64Array(length * 2);
      this.scoreBuf = new Float64Array(length * 2);
    }
    let views = this.views;
    if (views?.total.buffer !== this.totalBuf.buffer || views.total.length !== length) {
      views = this.views = { total: this.totalBuf.subarray(0, length), scores: this.scoreBuf.subarray(0, length) };
    }
    return views;
  }

  /**
   * selectHost: the highest total, ties broken uniformly at random. The real one draws once per
   * tie (reservoir sampling); drawing once among the counted ties is the same distribution.
   */
  private selectHost(total: Float64Array, nodes: NodeInfo[]): string {
    let max = -Infinity;
    let ties = 0;
    for (let i = 0; i < nodes.length; i++) {
      if (total[i] > max) {
        max = total[i];
        ties = 1;
      } else if (total[i] === max) ties++;
    }
    let pick = ties > 1 ? this.random.int(ties) : 0;
    for (let i = 0; i < nodes.length; i++) if (total[i] === max && pick-- === 0) return nodes[i].name;
    throw new Error('selectHost: no node');
  }
}

function runFilters(filters: readonly FilterPlugin[], p: PodInfo, n: NodeInfo): Status | null {
  for (let i = 0; i < filters.length; i++) {
    const s = filters[i].filter(p, n);
    if (s) return s;
  }
  return null;
}
