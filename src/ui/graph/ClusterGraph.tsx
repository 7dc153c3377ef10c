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
}

/** Least time between two updates of an aggregated (big) graph. */
const THROTTLE_MS = 250;

interface Tip {
  text: string;
  x: number;
  y: number;
}

export function ClusterGraph({ objects, selected, onSelect, showOwners, theme, aggregateAbove, render }: ClusterGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const syncRef = useRef<GraphSync | null>(null);
  const fitted = useRef(false);
  const onSelectRef = useRef(onSelect);
  const [tip, setTip] = useState<Tip | null>(null);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: graphStyle(theme),
      layout: { name: 'preset' },
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
  // the main thread to the terminal. Small ones follow every batch.
  const latest = useRef({ objects, showOwners, aggregateAbove });
  latest.current = { objects, showOwners, aggregateAbove };
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
      sync.update(p.objects, { showOwners: p.showOwners, aggregateAbove: p.aggregateAbove, animate: fitted.current });
      container.current?.setAttribute('data-update-ms', sync.stats.ms.toFixed(1));
      container.current?.setAttribute('data-elements', String(sync.stats.elements));
      container.current?.setAttribute('data-update-phases', JSON.stringify(sync.stats.phases, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
      if (!fitted.current && cy.nodes().length > 1) {
        cy.fit(undefined, 24);
        fitted.current = true;
      }
    };
    const big = shouldAggregateAll(Object.keys(objects.pods ?? {}).length, aggregateAbove);
    const wait = big ? THROTTLE_MS - (performance.now() - lastRun.current) : 0;
    if (wait <= 0) {
      if (timer.current !== null) window.clearTimeout(timer.current);
      run();
    } else if (timer.current === null) timer.current = window.setTimeout(run, wait);
  }, [objects, showOwners, aggregateAbove]);
  useEffect(() => () => void (timer.current !== null && window.clearTimeout(timer.current)), []);

  useEffect(() => syncRef.current?.select(selected), [selected]);

  useEffect(() => {
    cyRef.current?.style(graphStyle(theme));
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
