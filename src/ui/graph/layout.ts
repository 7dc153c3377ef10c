/**
 * Deterministic, stable positions for the graph model. Every box has a fixed size, and every pod,
 * node and column item keeps the slot it was first given (slots.ts), so creating or deleting a pod
 * never moves another pod or any node. Geometry is in graph units (cytoscape model coordinates;
 * positions are centres).
 *
 *                          [unscheduled area (fixed size)]
 *   [roots] [controllers]   [pool ⊃ nodes ⊃ pods …]          [services] [claims] [volumes]
 *                           [pool ⊃ nodes ⊃ pods …]
 *
 * `LayoutMemory` carries the slots from one call to the next; it is plain data and never mutated.
 * What may still move: pools below a pool that gains a new row of nodes (node pool scale-up).
 */
import type { Column, GraphModel } from './model';
import { UNSCHEDULED } from './constants';
import { assignSlots, slotExtent, type Slots } from './slots';

export const POD = 20;
export const PITCH = 26;
export const NODE_COLS = 6;
export const NODE_ROWS = 5;
/** Pods a node box shows one by one; beyond this the node is drawn as an aggregate. */
export const NODE_CAPACITY = NODE_COLS * NODE_ROWS;
/** Rows of pod cells in the unscheduled area; more pending pods than cells → counts by status. */
export const UNSCHEDULED_ROWS = 3;
const PAD = 10;
export const NODE_W = NODE_COLS * PITCH - (PITCH - POD) + 2 * PAD;
export const NODE_H = NODE_ROWS * PITCH - (PITCH - POD) + 2 * PAD;
const NODE_LABEL = 34;
const NODE_GAP = 24;
const POOL_PAD = 16;
const POOL_GAP = 70;
export const ITEM_W = 160;
export const ITEM_H = 34;
const ITEM_PITCH = 46;
const COLUMN_GAP = 50;
const AREA_GAP = 60;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LayoutMemory {
  nodeCols: number;
  pools: readonly string[];
  poolRows: Readonly<Record<string, number>>;
  nodeSlots: Readonly<Record<string, Slots>>;
  podSlots: Readonly<Record<string, Slots>>;
  columnSlots: Readonly<Record<string, Slots>>;
}

export interface Layout {
  /** Box (centre and size) of pools, nodes, the unscheduled area. */
  boxes: Map<string, Box>;
  /** Pod → its slot inside its host (node box or unscheduled area). */
  podSlot: Map<string, number>;
  /** Centre of a column item. */
  items: Map<string, { x: number; y: number }>;
  /** Pod cells per row of the unscheduled area (its width follows the pools'). */
  unscheduledCols: number;
}

export const EMPTY_MEMORY: LayoutMemory = { nodeCols: 0, pools: [], poolRows: {}, nodeSlots: {}, podSlots: {}, columnSlots: {} };

const COLUMNS: Column[] = ['roots', 'controllers', 'services', 'claims', 'volumes'];

/** Nodes per row, chosen once from the first cluster seen (wide rather than tall). */
export function nodeColumnsFor(nodeCount: number): number {
  return Math.max(2, Math.min(12, Math.ceil(Math.sqrt(nodeCount * 2))));
}

/** Centre of slot `slot` in a grid of `cols` pod cells whose box's top-left is (left, top). */
export function cellCentre(left: number, top: number, cols: number, slot: number): { x: number; y: number } {
  return { x: left + PAD + (slot % cols) * PITCH + POD / 2, y: top + PAD + Math.floor(slot / cols) * PITCH + POD / 2 };
}

function groupPods(model: GraphModel): Map<string, string[]> {
  const byHost = new Map<string, string[]>();
  for (const p of model.pods) {
    const list = byHost.get(p.host) ?? [];
    list.push(p.key);
    byHost.set(p.host, list);
  }
  return byHost;
}

export function layoutGraph(model: GraphModel, prev: LayoutMemory = EMPTY_MEMORY): { layout: Layout; memory: LayoutMemory } {
  const nodeCols = prev.nodeCols || (model.nodes.size ? nodeColumnsFor(model.nodes.size) : 0);
  const cols = nodeCols || 3;
  const boxes = new Map<string, Box>();
  const podSlot = new Map<string, number>();
  const items = new Map<string, { x: number; y: number }>();

  // Pools in first-seen order, each reserving the most rows it has ever needed.
  const pools = [...prev.pools, ...model.pools.map((p) => p.key).filter((k) => !prev.pools.includes(k))];
  const nodeSlots: Record<string, Slots> = {};
  const poolRows: Record<string, number> = { ...prev.poolRows };
  const rowPitch = NODE_LABEL + NODE_H + NODE_GAP;
  const poolW = 2 * POOL_PAD + cols * NODE_W + (cols - 1) * NODE_GAP;
  let y = 0;
  for (const poolKey of pools) {
    const pool = model.pools.find((p) => p.key === poolKey);
    const slots = assignSlots(prev.nodeSlots[poolKey], pool?.nodes ?? []);
    nodeSlots[poolKey] = slots;
    const rows = Math.max(poolRows[poolKey] ?? 1, Math.ceil(slotExtent(slots) / cols), 1);
    poolRows[poolKey] = rows;
    const poolH = 2 * POOL_PAD + rows * rowPitch - NODE_GAP;
    if (pool) boxes.set(poolKey, { x: poolW / 2, y: y + poolH / 2, w: poolW, h: poolH });
    for (const [nodeKey, s] of Object.entries(slots)) {
      const left = POOL_PAD + (s % cols) * (NODE_W + NODE_GAP);
      const top = y + POOL_PAD + NODE_LABEL + Math.floor(s / cols) * rowPitch;
      boxes.set(nodeKey, { x: left + NODE_W / 2, y: top + NODE_H / 2, w: NODE_W, h: NODE_H });
    }
    y += poolH + POOL_GAP;
  }

  // Pods keep their slot inside their host; a pod that moved host (bound at last) starts afresh there.
  const podSlots: Record<string, Slots> = {};
  for (const [host, members] of groupPods(model)) {
    const slots = assignSlots(prev.podSlots[host], members);
    podSlots[host] = slots;
    for (const m of members) podSlot.set(m, slots[m]);
  }

  // The unscheduled area sits above the pools, as wide as they are and of fixed height.
  const unscheduledCols = Math.floor((poolW - 2 * PAD + (PITCH - POD)) / PITCH);
  const areaH = UNSCHEDULED_ROWS * PITCH - (PITCH - POD) + 2 * PAD;
  boxes.set(UNSCHEDULED, { x: poolW / 2, y: -AREA_GAP - areaH / 2, w: poolW, h: areaH });

  const columnX: Record<Column, number> = {
    roots: -2 * (ITEM_W + COLUMN_GAP) + ITEM_W / 2,
    controllers: -(ITEM_W + COLUMN_GAP) + ITEM_W / 2,
    services: poolW + COLUMN_GAP + ITEM_W / 2,
    claims: poolW + 2 * COLUMN_GAP + ITEM_W * 1.5,
    volumes: poolW + 3 * COLUMN_GAP + ITEM_W * 2.5,
  };
  const columnSlots: Record<string, Slots> = {};
  for (const column of COLUMNS) {
    const members = model.items.filter((i) => i.column === column).map((i) => i.key);
    const slots = assignSlots(prev.columnSlots[column], members);
    columnSlots[column] = slots;
    for (const m of members) items.set(m, { x: columnX[column], y: POOL_PAD + ITEM_H / 2 + slots[m] * ITEM_PITCH });
  }

  const memory: LayoutMemory = { nodeCols, pools, poolRows, nodeSlots, podSlots, columnSlots };
  return { layout: { boxes, podSlot, items, unscheduledCols }, memory };
}
