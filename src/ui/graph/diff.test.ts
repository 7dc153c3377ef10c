import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { applyDiff } from './cyAdapter';
import { diffElements } from './diff';
import type { GraphElement } from './elements';

const node = (id: string, x = 0, classes = 'pod'): GraphElement => ({ group: 'nodes', data: { id, label: id }, position: { x, y: 0 }, classes });
const edge = (s: string, t: string): GraphElement => ({ group: 'edges', data: { id: `${s}->${t}`, source: s, target: t }, classes: 'edge' });

describe('diffElements', () => {
  it('finds added, removed, updated and moved elements', () => {
    const prev = new Map([node('a'), node('b'), node('c')].map((e) => [e.data.id, e]));
    const d = diffElements(prev, [node('a'), node('b', 5), node('c', 0, 'pod s-failing'), node('d')]);
    expect(d.add.map((e) => e.data.id)).toEqual(['d']);
    expect(d.move.map((e) => e.data.id)).toEqual(['b']);
    expect(d.update.map((e) => e.data.id)).toEqual(['c']);
    expect(diffElements(prev, [node('a')]).remove).toEqual(['b', 'c']);
  });
});

describe('applyDiff', () => {
  it('updates a headless cytoscape incrementally', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    let prev = new Map<string, GraphElement>();
    const step = (next: GraphElement[]) => {
      applyDiff(cy, diffElements(prev, next), { animate: false });
      prev = new Map(next.map((e) => [e.data.id, e]));
    };
    step([node('a'), node('b'), edge('a', 'b')]);
    const a = cy.getElementById('a');
    step([node('a'), node('b', 7), node('c'), edge('a', 'b')]);
    expect(cy.getElementById('a')).toBe(a); // same element object: not rebuilt
    expect(cy.getElementById('b').position('x')).toBe(7);
    step([node('a', 0, 'pod s-failing')]);
    expect(cy.nodes().map((n) => n.id())).toEqual(['a']);
    expect(cy.edges().length).toBe(0);
    expect(cy.getElementById('a').hasClass('s-failing')).toBe(true);
  });
});
