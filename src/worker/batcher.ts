/**
 * Collects the store's watch events into batches for the page: the latest version of each
 * changed object (one entry per object however often it changed), the removed ones, and new
 * Events kept apart. One mechanism for every resource.
 */
import type { KubeObject } from '../engine/objects';
import type { StoreEvent } from '../engine/store/store';
import type { Store } from '../engine/store/store';
import type { Batch, ClockState, FullState, ObjectRef } from '../protocol/messages';

/** Events live in the store like any object; the page shows them as a stream, not as objects. */
export const EVENTS_RESOURCE = 'events';
/** How many Events a full list carries (the newest). */
export const MAX_EVENTS = 500;

type Pending = { resource: string; object: KubeObject; removed: boolean };

export class Batcher {
  private pending = new Map<string, Pending>();
  private events = new Map<string, KubeObject>();
  private fromRv: number;
  private unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private seq: number,
  ) {
    this.fromRv = store.resourceVersion;
    this.unsubscribe = store.subscribe((e) => this.onChange(e));
  }

  get sequence(): number {
    return this.seq;
  }

  get hasChanges(): boolean {
    return this.pending.size > 0 || this.events.size > 0;
  }

  /** The changes since the last batch, or undefined when nothing changed. */
  flush(clock: ClockState): Batch | undefined {
    if (!this.hasChanges) return undefined;
    const upserted: Batch['upserted'] = [];
    const removed: ObjectRef[] = [];
    for (const p of this.pending.values()) {
      if (p.removed) removed.push(refOf(p.resource, p.object));
      else upserted.push({ resource: p.resource, object: p.object });
    }
    const batch: Batch = {
      seq: ++this.seq,
      fromResourceVersion: this.fromRv,
      resourceVersion: this.store.resourceVersion,
      upserted,
      removed,
      events: [...this.events.values()],
      clock,
    };
    this.pending.clear();
    this.events.clear();
    this.fromRv = this.store.resourceVersion;
    return batch;
  }

  /** Everything, for a page that starts over; pending changes are folded in. */
  full(clock: ClockState): FullState {
    this.pending.clear();
    this.events.clear();
    this.fromRv = this.store.resourceVersion;
    const snapshot = this.store.snapshot();
    const objects: Record<string, KubeObject[]> = {};
    for (const [resource, list] of Object.entries(snapshot.objects)) {
      if (resource !== EVENTS_RESOURCE && list.length > 0) objects[resource] = list;
    }
    const events = [...(snapshot.objects[EVENTS_RESOURCE] ?? [])]
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .slice(-MAX_EVENTS);
    return { seq: this.seq, resourceVersion: this.store.resourceVersion, objects, events, clock };
  }

  dispose(): void {
    this.unsubscribe();
  }

  private onChange(e: StoreEvent): void {
    if (e.resource === EVENTS_RESOURCE) {
      if (e.type !== 'DELETED') this.events.set(keyOf(e.resource, e.object), e.object);
      return;
    }
    this.pending.set(keyOf(e.resource, e.object), { resource: e.resource, object: e.object, removed: e.type === 'DELETED' });
  }
}

function keyOf(resource: string, o: KubeObject): string {
  return `${resource}|${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function refOf(resource: string, o: KubeObject): ObjectRef {
  return o.metadata.namespace ? { resource, namespace: o.metadata.namespace, name: o.metadata.name } : { resource, name: o.metadata.name };
}
