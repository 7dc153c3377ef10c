/**
 * Rows of the events strip and the inspector: newest first, filtered by type and text, with the
 * object an Event is about (`involvedObject`, or `regarding` in events.k8s.io/v1).
 */
import type { KubeObject } from '../../engine/objects';
import { kindWord, resourceOfKind, type ObjectRef } from '../graph/refs';
import { ageOf } from './age';

export type EventTypeFilter = 'all' | 'Warning' | 'Normal';

export interface EventFilter {
  type: EventTypeFilter;
  text: string;
}

export interface EventRow {
  key: string;
  type: string;
  reason: string;
  /** `pod/web-7c5d-abcde`, as `kubectl get events` prints OBJECT. */
  object: string;
  message: string;
  age: string;
  count: number;
  ref?: ObjectRef;
  time: number;
}

interface Involved {
  kind?: string;
  apiVersion?: string;
  name?: string;
  namespace?: string;
}

/** The last time an Event was seen: series, lastTimestamp, eventTime, firstTimestamp, creation. */
export function eventTime(e: KubeObject): string | undefined {
  const series = e.series as { lastObservedTime?: string } | undefined;
  return (series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.deprecatedLastTimestamp ?? e.metadata.creationTimestamp) as
    | string
    | undefined;
}

export function involvedRef(e: KubeObject): ObjectRef | undefined {
  const o = (e.involvedObject ?? e.regarding) as Involved | undefined;
  if (!o?.kind || !o.name) return undefined;
  const resource = resourceOfKind(o.kind, o.apiVersion);
  return o.namespace ? { resource, namespace: o.namespace, name: o.name } : { resource, name: o.name };
}

export function eventRow(e: KubeObject, now: number): EventRow {
  const ref = involvedRef(e);
  const series = e.series as { count?: number } | undefined;
  const at = eventTime(e);
  const parsed = at ? Date.parse(at) : NaN;
  return {
    key: `${e.metadata.namespace ?? ''}/${e.metadata.name}`,
    type: String(e.type ?? 'Normal'),
    reason: String(e.reason ?? ''),
    object: ref ? `${kindWord(ref.resource)}/${ref.name}` : '',
    message: String(e.message ?? e.note ?? '').trim(),
    age: ageOf(at, now),
    count: series?.count ?? (e.count as number | undefined) ?? 1,
    ref,
    time: Number.isNaN(parsed) ? 0 : parsed,
  };
}

export function matchesFilter(row: EventRow, filter: EventFilter): boolean {
  if (filter.type !== 'all' && row.type !== filter.type) return false;
  const text = filter.text.trim().toLowerCase();
  if (!text) return true;
  return [row.type, row.reason, row.object, row.message].some((f) => f.toLowerCase().includes(text));
}

/** Newest first (ties: later in the list first), filtered, at most `limit` rows. */
export function eventRows(events: readonly KubeObject[], filter: EventFilter, now: number, limit = 200): EventRow[] {
  const rows = events.map((e, i) => ({ row: eventRow(e, now), i }));
  rows.sort((a, b) => b.row.time - a.row.time || b.i - a.i);
  const out: EventRow[] = [];
  for (const { row } of rows) {
    if (out.length >= limit) break;
    if (matchesFilter(row, filter)) out.push(row);
  }
  return out;
}
