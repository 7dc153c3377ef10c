/**
 * The object store, in the role etcd plays: objects by resource, namespace and name; one
 * monotonically increasing resourceVersion; watch listeners; secondary indexes; a bounded
 * history of changes (compacted like etcd's) so a watch can resume from a resourceVersion; and
 * snapshot/restore as plain JSON.
 *
 * The store trusts its callers: validation, defaulting and conflict checks live in the API
 * server, the only writer. Objects handed in are owned by the store and never mutated afterwards.
 */
import type { KubeObject } from '../objects';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resource: string;
  object: KubeObject;
  /** The previous version, for MODIFIED and DELETED. */
  old?: KubeObject;
  resourceVersion: number;
}

export type StoreListener = (event: StoreEvent) => void;

/**
 * A value an index files objects under. A number is looked up without hashing or comparing
 * strings (a small integer, e.g. a hash, is the cheapest key a Map has).
 */
export type IndexValue = string | number;

/** An object's index values; the store keeps the array (never mutating it), so it may be shared. */
export type IndexFunction = (obj: KubeObject) => readonly IndexValue[];

export interface StoreSnapshot {
  resourceVersion: number;
  objects: Record<string, KubeObject[]>;
}

const DEFAULT_HISTORY = 20000;

export class Store {
  private rv = 0;
  /**
   * Per resource, entries by namespace ('' when cluster-scoped) and name: a lookup or the update
   * of an existing object builds (and hashes) no `namespace/name` key.
   */
  private tables = new Map<string, Table>();
  private listeners = new Set<StoreListener>();
  private indexes = new Map<string, Map<string, Index>>();
  /** The same indexes per resource as a list, position = `Index.slot`, for `reindex`. */
  private indexLists = new Map<string, Index[]>();
  private readonly history: StoreEvent[] = [];
  private compactedRevision = 0;

  constructor(private readonly historyLimit = DEFAULT_HISTORY) {}

  get resourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get compacted(): number {
    return this.compactedRevision;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(resource)?.byNamespace.get(namespace || '')?.get(name)?.obj;
  }

  /** Objects of a resource, optionally in one namespace, in key order (namespace, then name). */
  list(resource: string, namespace?: string): KubeObject[] {
    const table = this.tables.get(resource);
    if (!table) return [];
    let sorted = table.sorted;
    if (!sorted) {
      sorted = [];
      for (const inNamespace of table.byNamespace.values()) for (const entry of inNamespace.values()) sorted.push(entry);
      table.sorted = sorted.sort(byNamespaceAndName);
    }
    if (namespace === '') return sorted.filter((e) => e.obj.metadata.namespace === '').map(objectOf);
    // A named namespace's objects are contiguous in this order, and counted by its name map:
    // found by binary search and copied into an array of the right size.
    let from = 0;
    let count = sorted.length;
    if (namespace !== undefined) {
      count = table.byNamespace.get(namespace)?.size ?? 0;
      if (count === 0) return [];
      let hi = sorted.length;
      while (from < hi) {
        const mid = (from + hi) >> 1;
        if ((sorted[mid].obj.metadata.namespace ?? '') < namespace) from = mid + 1;
        else hi = mid;
      }
    }
    const out = new Array<KubeObject>(count);
    for (let i = 0; i < count; i++) out[i] = sorted[from + i].obj;
    return out;
  }

  count(resource: string): number {
    return this.tables.get(resource)?.size ?? 0;
  }

  /** Stores a new or changed object, stamping its resourceVersion, and notifies watchers. */
  put(resource: string, obj: KubeObject): KubeObject {
    const meta = obj.metadata;
    let table = this.tables.get(resource);
    if (!table) this.tables.set(resource, (table = new Table()));
    const ns = meta.namespace || '';
    let inNamespace = table.byNamespace.get(ns);
    if (!inNamespace) table.byNamespace.set(ns, (inNamespace = new Map()));
    // An existing object keeps its entry, updated in place.
    let entry = inNamespace.get(meta.name);
    const old = entry?.obj;
    const rv = ++this.rv;
    meta.resourceVersion = String(rv);
    if (entry) entry.obj = obj;
    else {
      entry = new Entry(obj, this.indexLists.get(resource)?.length ?? 0);
      inNamespace.set(meta.name, entry);
      table.size++;
      table.sorted = undefined;
    }
    this.reindex(resource, entry, old, obj);
    this.emit({ type: old ? 'MODIFIED' : 'ADDED', resource, object: obj, old, resourceVersion: rv });
    return obj;
  }

  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const table = this.tables.get(resource);
    const inNamespace = table?.byNamespace.get(namespace || '');
    const entry = inNamespace?.get(name);
    if (!table || !inNamespace || !entry) return undefined;
    const old = entry.obj;
    inNamespace.delete(name);
    if (inNamespace.size === 0) table.byNamespace.delete(namespace || '');
    table.size--;
    table.sorted = undefined;
    const rv = ++this.rv;
    // A deleted object is reported at the revision of its deletion, as etcd watches do.
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } };
    this.reindex(resource, entry, old, undefined);
    this.emit({ type: 'DELETED', resource, object: gone, old, resourceVersion: rv });
    return gone;
  }

  /** Every change, in order, to every listener. Returns the unsubscribe function. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes after `resourceVersion`, or undefined if that revision was compacted away. */
  changesSince(resourceVersion: number): StoreEvent[] | undefined {
    if (resourceVersion < this.compactedRevision) return undefined;
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].resourceVersion <= resourceVersion) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  /** Declares a secondary index: `byIndex(resource, name, value)` then answers in O(matches). */
  addIndex(resource: string, name: string, fn: IndexFunction): void {
    let forResource = this.indexes.get(resource);
    if (!forResource) this.indexes.set(resource, (forResource = new Map()));
    let list = this.indexLists.get(resource);
    if (!list) this.indexLists.set(resource, (list = []));
    // Declaring a name again replaces that index, in its slot.
    const slot = forResource.get(name)?.slot ?? list.length;
    const index: Index = { fn, slot, values: new Map(), sorted: new Map() };
    forResource.set(name, index);
    list[slot] = index;
    for (const inNamespace of this.tables.get(resource)?.byNamespace.values() ?? []) {
      for (const entry of inNamespace.values()) {
        const values = fn(entry.obj);
        entry.indexed[slot] = values;
        addToIndex(index, values, entry);
      }
    }
  }

  /** Objects under an index value, in namespace/name order (the order is cached per bucket). */
  byIndex(resource: string, name: string, value: IndexValue): KubeObject[] {
    const index = this.indexes.get(resource)?.get(name);
    if (!index) throw new Error(`no index ${name} on ${resource}`);
    const bucket = index.values.get(value);
    if (bucket === undefined) return [];
    if (bucket instanceof Entry) return [bucket.obj];
    let sorted = index.sorted.get(value);
    if (!sorted) {
      sorted = [...bucket].sort(byNamespaceAndName);
      index.sorted.set(value, sorted);
    }
    const out = new Array<KubeObject>(sorted.length);
    for (let i = 0; i < sorted.length; i++) out[i] = sorted[i].obj;
    return out;
  }

  snapshot(): StoreSnapshot {
    const objects: Record<string, KubeObject[]> = {};
    for (const resource of [...this.tables.keys()].sort()) objects[resource] = this.list(resource);
    return { resourceVersion: this.rv, objects };
  }

  static restore(s: StoreSnapshot, historyLimit = DEFAULT_HISTORY): Store {
    const store = new Store(historyLimit);
    for (const [resource, objs] of Object.entries(s.objects)) {
      const table = new Table();
      for (const o of objs) {
        const ns = o.metadata.namespace || '';
        let inNamespace = table.byNamespace.get(ns);
        if (!inNamespace) table.byNamespace.set(ns, (inNamespace = new Map()));
        inNamespace.set(o.metadata.name, new Entry(o, 0));
        table.size++;
      }
      store.tables.set(resource, table);
    }
    store.rv = s.resourceVersion;
    store.compactedRevision = s.resourceVersion;
    return store;
  }

  private emit(ev: StoreEvent): void {
    this.history.push(ev);
    if (this.history.length > this.historyLimit * 1.25) {
      const drop = this.history.length - this.historyLimit;
      this.compactedRevision = this.history[drop - 1].resourceVersion;
      // Compacted in place: no new array of historyLimit events per compaction.
      this.history.copyWithin(0, drop);
      this.history.length = this.historyLimit;
    }
    for (const l of this.listeners) l(ev);
  }

  private reindex(resource: string, entry: Entry, old: KubeObject | undefined, obj: KubeObject | undefined): void {
    const list = this.indexLists.get(resource);
    if (!list) return;
    const indexed = entry.indexed;
    for (let i = 0; i < list.length; i++) {
      const index = list[i];
      // The old version's values were recorded when it was stored (index functions are pure).
      const before = old ? (indexed[i] ?? index.fn(old)) : NO_VALUES;
      const after = obj ? index.fn(obj) : NO_VALUES;
      // Most writes leave an object under the same values: buckets hold entries, so nothing to do,
      // and the array kept is the one already held (the new one dies young instead of surviving).
      if (sameValues(before, after)) {
        indexed[i] = before;
        continue;
      }
      indexed[i] = after;
      removeFromIndex(index, before, after, entry);
      addToIndex(index, after, entry);
    }
  }
}

/**
 * One stored object, and the values each index of its resource gave it (by index slot), so a
 * write or a removal need not run the index functions on the version it replaces. An object
 * keeps its entry from creation to removal; index buckets and sorted lists hold entries.
 */
class Entry {
  readonly indexed: (readonly IndexValue[] | undefined)[];
  constructor(
    public obj: KubeObject,
    /** How many indexes the resource has: the array is sized once (an empty one grows to 16). */
    indexes: number,
  ) {
    this.indexed = new Array(indexes);
  }
}

function objectOf(entry: Entry): KubeObject {
  return entry.obj;
}

/** One resource's entries. */
class Table {
  readonly byNamespace = new Map<string, Map<string, Entry>>();
  size = 0;
  /** Entries in namespace/name order; dropped when an object is added or removed. */
  sorted: Entry[] | undefined = undefined;
}

function byNamespaceAndName(ea: Entry, eb: Entry): number {
  const a = ea.obj.metadata;
  const b = eb.obj.metadata;
  const an = a.namespace ?? '';
  const bn = b.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

interface Index {
  fn: IndexFunction;
  /** Position among its resource's indexes (in `Entry.indexed`). */
  slot: number;
  /**
   * Entries per value. A value that indexes one object (most do, e.g. an event's dedup bucket)
   * holds its entry alone, without a Set.
   */
  values: Map<IndexValue, Entry | Set<Entry>>;
  /** Cached entry order per value; dropped when the bucket's membership changes. */
  sorted: Map<IndexValue, Entry[]>;
}

const NO_VALUES: readonly IndexValue[] = [];

function sameValues(a: readonly IndexValue[], b: readonly IndexValue[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function addToIndex(index: Index, values: readonly IndexValue[], entry: Entry): void {
  for (const v of values) {
    const bucket = index.values.get(v);
    // A new value has no cached order to drop (removing its last entry dropped it).
    if (bucket === undefined) index.values.set(v, entry);
    else if (bucket === entry || (!(bucket instanceof Entry) && bucket.has(entry))) continue;
    else {
      if (bucket instanceof Entry) index.values.set(v, new Set([bucket, entry]));
      else bucket.add(entry);
      index.sorted.delete(v);
    }
  }
}

/** Removes `entry` from the buckets of `values` it keeps no value in `kept` for. */
function removeFromIndex(index: Index, values: readonly IndexValue[], kept: readonly IndexValue[], entry: Entry): void {
  for (const v of values) {
    if (kept.includes(v)) continue;
    const bucket = index.values.get(v);
    if (bucket === undefined) continue;
    if (bucket instanceof Entry) {
      if (bucket !== entry) continue;
      index.values.delete(v);
    } else {
      if (!bucket.delete(entry)) continue;
      if (bucket.size === 0) index.values.delete(v);
    }
    index.sorted.delete(v);
  }
}
