/**
 * Records core/v1 Events the way client-go's EventRecorder does: the component and host as the
 * source, an identical event (same object, reason, message, source) counted up instead of
 * duplicated, names `<object>.<hex nanoseconds>`, and removal after the apiserver's 1 h TTL.
 */
import type { KubeObject } from '../objects';
import type { EventQueue } from '../sim/eventQueue';
import { shallowCopy } from '../util/clone';
import { formatRFC3339, parseTime } from '../util/time';
import type { ApiServer } from './server';
import { parseRFC3339Error } from './typedDecoding';

export const EVENT_TTL_MS = 60 * 60 * 1000;
export const EVENT_TTL_TARGET = 'event-ttl';

export type EventType = 'Normal' | 'Warning';

const PERIODIC = { periodic: true } as const;

export interface EventSource {
  component: string;
  host?: string;
}

export interface InvolvedObject {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/**
 * The event the recorder is creating at this moment, when it is known to decode cleanly (see
 * decodesCleanly): the API server's create skips its typed decoding for that one object. Set
 * and cleared around a single synchronous create, so no other object can ever match.
 */
let decodedEvent: object | undefined;

/** Whether `obj` is an event the recorder built and already knows to decode as is. */
export function isDecodedEvent(obj: object): boolean {
  return obj === decodedEvent;
}

export class EventRecorder {
  /** The event being created and its dedup bucket, already computed for the lookup. */
  private creating: object | undefined;
  private creatingBucket = 0;
  /** Events' sources by component and host: the events of one source share one (never changed). */
  private sources = new Map<string, Map<string, EventSource>>();

  constructor(
    private readonly api: ApiServer,
    private readonly queue: EventQueue,
  ) {
    // Repeats are found through an index on the store, so the recorder keeps no state of its own.
    // The index is keyed by a hash of the full identity (a small integer per event); the identity
    // itself (dedupKey) is compared on the few events that share it.
    api.store.addIndex('events', 'dedup', (ev) => [ev === this.creating ? this.creatingBucket : dedupBucket(ev as unknown as StoredEvent)]);
  }

  record(source: EventSource, obj: KubeObject | InvolvedObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const ref = involvedObjectOf(obj, fieldPath);
    const namespace = ref.namespace || 'default';
    const now = this.api.now();
    const bucket = identityHash(namespace, ref, type, reason, message, source) & BUCKET_BITS;
    const existing = this.findRepeat(bucket, namespace, ref, type, reason, message, source);
    if (existing) {
      // Copied key by key rather than spread: repeated events keep one hidden class (see shallowCopy).
      const repeat = shallowCopy(existing);
      repeat.count = ((existing.count as number) ?? 1) + 1;
      repeat.lastTimestamp = formatRFC3339(now);
      this.api.update('events', repeat);
      this.expireLater(namespace, existing.metadata.name);
      return;
    }
    // Nanoseconds of the virtual clock, made unique by the store revision.
    const name = `${ref.name}.${nanosHex(now, this.api.store.resourceVersion % 1000000)}`;
    try {
      const event = buildEvent(ref, name, namespace, this.sourceOf(source), type, reason, message, now);
      // Handed over rather than copied again by the server; the index and the decoding reuse
      // what was worked out here.
      this.creating = event;
      this.creatingBucket = bucket;
      decodedEvent = decodesCleanly(event) ? event : undefined;
      this.api.create('events', event as unknown as KubeObject, { handOver: true });
    } catch {
      // Events are best effort, as in client-go: a namespace being deleted drops them.
      return;
    } finally {
      this.creating = undefined;
      decodedEvent = undefined;
    }
    this.expireLater(namespace, name);
  }

  /** The event's `source`: the component, and the host when there is one. */
  private sourceOf(source: EventSource): EventSource {
    const host = source.host || '';
    let byHost = this.sources.get(source.component);
    if (byHost === undefined) this.sources.set(source.component, (byHost = new Map()));
    let shared = byHost.get(host);
    if (shared === undefined) byHost.set(host, (shared = host ? { component: source.component, host } : { component: source.component }));
    return shared;
  }

  /** The stored event the one described repeats, among those in its bucket (most hold none). */
  private findRepeat(bucket: number, namespace: string, ref: InvolvedObject, type: string, reason: string, message: string, source: EventSource): KubeObject | undefined {
    const candidates = this.api.store.byIndex('events', 'dedup', bucket);
    if (candidates.length === 0) return undefined;
    const key = identityKey(namespace, ref, type, reason, message, source);
    return candidates.find((ev) => dedupKey(ev as unknown as StoredEvent) === key);
  }

  /** Called by the simulation when an event's TTL timer fires. */
  expire(key: string): void {
    const [namespace, name] = key.split('/');
    const ev = this.api.tryGet('events', namespace, name);
    if (!ev) return;
    const last = parseTime(String(ev.lastTimestamp));
    if (last !== null && last + EVENT_TTL_MS > this.api.now()) return;
    this.api.delete('events', namespace, name);
  }

  private expireLater(namespace: string, name: string): void {
    this.queue.after(EVENT_TTL_MS, EVENT_TTL_TARGET, `${namespace}/${name}`, undefined, PERIODIC);
  }
}

interface NewEvent {
  metadata: { name: string; namespace: string };
  involvedObject: InvolvedObject;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  firstTimestamp: string;
  type: string;
  reportingInstance: string;
}

/** A new event; it takes `ref` (from involvedObjectOf) as its involvedObject and `source` as its source. */
function buildEvent(ref: InvolvedObject, name: string, namespace: string, source: EventSource, type: EventType, reason: string, message: string, now: number): NewEvent {
  const timestamp = formatRFC3339(now);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: ref,
    reason,
    message,
    source,
    firstTimestamp: timestamp,
    lastTimestamp: timestamp,
    count: 1,
    type,
    eventTime: null,
    reportingComponent: source.component,
    reportingInstance: source.host ?? '',
  } as NewEvent;
}

/**
 * `BigInt(ms) * 1000000n + extra` in hex (ms a whole number of the clock, 0 <= extra < 1e6),
 * without BigInts: in parts of 24 bits (6 hex digits), each exact in a double. The lower parts
 * are padded from a table: every event is named so, and toString(16) of a large double is slow.
 */
export function nanosHex(now: number, extra: number): string {
  const ms = Math.floor(now);
  if (!(ms >= 0 && ms <= Number.MAX_SAFE_INTEGER)) return (BigInt(ms) * 1000000n + BigInt(extra)).toString(16);
  const low = (ms % LOW) * 1000000 + extra;
  const high = Math.floor(ms / LOW) * 1000000 + Math.floor(low / LOW);
  const lowPart = low % LOW;
  if (high === 0) return lowPart.toString(16);
  const top = Math.floor(high / LOW);
  const middle = high % LOW;
  return top === 0 ? middle.toString(16) + hex6(lowPart) : top.toString(16) + hex6(middle) + hex6(lowPart);
}

const LOW = 2 ** 24;
/** Every number below 4096 as 3 hex digits. */
const HEX3 = Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(3, '0'));

/** A number below 2^24 as 6 hex digits. */
function hex6(n: number): string {
  return HEX3[n >>> 12] + HEX3[n & 4095];
}

/**
 * Whether the API server's typed decoding of a recorder-built event is certain to pass and to
 * change nothing: every field it sets holds the type the schema wants (strings, a well-formed
 * time, count 1, a null eventTime). Checked, not assumed, for values that come from callers.
 */
function decodesCleanly(ev: NewEvent): boolean {
  const ref = ev.involvedObject as unknown as Record<string, unknown>;
  for (const k in ref) if (typeof ref[k] !== 'string') return false;
  return (
    typeof ev.metadata.name === 'string' &&
    typeof ev.metadata.namespace === 'string' &&
    typeof ev.reason === 'string' &&
    typeof ev.message === 'string' &&
    typeof ev.type === 'string' &&
    typeof ev.source.component === 'string' &&
    (ev.source.host === undefined || typeof ev.source.host === 'string') &&
    typeof ev.reportingInstance === 'string' &&
    wellFormedTime(ev.firstTimestamp)
  );
}

/** The last timestamp found well formed: events recorded in the same second share it. */
let lastWellFormed = '';

function wellFormedTime(text: string): boolean {
  if (text === lastWellFormed) return true;
  if (parseRFC3339Error(text) !== undefined) return false;
  lastWellFormed = text;
  return true;
}

/**
 * The event's involvedObject: a fresh object, without the keys that would be undefined (as a
 * copy would have it), so the event can own it as it is.
 */
export function involvedObjectOf(obj: KubeObject | InvolvedObject, fieldPath?: string): InvolvedObject {
  if (!('metadata' in obj)) {
    if (isPlainPodRef(obj)) {
      // A kubelet's reference to a pod, as one literal (no spread, no keys added one by one).
      const { apiVersion, kind, namespace, name, uid } = obj;
      return fieldPath ? { apiVersion, kind, namespace, name, uid, fieldPath } : { apiVersion, kind, namespace, name, uid };
    }
    return withoutUndefined(fieldPath ? { ...obj, fieldPath } : obj);
  }
  const { apiVersion, kind } = obj;
  const { namespace, name, uid, resourceVersion } = obj.metadata;
  // The usual case (a stored namespaced object) as one literal, its properties in the object itself.
  if (apiVersion !== undefined && kind !== undefined && namespace !== undefined && name !== undefined && uid !== undefined && resourceVersion !== undefined) {
    return fieldPath ? { apiVersion, kind, namespace, name, uid, resourceVersion, fieldPath } : { apiVersion, kind, namespace, name, uid, resourceVersion };
  }
  const ref = withoutUndefined({ apiVersion, kind, namespace, name, uid, resourceVersion });
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

const POD_REF_KEYS = ['apiVersion', 'kind', 'namespace', 'name', 'uid'];

/**
 * Whether `ref` is a plain object with exactly POD_REF_KEYS, in that order, none undefined: then
 * withoutUndefined would copy it as it is, and a literal of those keys is the same object.
 */
function isPlainPodRef(ref: InvolvedObject): boolean {
  if (Object.getPrototypeOf(ref) !== Object.prototype) return false;
  let i = 0;
  for (const k in ref) {
    if (k !== POD_REF_KEYS[i++] || ref[k as keyof InvolvedObject] === undefined) return false;
  }
  return i === POD_REF_KEYS.length;
}

function withoutUndefined(given: InvolvedObject): InvolvedObject {
  const ref: Record<string, unknown> = {};
  for (const k in given) setDefined(ref, k, given[k as keyof InvolvedObject]);
  return ref as unknown as InvolvedObject;
}

function setDefined(o: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) o[key] = value;
}

interface StoredEvent {
  metadata: { namespace?: string };
  involvedObject: InvolvedObject;
  type: string;
  reason: string;
  message: string;
  source: EventSource;
}

/**
 * What the dedup index is keyed by: a 30-bit hash of the whole dedupKey, a small integer (a Map
 * finds it without building, hashing or comparing a string) and as selective as the full key in
 * practice (events that collide share a bucket and are told apart by their dedupKey).
 */
function dedupBucket(ev: StoredEvent): number {
  return identityHash(ev.metadata.namespace, ev.involvedObject, ev.type, ev.reason, ev.message, ev.source) & BUCKET_BITS;
}

const BUCKET_BITS = 0x3fffffff;

/**
 * FNV-1a of the identityKey of these parts, hashed part by part as the key would be built, so
 * no key string is built (and flattened) for an event that has no look-alike to be compared with.
 */
function identityHash(namespace: string | undefined, r: InvolvedObject, type: string, reason: string, message: string, source: EventSource | undefined): number {
  let h = fnv1a(FNV_OFFSET, namespace ?? '');
  h = fnv1a(h, SEP);
  // r.uid ?? `${r.kind}/${r.name}`
  h = r.uid === undefined || r.uid === null ? fnv1a(fnv1a(fnv1a(h, r.kind), '/'), r.name) : fnv1a(h, r.uid);
  h = nextPart(h, r.fieldPath);
  h = nextPart(h, type);
  h = nextPart(h, reason);
  h = nextPart(h, message);
  h = nextPart(h, source?.component);
  h = nextPart(h, source?.host);
  return h >>> 0;
}

function nextPart(h: number, value: unknown): number {
  return fnv1a(fnv1a(h, SEP), value ?? '');
}

const FNV_OFFSET = 0x811c9dc5;

const SEP = '\u0000';

/** FNV-1a continued over `value` as a template literal prints it (as dedupKey embeds it). */
function fnv1a(h: number, value: unknown): number {
  const text = `${value}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

function dedupKey(ev: StoredEvent): string {
  return identityKey(ev.metadata.namespace, ev.involvedObject, ev.type, ev.reason, ev.message, ev.source);
}

/** An event's full identity for dedup: what client-go's EventAggregator keys repeats by. */
function identityKey(namespace: string | undefined, r: InvolvedObject, type: string, reason: string, message: string, source: EventSource | undefined): string {
  return `${namespace ?? ''}\u0000${r.uid ?? `${r.kind}/${r.name}`}\u0000${r.fieldPath ?? ''}\u0000${type ?? ''}\u0000${reason ?? ''}\u0000${message ?? ''}\u0000${source?.component ?? ''}\u0000${source?.host ?? ''}`;
}
