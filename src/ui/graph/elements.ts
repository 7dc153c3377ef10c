/**
 * Model + layout → the plain element definitions cytoscape draws (no cytoscape import here).
 * Classes carry everything the stylesheet keys on; `data.ref` is the element's object key.
 */
import { aggregatedHosts, countsByHost, presentCategories, AGGREGATE_ABOVE } from './aggregate';
import { cellCentre, ITEM_H, ITEM_W, POD, NODE_COLS, type Box, type Layout } from './layout';
import { UNSCHEDULED } from './constants';
import type { ColumnItem, GraphModel, PodItem } from './model';
import { CATEGORIES, statusBadge, type StatusCategory } from './status';
import { nodeTinyName } from './zoom';

export interface GraphElement {
  group: 'nodes' | 'edges';
  data: { id: string; [field: string]: string | number | undefined };
  position?: { x: number; y: number };
  classes: string;
}

export const CATEGORY_LABEL: Record<StatusCategory, string> = {
  running: 'Running',
  creating: 'Creating',
  pending: 'Pending',
  failing: 'Failing',
  terminating: 'Terminating',
  completed: 'Completed',
  unknown: 'Unknown',
};

const boxEl = (id: string, box: Box, label: string, classes: string, ref?: string): GraphElement => ({
  group: 'nodes',
  data: { id, label, w: box.w, h: box.h, ref },
  position: { x: box.x, y: box.y },
  classes,
});

function podEl(p: PodItem, layout: Layout): GraphElement | undefined {
  const host = layout.boxes.get(p.host);
  const slot = layout.podSlot.get(p.key);
  if (!host || slot === undefined) return undefined;
  const cols = p.host === UNSCHEDULED ? layout.unscheduledCols : NODE_COLS;
  const v = p.view;
  const unready = v.category === 'running' && v.ready < v.total ? ' unready' : '';
  const where = p.host === UNSCHEDULED ? (p.nodeName ? `bound to missing node ${p.nodeName}` : 'not scheduled') : `on ${p.nodeName}`;
  return {
    group: 'nodes',
    data: {
      id: p.key,
      ref: p.key,
      label: statusBadge(v.status),
      w: POD,
      h: POD,
      tip: `pod ${p.ref.namespace}/${p.ref.name}\n${v.status} · ready ${v.ready}/${v.total} · restarts ${v.restarts}\n${where}`,
    },
    position: cellCentre(host.x - host.w / 2, host.y - host.h / 2, cols, slot),
    classes: `pod s-${v.category}${unready}`,
  };
}

/** Diameter of the pie that stands for an aggregated host's pods. */
export const PIE = 46;

/**
 * One element per aggregated host: a pie of its pods by status (slice i = CATEGORIES[i]) with the
 * counts listed beside it. One element instead of one per pod keeps 100 nodes / 3,000 pods cheap.
 */
function aggregateEl(host: string, box: Box, counts: Partial<Record<StatusCategory, number>>): GraphElement {
  const data: GraphElement['data'] = { id: `agg:${host}`, ref: host === UNSCHEDULED ? undefined : host, w: PIE, h: PIE };
  const { lines, total } = pieData(counts, data);
  data.label = host === UNSCHEDULED ? lines.join(' · ') : lines.join('\n');
  data.tip = `${total} pod${total === 1 ? '' : 's'}: ${lines.join(', ')}`;
  return { group: 'nodes', data, position: { x: box.x - box.w / 2 + 12 + PIE / 2, y: box.y }, classes: 'agg' };
}

/** Writes the pie slices (`s1`…`s7`, percent) into `data`; returns the count lines and the total. */
function pieData(counts: Partial<Record<StatusCategory, number>>, data: GraphElement['data']): { lines: string[]; total: number } {
  const total = CATEGORIES.reduce((n, c) => n + (counts[c] ?? 0), 0);
  CATEGORIES.forEach((c, i) => (data[`s${i + 1}`] = Math.round((1000 * (counts[c] ?? 0)) / Math.max(total, 1)) / 10));
  return { lines: presentCategories(counts).map((c) => `${counts[c]} ${CATEGORY_LABEL[c]}`), total };
}

/** Shortens a name in the middle: `web-7c5d…abcde`. The tooltip and list keep the full name. */
export function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const head = Math.ceil((max - 1) / 2);
  return `${name.slice(0, head)}…${name.slice(name.length - (max - 1 - head))}`;
}

/** A node's label inside its pool: the VMSS instance (`vmss000001`) for AKS names, else the name. */
export function nodeShortName(name: string, pool: string): string {
  const prefix = `aks-${pool}-`;
  const aks = name.startsWith(prefix) ? /^\d+-(.+)$/.exec(name.slice(prefix.length)) : null;
  return shorten(aks ? aks[1] : name, 26);
}

export interface ElementOptions {
  aggregateAbove?: number;
  /** Zoomed far out (zoom.ts): the owner columns are one summary element and their edges go. */
  far?: boolean;
}

/** Ids of the elements standing for the owner columns and the network/storage columns when zoomed far out. */
export const OWNERS_SUMMARY = 'summary/owners';
export const NETWORK_SUMMARY = 'summary/network';
const SUMMARY_W = 480;
const SUMMARY_H = 320;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : /(s|x|ch|sh)$/.test(word) ? 'es' : 's'}`;

/**
 * Column items as one box over their columns: counts by kind and how many need attention. It grows
 * away from the pools (`side`) to at least SUMMARY_W so its zoomed-out label fits.
 */
function columnSummary(id: string, items: ColumnItem[], layout: Layout, side: 'left' | 'right', attention: string): GraphElement | undefined {
  const counts = new Map<string, number>();
  let warn = 0;
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  for (const o of items) {
    const pos = layout.items.get(o.key);
    if (!pos) continue;
    counts.set(o.word, (counts.get(o.word) ?? 0) + 1);
    if (o.warn) warn++;
    left = Math.min(left, pos.x - ITEM_W / 2);
    right = Math.max(right, pos.x + ITEM_W / 2);
    top = Math.min(top, pos.y - ITEM_H / 2);
  }
  if (!Number.isFinite(left)) return undefined;
  if (side === 'left') left = Math.min(left, right - SUMMARY_W);
  else right = Math.max(right, left + SUMMARY_W);
  const lines = [...counts].map(([word, n]) => plural(n, word));
  if (warn) lines.push(`${warn} ${attention}`);
  return {
    group: 'nodes',
    data: { id, label: lines.join('\n'), w: right - left, h: SUMMARY_H, tip: `${lines.join(', ')}\n(zoom in or click to see each one)` },
    position: { x: (left + right) / 2, y: top + SUMMARY_H / 2 },
    classes: `summary${warn ? ' warn' : ''}`,
  };
}

export function buildElements(model: GraphModel, layout: Layout, opts: ElementOptions = {}): GraphElement[] {
  const out: GraphElement[] = [];
  const podCount = new Map<string, number>();
  for (const p of model.pods) podCount.set(p.host, (podCount.get(p.host) ?? 0) + 1);
  for (const pool of model.pools) {
    const box = layout.boxes.get(pool.key);
    if (box) out.push(boxEl(pool.key, box, `pool ${pool.name} · ${pool.nodes.length} node${pool.nodes.length === 1 ? '' : 's'}`, 'pool'));
  }
  const aggregated = aggregatedHosts(model, layout, opts.aggregateAbove ?? AGGREGATE_ABOVE);
  const hostCounts = countsByHost(model, aggregated);
  for (const node of model.nodes.values()) {
    const box = layout.boxes.get(node.key);
    if (!box) continue;
    const v = node.view;
    const state = v.ready === 'Ready' ? '' : v.ready === 'NotReady' ? ' notready' : ' unknown';
    const n = podCount.get(node.key) ?? 0;
    const pool = node.pool.slice('pool/'.length);
    const short = nodeShortName(node.ref.name, pool);
    const label = `${short}\n${v.status} · ${n} pod${n === 1 ? '' : 's'}`;
    const el = boxEl(node.key, box, label, `node${state}${v.cordoned ? ' cordoned' : ''}`, node.key);
    el.data.tiny = nodeTinyName(short);
    el.data.tip = `node ${node.ref.name}\n${v.status} · ${n} pod${n === 1 ? '' : 's'}`;
    // Zoomed far out the node box itself is the pie of its pods: one element per node, not two.
    const counts = opts.far ? hostCounts.get(node.key) : undefined;
    if (counts) {
      el.data.tip += `: ${pieData(counts, el.data).lines.join(', ')}`;
      el.classes += ' pie';
    }
    out.push(el);
  }
  const area = layout.boxes.get(UNSCHEDULED)!;
  const waiting = podCount.get(UNSCHEDULED) ?? 0;
  out.push(boxEl(UNSCHEDULED, area, `Unscheduled · ${waiting} pod${waiting === 1 ? '' : 's'}`, `area${waiting ? ' waiting' : ''}`));

  for (const [host, counts] of hostCounts) {
    if (opts.far && host !== UNSCHEDULED) continue; // drawn as the node's own pie above
    const box = layout.boxes.get(host);
    if (box) out.push(aggregateEl(host, box, counts));
  }
  const drawn = new Set<string>();
  for (const p of model.pods) {
    if (aggregated.has(p.host)) continue;
    const el = podEl(p, layout);
    if (el) {
      out.push(el);
      drawn.add(p.key);
    }
  }
  if (opts.far) {
    const isOwner = (i: ColumnItem) => i.column === 'roots' || i.column === 'controllers';
    const owners = columnSummary(OWNERS_SUMMARY, model.items.filter(isOwner), layout, 'left', 'not ready');
    const network = columnSummary(NETWORK_SUMMARY, model.items.filter((i) => !isOwner(i)), layout, 'right', 'pending or failed');
    for (const summary of [owners, network]) if (summary) out.push(summary);
  }
  for (const item of opts.far ? [] : model.items) {
    const pos = layout.items.get(item.key);
    if (!pos) continue;
    out.push({
      group: 'nodes',
      data: { id: item.key, ref: item.key, label: `${shorten(item.ref.name, 22)}\n${item.word} · ${shorten(item.state, 22)}`, name: shorten(item.ref.name, 22), w: ITEM_W, h: ITEM_H, tip: `${item.word} ${item.ref.namespace ? `${item.ref.namespace}/` : ''}${item.ref.name}` },
      position: pos,
      classes: `item k-${item.word}${item.warn ? ' warn' : ''}`,
    });
    drawn.add(item.key);
  }
  for (const e of model.edges) {
    if (!drawn.has(e.source) || !drawn.has(e.target)) continue;
    out.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target }, classes: `edge rel-${e.relation}` });
  }
  return out;
}
