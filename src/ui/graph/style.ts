/** The cytoscape stylesheet: keyed on the classes elements.ts writes. */
import type { StylesheetJson, StylesheetStyle } from 'cytoscape';
import { PALETTES, type Palette, type Theme } from './palette';
import { CATEGORIES } from './status';
import { BASE_STEP, labelFonts } from './zoom';

const FONT = 'system-ui, "Segoe UI", "DejaVu Sans", sans-serif';

/** Aggregates are one pie of pods by status, slice i coloured as CATEGORIES[i], counts to its right. */
function pieSlices(p: Palette): Record<string, string> {
  return Object.fromEntries(
    CATEGORIES.flatMap((c, i) => [
      [`pie-${i + 1}-background-color`, p.status[c]],
      [`pie-${i + 1}-background-size`, `data(s${i + 1})`],
    ]),
  );
}

function aggregateStyle(p: Palette, aggFont: number): StylesheetStyle {
  const slices = pieSlices(p);
  const style = {
    shape: 'ellipse',
    'background-color': p.node.border,
    'border-width': 1,
    'border-color': p.node.fill,
    'text-valign': 'center',
    'text-halign': 'right',
    'text-margin-x': 8,
    'font-size': aggFont,
    'line-height': 1.3,
    'text-justification': 'left',
    color: p.text,
    'z-index': 2,
    ...slices,
  };
  return { selector: '.agg', style } as unknown as StylesheetStyle;
}

/**
 * The stylesheet for `theme` at zoom step `step` (zoom.ts): the labels of pools, nodes, the
 * unscheduled area, aggregates and the owners summary are sized to stay legible at that step.
 */
export function graphStyle(theme: Theme, step = BASE_STEP): StylesheetJson {
  const p = PALETTES[theme];
  const f = labelFonts(step);
  return [
    {
      selector: 'node',
      style: {
        width: 'data(w)',
        height: 'data(h)',
        label: 'data(label)',
        'font-family': FONT,
        color: p.text,
        'text-wrap': 'wrap',
        'min-zoomed-font-size': 7,
        'border-width': 1,
      },
    },
    {
      selector: '.pool',
      style: {
        shape: 'round-rectangle',
        'background-color': p.pool.fill,
        'border-color': p.pool.border,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -6,
        'font-size': f.pool,
        'font-weight': 'bold',
        'z-index': 0,
        events: 'no',
      },
    },
    {
      selector: '.node, .area',
      style: {
        shape: 'round-rectangle',
        'background-color': p.node.fill,
        'border-color': p.node.border,
        'border-width': 1.5,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-size': f.node,
        'line-height': 1.3,
        'text-max-width': '220',
        'z-index': 1,
      },
    },
    // Zoomed out, a node says only the tail of its name (the list and tooltip have the rest).
    ...(f.nodeTiny ? [{ selector: '.node', style: { label: 'data(tiny)', 'text-max-width': '194', 'text-wrap': 'ellipsis' as const } }] : []),
    { selector: '.node.notready', style: { 'background-color': p.notReady.fill, 'border-color': p.notReady.border, 'border-width': 2.5, color: p.notReady.border } },
    { selector: '.node.unknown', style: { 'border-style': 'dotted', 'border-width': 2.5, 'border-color': p.status.unknown } },
    { selector: '.node.cordoned', style: { 'background-color': p.cordoned.fill, 'border-style': 'dashed', 'border-width': 2.5 } },
    { selector: '.area', style: { 'background-color': p.background, 'border-color': p.pool.border, 'border-style': 'dashed', 'font-size': f.area, 'text-max-width': '9999', color: p.muted, events: 'no' } },
    { selector: '.area.waiting', style: { 'background-color': p.area.fill, 'border-color': p.area.border, 'border-width': 2.5, 'font-weight': 'bold', color: p.text } },
    {
      selector: '.pod',
      style: {
        shape: 'round-rectangle',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': 13,
        'font-weight': 'bold',
        color: '#ffffff',
        'border-width': 0,
        'z-index': 2,
      },
    },
    aggregateStyle(p, f.agg),
    // Zoomed far out, an aggregated node box is itself the pie (elements.ts).
    { selector: '.node.pie', style: { 'pie-size': '60%', ...pieSlices(p) } } as unknown as StylesheetStyle,
    ...CATEGORIES.map((c) => ({ selector: `.pod.s-${c}`, style: { 'background-color': p.status[c] } })),
    { selector: '.pod.unready', style: { 'background-color': p.unready, 'border-width': 2, 'border-color': p.status.running } },
    { selector: '.pod.s-terminating', style: { opacity: 0.6, 'border-width': 2, 'border-style': 'dashed', 'border-color': p.text } },
    { selector: '.pod.s-completed', style: { opacity: 0.75 } },
    {
      selector: '.item',
      style: {
        shape: 'round-rectangle',
        'background-color': p.items.owner,
        'border-color': p.items.border,
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': 11,
        'line-height': 1.25,
        'text-max-width': '156',
        'z-index': 2,
      },
    },
    { selector: '.item.k-replicaset, .item.k-daemonset, .item.k-statefulset, .item.k-job', style: { 'background-color': p.items.controller, shape: 'cut-rectangle' } },
    { selector: '.item.k-service', style: { 'background-color': p.items.service, shape: 'round-hexagon' } },
    { selector: '.item.k-pvc', style: { 'background-color': p.items.claim, shape: 'barrel' } },
    { selector: '.item.k-pv', style: { 'background-color': p.items.volume, shape: 'barrel', 'border-style': 'double', 'border-width': 3 } },
    { selector: '.item.warn', style: { 'border-color': p.items.warn, 'border-width': 2 } },
    ...(f.itemNameOnly ? [{ selector: '.item', style: { label: 'data(name)', 'font-size': f.item, 'text-wrap': 'ellipsis' as const } }] : []),
    {
      selector: '.summary',
      style: {
        shape: 'round-rectangle',
        'background-color': p.items.owner,
        'border-color': p.items.border,
        'border-style': 'dashed',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': f.summary,
        'line-height': 1.3,
        'text-max-width': '9999',
        'z-index': 2,
      },
    },
    { selector: '.summary.warn', style: { 'border-color': p.items.warn, 'border-width': 2 } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'curve-style': 'straight',
        'line-color': p.edges.owns,
        'target-arrow-color': p.edges.owns,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        opacity: 0.55,
        'z-index': 3,
      },
    },
    { selector: '.rel-selects', style: { 'line-color': p.edges.selects, 'target-arrow-color': p.edges.selects, 'line-style': 'dashed' } },
    { selector: '.rel-binds', style: { 'line-color': p.edges.binds, 'target-arrow-color': p.edges.binds, width: 2 } },
    { selector: '.rel-mounts', style: { 'line-color': p.edges.mounts, 'target-arrow-color': p.edges.mounts, 'line-style': 'dotted', width: 2 } },
    { selector: 'edge.hl', style: { opacity: 1, width: 2.5, 'z-index': 9 } },
    { selector: 'node.selected', style: { 'border-width': 3, 'border-color': p.selected, 'border-style': 'solid', 'underlay-color': p.selected, 'underlay-opacity': 0.25, 'underlay-padding': 4 } },
  ];
}
