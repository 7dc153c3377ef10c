import { describe, expect, it } from 'vitest';
import { fakeCluster, fakePod, seeded } from './fakeCluster';
import { buildElements } from './elements';
import { layoutGraph, NODE_CAPACITY, EMPTY_MEMORY, type LayoutMemory } from './layout';
import { UNSCHEDULED } from './constants';
import { buildGraphModel } from './model';
import type { ObjectsByResource } from './refs';
import { assignSlots } from './slots';

function positions(objects: ObjectsByResource, memory: LayoutMemory) {
  const model = buildGraphModel(objects, { showOwners: true });
  const { layout, memory: next } = layoutGraph(model, memory);
  const pos = new Map(buildElements(model, layout).filter((e) => e.position).map((e) => [e.data.id, e.position!]));
  return { pos, memory: next };
}

describe('assignSlots', () => {
  it('keeps slots, frees leavers, fills the lowest free slot', () => {
    const a = assignSlots(undefined, ['c', 'a', 'b']);
    expect(a).toEqual({ a: 0, b: 1, c: 2 });
    const b = assignSlots(a, ['a', 'c', 'd']);
    expect(b).toEqual({ a: 0, c: 2, d: 1 });
    expect(assignSlots(b, ['a', 'c', 'd'])).toBe(b);
  });
});

describe('layoutGraph', () => {
  it('is deterministic', () => {
    const objects = fakeCluster({ pools: [{ name: 'system', nodes: 2 }, { name: 'user', nodes: 4 }], deployments: 5 });
    expect([...positions(objects, EMPTY_MEMORY).pos]).toEqual([...positions(objects, EMPTY_MEMORY).pos]);
  });

  it('never moves other pods or nodes when pods come and go (random sequence)', () => {
    const rand = seeded(42);
    const objects = fakeCluster({ pools: [{ name: 'nodepool1', nodes: 4 }], deployments: 3, replicas: 4 });
    const nodes = Object.keys(objects.nodes);
    let { pos, memory } = positions(objects, EMPTY_MEMORY);
    for (let step = 0; step < 200; step++) {
      const pods = Object.keys(objects.pods);
      if (rand() < 0.5 && pods.length > 0) {
        delete objects.pods[pods[Math.floor(rand() * pods.length)]];
      } else {
        const name = `p-${step}`;
        const node = rand() < 0.15 ? undefined : nodes[Math.floor(rand() * nodes.length)];
        objects.pods[`default/${name}`] = fakePod(name, 'default', { node });
      }
      const next = positions(objects, memory);
      for (const [id, p] of next.pos) {
        if (id.startsWith('agg:') || id === UNSCHEDULED) continue;
        const before = pos.get(id);
        if (before) expect([id, p]).toEqual([id, before]);
      }
      pos = next.pos;
      memory = next.memory;
    }
  });

  it('keeps pods in the box of their node', () => {
    const objects = fakeCluster({ pools: [{ name: 'a', nodes: 3 }], deployments: 2 });
    const model = buildGraphModel(objects, { showOwners: false });
    const { layout } = layoutGraph(model);
    for (const el of buildElements(model, layout)) {
      if (!el.classes.startsWith('pod')) continue;
      const pod = model.pods.find((p) => p.key === el.data.id)!;
      const box = layout.boxes.get(pod.host)!;
      expect(Math.abs(el.position!.x - box.x)).toBeLessThan(box.w / 2);
      expect(Math.abs(el.position!.y - box.y)).toBeLessThan(box.h / 2);
    }
  });

  it('gives nodes in a pool rows of stable slots', () => {
    const objects = fakeCluster({ pools: [{ name: 'a', nodes: 5 }], deployments: 0, daemonSets: 0, unscheduled: 0 });
    const first = positions(objects, EMPTY_MEMORY);
    const removed = Object.keys(objects.nodes)[1];
    delete objects.nodes[removed];
    const second = positions(objects, first.memory);
    for (const n of Object.keys(objects.nodes)) expect(second.pos.get(`nodes/${n}`)).toEqual(first.pos.get(`nodes/${n}`));
    expect(NODE_CAPACITY).toBe(30);
  });
});
