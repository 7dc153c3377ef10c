/**
 * Keeps one cytoscape instance in step with the mirrored objects: model → stable layout →
 * elements → diff → one batched update. Holds the layout memory and what is on screen; knows
 * nothing of React (ClusterGraph.tsx is the thin adapter).
 */
import type { Core } from 'cytoscape';
import { applyDiff } from './cyAdapter';
import { diffElements, isEmptyDiff } from './diff';
import { buildElements, type GraphElement } from './elements';
import { EMPTY_MEMORY, layoutGraph, type LayoutMemory } from './layout';
import { buildGraphModel } from './model';
import { refKey, type ObjectRef, type ObjectsByResource } from './refs';

export interface SyncOptions {
  showOwners: boolean;
  aggregateAbove?: number;
  animate?: boolean;
  /** Zoomed far out (zoom.ts): owners drawn as one summary. */
  far?: boolean;
}

export interface SyncStats {
  ms: number;
  elements: number;
  added: number;
  removed: number;
  updated: number;
  pods: number;
  /** Milliseconds per step: model, layout, elements, diff, apply. */
  phases: Record<'model' | 'layout' | 'elements' | 'diff' | 'apply', number>;
}

export class GraphSync {
  private memory: LayoutMemory = EMPTY_MEMORY;
  private shown = new Map<string, GraphElement>();
  private selectedId: string | null = null;
  stats: SyncStats = { ms: 0, elements: 0, added: 0, removed: 0, updated: 0, pods: 0, phases: { model: 0, layout: 0, elements: 0, diff: 0, apply: 0 } };

  constructor(private readonly cy: Core) {}

  /** Brings the graph up to date; returns whether anything changed on screen. */
  update(objects: ObjectsByResource, opts: SyncOptions): boolean {
    const t0 = performance.now();
    const model = buildGraphModel(objects, { showOwners: opts.showOwners, aggregateAbove: opts.aggregateAbove });
    const t1 = performance.now();
    const { layout, memory } = layoutGraph(model, this.memory);
    this.memory = memory;
    const t2 = performance.now();
    const next = buildElements(model, layout, { aggregateAbove: opts.aggregateAbove, far: opts.far });
    const t3 = performance.now();
    const diff = diffElements(this.shown, next);
    const changed = !isEmptyDiff(diff);
    const t4 = performance.now();
    if (changed) {
      applyDiff(this.cy, diff, { animate: opts.animate ?? true });
      this.shown = new Map(next.map((e) => [e.data.id, e]));
      if (this.selectedId) this.highlight(this.selectedId);
    }
    const t5 = performance.now();
    this.stats = {
      ms: performance.now() - t0,
      elements: next.length,
      added: diff.add.length,
      removed: diff.remove.length,
      updated: diff.update.length + diff.move.length,
      pods: model.pods.length,
      phases: { model: t1 - t0, layout: t2 - t1, elements: t3 - t2, diff: t4 - t3, apply: t5 - t4 },
    };
    return changed;
  }

  select(ref: ObjectRef | null | undefined): void {
    this.cy.batch(() => {
      this.cy.$('.selected').removeClass('selected');
      this.cy.$('edge.hl').removeClass('hl');
      this.selectedId = ref ? refKey(ref) : null;
      if (this.selectedId) this.highlight(this.selectedId);
    });
  }

  private highlight(id: string): void {
    const ele = this.cy.getElementById(id);
    ele.addClass('selected');
    ele.connectedEdges().addClass('hl');
  }
}
