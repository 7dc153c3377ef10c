/**
 * Applies an ElementDiff to a cytoscape instance in one batch. New pods fade in and deleted ones
 * fade out when the change is small; large changes apply at once (animating thousands of
 * elements costs more than it shows).
 */
import type { Core, ElementDefinition, SingularElementReturnValue } from 'cytoscape';
import type { ElementDiff } from './diff';
import type { GraphElement } from './elements';

export const FADE_MS = 300;
/** Diffs touching more elements than this apply without animation. */
export const ANIMATE_AT_MOST = 150;

const LEAVING = 'leaving';

function definition(el: GraphElement): ElementDefinition {
  return { group: el.group, data: { ...el.data }, position: el.position ? { ...el.position } : undefined, classes: el.classes };
}

function fadeOut(ele: SingularElementReturnValue): void {
  ele.addClass(LEAVING);
  ele.animate({ style: { opacity: 0 } }, { duration: FADE_MS, complete: () => ele.removed() || ele.remove() });
}

function fadeIn(ele: SingularElementReturnValue): void {
  const target = Number(ele.style('opacity')) || 1;
  ele.style('opacity', 0);
  ele.animate({ style: { opacity: target } }, { duration: FADE_MS, complete: () => ele.removeStyle('opacity') });
}

export function applyDiff(cy: Core, diff: ElementDiff, opts: { animate: boolean }): void {
  const animate = opts.animate && diff.add.length + diff.remove.length <= ANIMATE_AT_MOST;
  const added: SingularElementReturnValue[] = [];
  cy.batch(() => {
    for (const id of diff.remove) {
      const ele = cy.getElementById(id);
      if (ele.empty() || ele.hasClass(LEAVING)) continue;
      if (animate && ele.isNode()) fadeOut(ele);
      else ele.remove();
    }
    // An element still fading out under an id that comes back is replaced at once.
    const comeback = cy.collection();
    for (const el of diff.add) {
      const old = cy.getElementById(el.data.id);
      if (old.nonempty()) comeback.merge(old.stop(true, false));
    }
    comeback.remove();
    const nodes = diff.add.filter((e) => e.group === 'nodes').map(definition);
    const edges = diff.add.filter((e) => e.group === 'edges').map(definition);
    const addedNodes = cy.add(nodes);
    cy.add(edges);
    if (animate) addedNodes.filter('.pod, .item, .agg').forEach((n) => void added.push(n));
    for (const el of diff.update) {
      const ele = cy.getElementById(el.data.id);
      ele.data(el.data);
      ele.classes(el.classes);
    }
    for (const el of diff.move) if (el.position) cy.getElementById(el.data.id).position(el.position);
  });
  for (const ele of added) fadeIn(ele);
}
