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

export type IndexFunction = (obj: KubeObject) => string[];

export interface StoreSnapshot {
  resourceVersion: number;
  objects: Record<string, KubeObject[]>;
}

const DEFAULT_HISTORY = 20000;

export class Store {
  private rv = 0;
  private tables = new Map<string, Map<string, KubeObject>>();
  /**
   * The same objects by resource, namespace ('' when cluster-scoped) and name, so `get` needs no
   * `namespace/name` key built (and hashed) per lookup.
   */
  private byName = new Map<string, Map<string, Map<string, KubeObject>>>();
  /** Per resource, keys in namespace/name order; rebuilt lazily after an add or a removal. */
  private sortedKeys = new Map<string, string[]>();
  private listeners = new Set<StoreListener>();
  private indexes = new Map<string, Map<string, Index>>();
  private history: StoreEvent[] = [];
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
    return this.byName.get(resource)?.get(namespace || '')?.get(name);
  }

  /** Objects of a resource, optionally in one namespace, in key order (namespace, then name). */
  list(resource: string, namespace?: string): KubeObject[] {
    const table = this.tables.get(resource);
    if (!table) return [];
    let keys = this.sortedKeys.get(resource);
    if (!keys) {
      keys = [...table.values()].sort(byNamespaceAndName).map((o) => storeKey(o.metadata.namespace, o.metadata.name));
      this.sortedKeys.set(resource, keys);
    }
    const out: KubeObject[] = [];
    for (const key of keys) {
      const obj = table.get(key)!;
      if (namespace === undefined || obj.metadata.namespace === namespace) out.push(obj);
    }
    return out;
  }

  count(resource: string): number {
    return this.tables.get(resource)?.size ?? 0;
  }

  /** Stores a new or changed object, stamping its resourceVersion, and notifies watchers. */
  put(resource: string, obj: KubeObject): KubeObject {
    const key = storeKey(obj.metadata.namespace, obj.metadata.name);
    let table = this.tables.get(resource);
    if (!table) this.tables.set(resource, (table = new Map()));
    const old = table.get(key);
    const rv = ++this.rv;
    obj.metadata.resourceVersion = String(rv);
    table.set(key, obj);
    this.setByName(resource, obj);
    if (!old) this.sortedKeys.delete(resource);
    this.reindex(resource, key, old, obj);
    this.emit({ type: old ? 'MODIFIED' : 'ADDED', resource, object: obj, old, resourceVersion: rv });
    return obj;
  }

  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = storeKey(namespace, name);
    const table = this.tables.get(resource);
    const old = table?.get(key);
    if (!table || !old) return undefined;
    table.delete(key);
    const names = this.byName.get(resource)!;
    const inNamespace = names.get(namespace || '')!;
    inNamespace.delete(name);
    if (inNamespace.size === 0) names.delete(namespace || '');
    this.sortedKeys.delete(resource);
    const rv = ++this.rv;
    // A deleted object is reported at the revision of its deletion, as etcd watches do.
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } };
    this.reindex(resource, key, old, undefined);
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
    const index: Index = { fn, values: new Map(), sorted: new Map() };
    forResource.set(name, index);
    for (const [key, obj] of this.tables.get(resource) ?? []) addToIndex(index, fn(obj), key);
  }

  /** Objects under an index value, in namespace/name order (the order is cached per bucket). */
  byIndex(resource: string, name: string, value: string): KubeObject[] {
    const index = this.indexes.get(resource)?.get(name);
    if (!index) throw new Error(`no index ${name} on ${resource}`);
    const bucket = index.values.get(value);
    if (bucket === undefined) return [];
    const table = this.tables.get(resource)!;
    if (typeof bucket === 'string') return [table.get(bucket)!];
    let keys = index.sorted.get(value);
    if (!keys) {
      keys = [...bucket].map((k) => table.get(k)!).sort(byNamespaceAndName).map((o) => storeKey(o.metadata.namespace, o.metadata.name));
      index.sorted.set(value, keys);
    }
    return keys.map((k) => table.get(k)!);
  }

  snapshot(): StoreSnapshot {
    const objects: Record<string, KubeObject[]> = {};
    for (const resource of [...this.tables.keys()].sort()) objects[resource] = this.list(resource);
    return { resourceVersion: this.rv, objects };
  }

  static restore(s: StoreSnapshot, historyLimit = DEFAULT_HISTORY): Store {
    const store = new Store(historyLimit);
    for (const [resource, objs] of Object.entries(s.objects)) {
      const table = new Map<string, KubeObject>();
      for (const o of objs) {
        table.set(storeKey(o.metadata.namespace, o.metadata.name), o);
        store.setByName(resource, o);
      }
      store.tables.set(resource, table);
    }
    store.rv = s.resourceVersion;
    store.compactedRevision = s.resourceVersion;
    return store;
  }

  private setByName(resource: string, obj: KubeObject): void {
    let names = this.byName.get(resource);
    if (!names) this.byName.set(resource, (names = new Map()));
    const ns = obj.metadata.namespace || '';
    let inNamespace = names.get(ns);
    if (!inNamespace) names.set(ns, (inNamespace = new Map()));
    inNamespace.set(obj.metadata.name, obj);
  }

  private emit(ev: StoreEvent): void {
    this.history.push(ev);
    if (this.history.length > this.historyLimit * 1.25) {
      const drop = this.history.length - this.historyLimit;
      this.compactedRevision = this.history[drop - 1].resourceVersion;
      this.history = this.history.slice(drop);
    }
    for (const l of this.listeners) l(ev);
  }

  private reindex(resource: string, key: string, old: KubeObject | undefined, obj: KubeObject | undefined): void {
    const forResource = this.indexes.get(resource);
    if (!forResource) return;
    for (const index of forResource.values()) {
      const before = old ? index.fn(old) : NO_VALUES;
      const after = obj ? index.fn(obj) : NO_VALUES;
      // Most writes leave an object under the same values: buckets hold keys, so nothing to do.
      if (sameValues(before, after)) continue;
      removeFromIndex(index, before.filter((v) => !after.includes(v)), key);
      addToIndex(index, after, key);
    }
  }
}

export function storeKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

interface Index {
  fn: IndexFunction;
  /**
   * Store keys per value; the objects themselves are read from the table. A value that indexes
   * one object (most do, e.g. an event's dedup bucket) holds its key alone, without a Set.
   */
  values: Map<string, string | Set<string>>;
  /** Cached key order per value; dropped when the bucket's membership changes. */
  sorted: Map<string, string[]>;
}

const NO_VALUES: string[] = [];

function sameValues(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function addToIndex(index: Index, values: string[], key: string): void {
  for (const v of values) {
    const bucket = index.values.get(v);
    // A new value has no cached order to drop (removing its last key dropped it).
    if (bucket === undefined) index.values.set(v, key);
    else if (bucket === key || (typeof bucket !== 'string' && bucket.has(key))) continue;
    else {
      if (typeof bucket === 'string') index.values.set(v, new Set([bucket, key]));
      else bucket.add(key);
      index.sorted.delete(v);
    }
  }
}

function removeFromIndex(index: Index, values: string[], key: string): void {
  for (const v of values) {
    const bucket = index.values.get(v);
    if (bucket === undefined) continue;
    if (typeof bucket === 'string') {
      if (bucket !== key) continue;
      index.values.delete(v);
    } else {
      if (!bucket.delete(key)) continue;
      if (bucket.size === 0) index.values.delete(v);
    }
    index.sorted.delete(v);
  }
}
