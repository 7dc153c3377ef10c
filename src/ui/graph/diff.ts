/**
 * What changed between the elements on screen and the elements wanted: the graph is updated by
 * these differences, never rebuilt.
 */
import type { GraphElement } from './elements';

export interface ElementDiff {
  add: GraphElement[];
  remove: string[];
  /** Data or classes changed. */
  update: GraphElement[];
  /** Position changed. */
  move: GraphElement[];
}

function sameData(a: GraphElement['data'], b: GraphElement['data']): boolean {
  for (const k in a) if (a[k] !== b[k]) return false;
  for (const k in b) if (!(k in a)) return false;
  return true;
}

export function diffElements(prev: ReadonlyMap<string, GraphElement>, next: readonly GraphElement[]): ElementDiff {
  const diff: ElementDiff = { add: [], remove: [], update: [], move: [] };
  const seen = new Set<string>();
  for (const el of next) {
    seen.add(el.data.id);
    const old = prev.get(el.data.id);
    if (!old || old.group !== el.group || (el.group === 'edges' && (old.data.source !== el.data.source || old.data.target !== el.data.target))) {
      if (old) diff.remove.push(el.data.id);
      diff.add.push(el);
      continue;
    }
    if (old.classes !== el.classes || !sameData(old.data, el.data)) diff.update.push(el);
    if (el.position && (old.position?.x !== el.position.x || old.position?.y !== el.position.y)) diff.move.push(el);
  }
  for (const id of prev.keys()) if (!seen.has(id)) diff.remove.push(id);
  return diff;
}

export function isEmptyDiff(d: ElementDiff): boolean {
  return d.add.length + d.remove.length + d.update.length + d.move.length === 0;
}
