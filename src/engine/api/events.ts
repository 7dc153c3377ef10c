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

export class EventRecorder {
  constructor(
    private readonly api: ApiServer,
    private readonly queue: EventQueue,
  ) {
    // Repeats are found through an index on the store, so the recorder keeps no state of its own.
    // The index is keyed by object and reason only (a short key per event); the full identity
    // (dedupKey) is compared on the few events that share it.
    api.store.addIndex('events', 'dedup', (ev) => [dedupBucket(ev as unknown as StoredEvent)]);
  }

  record(source: EventSource, obj: KubeObject | InvolvedObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const ref = involvedObjectOf(obj, fieldPath);
    const namespace = ref.namespace || 'default';
    const now = this.api.now();
    const probe: StoredEvent = { involvedObject: ref, type, reason, message, source, metadata: { namespace } };
    const key = dedupKey(probe);
    const existing = this.api.store.byIndex('events', 'dedup', dedupBucket(probe, key)).find((ev) => dedupKey(ev as unknown as StoredEvent) === key);
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
    const nanos = BigInt(Math.floor(now)) * 1000000n + BigInt(this.api.store.resourceVersion % 1000000);
    const name = `${ref.name}.${nanos.toString(16)}`;
    try {
      // Built afresh here (the reference without the keys it leaves undefined, as a copy would
      // have it): handed over rather than copied again by the server.
      const involvedObject: Record<string, unknown> = {};
      for (const k in ref) {
        const v = ref[k as keyof InvolvedObject];
        if (v !== undefined) involvedObject[k] = v;
      }
      this.api.create('events', {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject,
        reason,
        message,
        source: source.host ? { component: source.component, host: source.host } : { component: source.component },
        firstTimestamp: formatRFC3339(now),
        lastTimestamp: formatRFC3339(now),
        count: 1,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      } as unknown as KubeObject, { handOver: true });
    } catch {
      // Events are best effort, as in client-go: a namespace being deleted drops them.
      return;
    }
    this.expireLater(namespace, name);
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

export function involvedObjectOf(obj: KubeObject | InvolvedObject, fieldPath?: string): InvolvedObject {
  if ('metadata' in obj) {
    const m = obj.metadata;
    const ref: InvolvedObject = { apiVersion: obj.apiVersion, kind: obj.kind, namespace: m.namespace, name: m.name, uid: m.uid, resourceVersion: m.resourceVersion };
    if (fieldPath) ref.fieldPath = fieldPath;
    return ref;
  }
  return fieldPath ? { ...obj, fieldPath } : obj;
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
function dedupBucket(ev: StoredEvent, key = dedupKey(ev)): string {
  const r = ev.involvedObject;
  return `${ev.metadata.namespace ?? ''}\u0000${r.uid ?? `${r.kind}/${r.name}`}\u0000${ev.reason ?? ''}\u0000${fnv1a(key).toString(36)}`;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function dedupKey(ev: StoredEvent): string {
  const r = ev.involvedObject;
  return `${ev.metadata.namespace ?? ''}\u0000${r.uid ?? `${r.kind}/${r.name}`}\u0000${r.fieldPath ?? ''}\u0000${ev.type ?? ''}\u0000${ev.reason ?? ''}\u0000${ev.message ?? ''}\u0000${ev.source?.component ?? ''}\u0000${ev.source?.host ?? ''}`;
}
