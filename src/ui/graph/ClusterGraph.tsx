/**
 * The cluster graph: a thin React adapter around one cytoscape instance. All the logic lives in pure
 * modules beside it (model, layout, elements, diff) and in GraphSync; this file only creates the
 * canvas, forwards taps to `onSelect`, shows a tooltip and re-applies the theme.
 */
import cytoscape, { type Core, type CytoscapeOptions } from 'cytoscape';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { shouldAggregateAll } from './aggregate';
import { GraphSync } from './graphSync';
import { PALETTES, type Theme } from './palette';
import { parseKey } from './relations';
import type { ObjectRef, ObjectsByResource } from './refs';
import { graphStyle } from './style';
import { BASE_STEP, isFar, zoomStep } from './zoom';

export interface ClusterGraphProps {
  objects: ObjectsByResource;
  selected?: ObjectRef | null;
  onSelect(ref: ObjectRef): void;
  showOwners: boolean;
  theme: Theme;
  /** Above this many pods every node shows counts by status instead of one square per pod (default 1000). */
  aggregateAbove?: number;
  /** Extra cytoscape options (renderer tuning; the dev harness's `cy=` parameter). */
  render?: Partial<CytoscapeOptions>;
  /** Least milliseconds between two updates of an aggregated (big) graph (default 250; the harness's `throttle=`). */
  throttleMs?: number;
}

/** Least time between two updates of an aggregated (big) graph. */
const THROTTLE_MS = 250;

interface Tip {
  text: string;
  x: number;
  y: number;
}

export function ClusterGraph({ objects, selected, onSelect, showOwners, theme, aggregateAbove, render, throttleMs = THROTTLE_MS }: ClusterGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const syncRef = useRef<GraphSync | null>(null);
  const fitted = useRef(false);
  const onSelectRef = useRef(onSelect);
  const [tip, setTip] = useState<Tip | null>(null);
  onSelectRef.current = onSelect;
  /** The zoom step the stylesheet and elements are made for (zoom.ts). */
  const step = useRef(BASE_STEP);
  const themeRef = useRef(theme);
  themeRef.current = theme;
  /** Brings the graph up to date now or soon (set by the update effect below). */
  const resync = useRef<(now?: boolean) => void>(() => {});

  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: graphStyle(theme, step.current),
      layout: { name: 'preset' },
      // Panning and zooming a big graph redraws everything each frame; edges are the dearest part.
      hideEdgesOnViewport: true,
      motionBlur: false,
      autoungrabify: true,
      boxSelectionEnabled: false,
      selectionType: 'single',
      minZoom: 0.03,
      maxZoom: 4,
      ...render,
    });
    cyRef.current = cy;
    syncRef.current = new GraphSync(cy);
    cy.on('tap', 'node', (e) => {
      const ref = e.target.data('ref') as string | undefined;
      if (ref) onSelectRef.current(parseKey(ref));
      else if (e.target.hasClass('summary')) cy.zoom({ level: BASE_STEP, position: e.target.position() });
    });
    // Restyle when the zoom crosses a step; re-draw the elements when it crosses FAR_STEP.
    cy.on('zoom', () => {
      const next = zoomStep(cy.zoom());
      if (next === step.current) return;
      const farChanged = isFar(next) !== isFar(step.current);
      step.current = next;
      cy.style(graphStyle(themeRef.current, next));
      container.current?.setAttribute('data-zoom-step', next.toFixed(3));
      if (farChanged) window.setTimeout(() => resync.current(true), 0); // not inside cytoscape's own event
    });
    cy.on('mouseover', 'node', (e) => {
      const text = e.target.data('tip') as string | undefined;
      const p = e.renderedPosition ?? e.target.renderedPosition();
      if (text) setTip({ text, x: p.x, y: p.y });
    });
    cy.on('mouseout', 'node', () => setTip(null));
    cy.on('viewport', () => setTip(null));
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => cy.resize());
    if (observer && container.current) observer.observe(container.current);
    return () => {
      observer?.disconnect();
      cy.destroy();
      cyRef.current = null;
      syncRef.current = null;
      fitted.current = false;
    };
    // The instance lives as long as the component; theme changes restyle it below.
  }, []);

  // Big clusters are drawn as counts: redrawing those 4 times a second is plenty, and it leaves
  // the main thread to the terminal. Small ones follow every batch. (Every 500 ms costs a third
  // less CPU but each frame then redraws twice the changes: the longest tasks grow.)
  const latest = useRef({ objects, showOwners, aggregateAbove, throttleMs });
  latest.current = { objects, showOwners, aggregateAbove, throttleMs };
  const timer = useRef<number | null>(null);
  const lastRun = useRef(0);
  useEffect(() => {
    const run = () => {
      timer.current = null;
      lastRun.current = performance.now();
      const sync = syncRef.current;
      const cy = cyRef.current;
      if (!sync || !cy) return;
      const p = latest.current;
      sync.update(p.objects, { showOwners: p.showOwners, aggregateAbove: p.aggregateAbove, animate: fitted.current, far: isFar(step.current) });
      container.current?.setAttribute('data-update-ms', sync.stats.ms.toFixed(1));
      container.current?.setAttribute('data-elements', String(sync.stats.elements));
      container.current?.setAttribute('data-update-phases', JSON.stringify(sync.stats.phases, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
      if (!fitted.current && cy.nodes().length > 1) {
        cy.fit(undefined, 24);
        fitted.current = true;
      }
    };
    const schedule = (now = false) => {
      const big = shouldAggregateAll(Object.keys(latest.current.objects.pods ?? {}).length, latest.current.aggregateAbove);
      const wait = big && !now ? latest.current.throttleMs - (performance.now() - lastRun.current) : 0;
      if (wait <= 0) {
        if (timer.current !== null) window.clearTimeout(timer.current);
        run();
      } else if (timer.current === null) timer.current = window.setTimeout(run, wait);
    };
    resync.current = schedule;
    schedule();
  }, [objects, showOwners, aggregateAbove]);
  useEffect(() => () => void (timer.current !== null && window.clearTimeout(timer.current)), []);

  useEffect(() => syncRef.current?.select(selected), [selected]);

  useEffect(() => {
    cyRef.current?.style(graphStyle(theme, step.current));
  }, [theme]);

  const palette = PALETTES[theme];
  const tipStyle: CSSProperties = {
    position: 'absolute',
    left: (tip?.x ?? 0) + 14,
    top: (tip?.y ?? 0) + 14,
    pointerEvents: 'none',
    whiteSpace: 'pre',
    font: '12px system-ui, sans-serif',
    padding: '4px 8px',
    borderRadius: 4,
    background: palette.text,
    color: palette.background,
    zIndex: 2,
  };
  return (
    <div className="cluster-graph" style={{ position: 'relative', width: '100%', height: '100%', background: palette.background }}>
      <div
        ref={container}
        role="img"
        aria-label="Cluster graph: node pools, nodes and their pods (the cluster list beside it has the same objects)"
        data-testid="cluster-graph"
        style={{ position: 'absolute', inset: 0 }}
      />
      {tip && <div style={tipStyle}>{tip.text}</div>}
      <button
        type="button"
        aria-label="Fit graph to view"
        title="Fit graph to view"
        onClick={() => cyRef.current?.fit(undefined, 24)}
        style={{ position: 'absolute', right: 8, top: 8, zIndex: 2, font: '12px system-ui, sans-serif', color: palette.text, background: palette.pool.fill, border: `1px solid ${palette.pool.border}`, borderRadius: 4, padding: '2px 8px', cursor: 'pointer' }}
      >
        Fit
      </button>
    </div>
  );
}
