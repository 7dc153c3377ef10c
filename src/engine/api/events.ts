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
  private creatingBucket = '';

  constructor(
    private readonly api: ApiServer,
    private readonly queue: EventQueue,
  ) {
    // Repeats are found through an index on the store, so the recorder keeps no state of its own.
    // The index is keyed by object and reason only (a short key per event); the full identity
    // (dedupKey) is compared on the few events that share it.
    api.store.addIndex('events', 'dedup', (ev) => [ev === this.creating ? this.creatingBucket : dedupBucket(ev as unknown as StoredEvent)]);
  }

  record(source: EventSource, obj: KubeObject | InvolvedObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const ref = involvedObjectOf(obj, fieldPath);
    const namespace = ref.namespace || 'default';
    const now = this.api.now();
    const probe: StoredEvent = { involvedObject: ref, type, reason, message, source, metadata: { namespace } };
    const bucket = dedupBucket(probe);
    const existing = this.findRepeat(probe, bucket);
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
      const event = buildEvent(ref, name, namespace, source, type, reason, message, now);
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

  /** The stored event `probe` repeats, among those in its bucket (most buckets hold none). */
  private findRepeat(probe: StoredEvent, bucket: string): KubeObject | undefined {
    const candidates = this.api.store.byIndex('events', 'dedup', bucket);
    if (candidates.length === 0) return undefined;
    const key = dedupKey(probe);
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
    this.queue.after(EVENT_TTL_MS, EVENT_TTL_TARGET, `${namespace}/${name}`, undefined, { periodic: true });
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

/** A new event; it takes `ref` (from involvedObjectOf) as its involvedObject. */
function buildEvent(ref: InvolvedObject, name: string, namespace: string, source: EventSource, type: EventType, reason: string, message: string, now: number): NewEvent {
  const timestamp = formatRFC3339(now);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: ref,
    reason,
    message,
    source: source.host ? { component: source.component, host: source.host } : { component: source.component },
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
 * without BigInts: in two parts of 24 bits (6 hex digits), each exact in a double.
 */
export function nanosHex(now: number, extra: number): string {
  const ms = Math.floor(now);
  if (!(ms >= 0 && ms <= Number.MAX_SAFE_INTEGER)) return (BigInt(ms) * 1000000n + BigInt(extra)).toString(16);
  const low = (ms % LOW) * 1000000 + extra;
  const high = Math.floor(ms / LOW) * 1000000 + Math.floor(low / LOW);
  const lowHex = (low % LOW).toString(16);
  return high === 0 ? lowHex : high.toString(16) + lowHex.padStart(6, '0');
}

const LOW = 2 ** 24;

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
  if (!('metadata' in obj)) return withoutUndefined(fieldPath ? { ...obj, fieldPath } : obj);
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
 * What the dedup index is keyed by: the object, the reason and a 32-bit hash of the whole
 * dedupKey — short, and as selective as the full key in practice (events that collide share a
 * bucket and are told apart by their dedupKey).
 */
function dedupBucket(ev: StoredEvent): string {
  const r = ev.involvedObject;
  return `${ev.metadata.namespace ?? ''}\u0000${r.uid ?? `${r.kind}/${r.name}`}\u0000${ev.reason ?? ''}\u0000${dedupKeyHash(ev).toString(36)}`;
}

/**
 * FNV-1a of dedupKey(ev), hashed part by part as the key would be built, so no key string is
 * built (and flattened) for an event that has no look-alike to be compared with.
 */
function dedupKeyHash(ev: StoredEvent): number {
  const r = ev.involvedObject;
  let h = fnv1a(FNV_OFFSET, ev.metadata.namespace ?? '');
  h = fnv1a(h, SEP);
  // r.uid ?? `${r.kind}/${r.name}`
  h = r.uid === undefined || r.uid === null ? fnv1a(fnv1a(fnv1a(h, r.kind), '/'), r.name) : fnv1a(h, r.uid);
  h = nextPart(h, r.fieldPath);
  h = nextPart(h, ev.type);
  h = nextPart(h, ev.reason);
  h = nextPart(h, ev.message);
  h = nextPart(h, ev.source?.component);
  h = nextPart(h, ev.source?.host);
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
  const r = ev.involvedObject;
  return `${ev.metadata.namespace ?? ''}\u0000${r.uid ?? `${r.kind}/${r.name}`}\u0000${r.fieldPath ?? ''}\u0000${ev.type ?? ''}\u0000${ev.reason ?? ''}\u0000${ev.message ?? ''}\u0000${ev.source?.component ?? ''}\u0000${ev.source?.host ?? ''}`;
}
