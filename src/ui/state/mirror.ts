/**
 * The page's copy of the cluster, kept by applying the Worker's batches. One mechanism for every
 * resource: `objects[resource][namespace/name]` (`name` for cluster-scoped objects). Pure: each
 * function returns new state and shares what did not change, so React sees which resources moved.
 */
import type { KubeObject } from '../../engine/objects';
import type { Batch, FullState, ObjectRef } from '../../protocol/messages';

export type ObjectsByResource = Record<string, Record<string, KubeObject>>;

export interface Mirror {
  /** Sequence number of the last batch applied. */
  seq: number;
  resourceVersion: number;
  objects: ObjectsByResource;
  /** Newest last, at most MAX_EVENTS. */
  events: KubeObject[];
}

export const MAX_EVENTS = 500;

export const emptyMirror: Mirror = { seq: 0, resourceVersion: 0, objects: {}, events: [] };

export function keyOf(ref: { namespace?: string; name: string }): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

export function mirrorFromFull(full: FullState): Mirror {
  const objects: ObjectsByResource = {};
  for (const [resource, list] of Object.entries(full.objects)) {
    const table: Record<string, KubeObject> = {};
    for (const o of list) table[keyOf(o.metadata)] = o;
    objects[resource] = table;
  }
  return { seq: full.seq, resourceVersion: full.resourceVersion, objects, events: full.events.slice(-MAX_EVENTS) };
}

export type ApplyResult = { ok: true; mirror: Mirror } | { ok: false; reason: string };

/**
 * Applies batches in order. A batch that does not follow on from the mirror (a gap in `seq` or in
 * resourceVersion, a removal of an object the mirror never had) means the mirror is out of step:
 * the caller resyncs from a full list. Batches the mirror already has are skipped.
 */
export function applyBatches(mirror: Mirror, batches: Batch[]): ApplyResult {
  let m = mirror;
  const touched = new Set<string>();
  let objects = m.objects;
  let copied = false;
  let events = m.events;
  for (const b of batches) {
    if (b.seq <= m.seq) continue;
    if (b.seq !== m.seq + 1) return { ok: false, reason: `batch ${b.seq} after ${m.seq}` };
    if (b.fromResourceVersion !== m.resourceVersion) return { ok: false, reason: `batch from resourceVersion ${b.fromResourceVersion}, mirror at ${m.resourceVersion}` };
    const table = (resource: string) => {
      if (!touched.has(resource)) {
        if (!copied) objects = { ...objects };
        copied = true;
        objects[resource] = { ...(objects[resource] ?? {}) };
        touched.add(resource);
      }
      return objects[resource];
    };
    for (const { resource, object } of b.upserted) table(resource)[keyOf(object.metadata)] = object;
    for (const ref of b.removed) {
      const t = table(ref.resource);
      const key = keyOf(ref);
      if (!(key in t)) return { ok: false, reason: `removal of unknown ${describe(ref)}` };
      delete t[key];
    }
    if (b.events.length) events = mergeEvents(events, b.events);
    m = { seq: b.seq, resourceVersion: b.resourceVersion, objects, events };
  }
  return { ok: true, mirror: m };
}

/** Adds new Events and replaces updated ones (an Event's count goes up), newest last. */
function mergeEvents(events: KubeObject[], incoming: KubeObject[]): KubeObject[] {
  const updated = new Set(incoming.map((e) => e.metadata.uid ?? keyOf(e.metadata)));
  const kept = events.filter((e) => !updated.has(e.metadata.uid ?? keyOf(e.metadata)));
  return [...kept, ...incoming].slice(-MAX_EVENTS);
}

function describe(ref: ObjectRef): string {
  return `${ref.resource} ${keyOf(ref)}`;
}
