/**
 * What the graph draws at a given zoom. Cytoscape sizes labels in graph units, so at the zoom that
 * fits 100 nodes (≈0.2) an 11-unit label is 2 px tall and skipped. Instead the zoom is rounded
 * down to a step (0.8 divided by √2 again and again) and the stylesheet is made for that step:
 * pool, node and summary labels grow to stay about 10–13 px on screen, capped to the room the
 * layout leaves them; node labels shrink to the name's tail when two lines no longer fit. Below
 * FAR_STEP the owner columns, and the network and storage columns, collapse into one summary
 * element each (elements.ts) — there is nothing to read in a hundred 2 px boxes, and drawing them
 * and their edges was most of a frame.
 * The stylesheet changes only when the step does, so zooming restyles a handful of times.
 */

/** The largest step; at or above it every label keeps its base size. */
export const BASE_STEP = 0.8;

/** Steps at or below this are "far": owners collapse, node labels show the name's tail. */
export const FAR_STEP = BASE_STEP / 2 ** 1.5; // ≈ 0.283: fitted 100-node clusters; 3 nodes fit at ≥ 0.4

/** The zoom rounded down to BASE_STEP / √2^k (k ≥ 0, at most 12). */
export function zoomStep(zoom: number): number {
  if (!(zoom < BASE_STEP)) return BASE_STEP;
  const k = Math.min(12, Math.ceil(2 * Math.log2(BASE_STEP / zoom) - 1e-9));
  return BASE_STEP / 2 ** (k / 2);
}

export const isFar = (step: number) => step <= FAR_STEP + 1e-9;

/** A label of `base` units that is at least `px` pixels on screen at `step`, but no more than `max` units. */
export function fontFor(step: number, base: number, px: number, max: number): number {
  return Math.round(Math.max(base, Math.min(max, px / step)));
}

/** Node labels switch to one short line when the two-line label would need more than this. */
export const NODE_FULL_LABEL_MAX = 20;

/** Font sizes (graph units) of the labels that scale, at `step`. */
export function labelFonts(step: number): { pool: number; node: number; area: number; summary: number; agg: number; nodeTiny: boolean; item: number; itemNameOnly: boolean } {
  const node = fontFor(step, 11, 10, 46); // the band above a node box is 58 units (layout.ts)
  return {
    pool: fontFor(step, 18, 13, 64), // above the pool: 70 units between pools
    node,
    nodeTiny: node > NODE_FULL_LABEL_MAX,
    area: fontFor(step, 14, 12, 60),
    summary: fontFor(step, 14, 11, 56),
    agg: fontFor(step, 11, 9, 20), // beside the pie: 112 units wide, 150 tall
    // Column items are 34 units tall, 46 apart: below the base step they show their name alone, bigger.
    item: fontFor(step, 11, 9, 18),
    itemNameOnly: step < BASE_STEP,
  };
}

/**
 * The tail of a node's short name that fits above its box when zoomed out: the VMSS instance id
 * for AKS names (`vmss00000a` → `00000a`, what `kubectl get nodes` ends with), else the last
 * 6 characters.
 */
export function nodeTinyName(short: string): string {
  const vmss = /^vmss([0-9a-z]{6})$/.exec(short);
  if (vmss) return vmss[1];
  return short.length <= 7 ? short : `…${short.slice(-6)}`;
}
