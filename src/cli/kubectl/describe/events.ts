/**
 * The Events section of every describer (DescribeEvents) and the event search behind it
 * (searchEvents: involvedObject name, namespace, kind and uid).
 */
import type { Event } from 'kubernetes-types/core/v1';
import { parseTime } from '../../../engine/util/time';
import { goSortBy, since } from './helpers';
import type { DescribeSource } from './source';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

export interface EventTarget {
  name: string;
  namespace?: string;
  /** Omitted for pods: kubectl clears the kind of a pod's reference before searching. */
  kind?: string;
  uid: string;
}

/** Events about `target`, in server order (the caller sorts). */
export function searchEvents(source: DescribeSource, target: EventTarget): Event[] {
  return (source.list('events', target.namespace) as Event[]).filter((e) => {
    const io = e.involvedObject ?? {};
    return (
      io.name === target.name &&
      (io.namespace ?? '') === (target.namespace ?? '') &&
      (target.kind === undefined || io.kind === target.kind) &&
      io.uid === target.uid
    );
  });
}

/** SortableEvents: by lastTimestamp (unset sorts first), with Go's unstable sort. */
function sortEvents(events: Event[]): Event[] {
  const last = (e: Event) => (e.lastTimestamp ? (parseTime(e.lastTimestamp) ?? 0) : -Infinity);
  return goSortBy([...events], (a, b) => last(a) < last(b));
}

/** `5s (x7 over 90s)` for repeated events, else the age of the first occurrence. */
function interval(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** DescribeEvents. kubectl 1.34 prints the message without the involved object's fieldPath. */
export function describeEvents(w: PrefixWriter, events: Event[], now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  // The Events table aligns on its own.
  w.flush();
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sortEvents(events)) {
    const from = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval(e, now)}\t${from}\t${(e.message ?? '').trim()}\n`);
  }
}
