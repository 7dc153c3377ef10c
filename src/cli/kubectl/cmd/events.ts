/**
 * `kubectl events [--for TYPE/NAME] [-A] [--types Normal,Warning] [-w] [-o FORMAT]` (pkg/cmd/events):
 * LAST SEEN, TYPE, REASON, OBJECT (`Kind/name`), MESSAGE, sorted by the event's last time with
 * Go's (unstable) sort.Sort as kubectl does; `-w` streams events as they are recorded (headless:
 * until the cluster is quiet or --request-timeout passes).
 */
import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/objects';
import type { ShellEffect } from '../../../engine/shell/types';
import { humanDuration, parseGoDuration } from '../../../engine/util/duration';
import { KUBECTL_GET_TABWRITER, TabWriter } from '../../../engine/util/tabwriter';
import { parseTime } from '../../../engine/util/time';
import type { CommandEnv, KubectlCommand } from '../command';
import type { Flags } from '../flags';
import { goSort } from '../output/goSort';
import { resolveResource, UnknownResourceError } from '../resolve';
import { printObject } from './printObject';

export const events: KubectlCommand = {
  name: 'events',
  short: 'List events',
  flags: [
    { name: 'for', type: 'string', usage: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'types', type: 'stringArray', usage: 'Output only events of given types.' },
    { name: 'watch', short: 'w', type: 'bool', usage: 'After listing the requested events, watch for more events.' },
    { name: 'no-headers', type: 'bool', usage: "When using the default output format, don't print headers." },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once.' },
  ],
  run: runEvents,
};

function* runEvents(flags: Flags, env: CommandEnv): Generator<ShellEffect, number, unknown> {
  const all = flags.bool('all-namespaces');
  const types = [...new Set(flags.strings('types').flatMap((t) => t.split(',')))].sort();
  let fieldSelector: string | undefined;
  const forObject = flags.string('for');
  if (forObject) {
    if (!forObject.includes('/')) throw new Error('--for must be in resource/name form');
    const parts = forObject.split('/');
    if (parts.length !== 2) throw new Error('arguments in resource/name form may not have more than one slash');
    let t: ResourceType;
    try {
      t = resolveResource(parts[0]);
    } catch (e) {
      // ToOptions' mapper error reaches CheckErr bare (no `error: ` prefix).
      if (!(e instanceof UnknownResourceError)) throw e;
      env.err(e.message + '\n');
      return 1;
    }
    const apiVersion = t.group ? `${t.group}/${t.version}` : t.version;
    fieldSelector = `involvedObject.kind=${t.kind},involvedObject.apiVersion=${apiVersion},involvedObject.name=${parts[1]}`;
  }
  for (const t of types) if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new Error('valid --types are Normal or Warning');
  const wanted = (e: KubeObject) => types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase());
  const namespace = all ? undefined : env.namespace;
  const o = flags.string('output');
  const w = new TabWriter(KUBECTL_GET_TABWRITER);
  let headers = false;
  let emitted = 0;
  const print = (items: KubeObject[]) => {
    if (!flags.bool('no-headers') && !headers) {
      w.write(`${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
      headers = true;
    }
    for (const e of items) {
      const ref = (e.involvedObject ?? {}) as { kind?: string; name?: string };
      w.write(`${all ? `${e.metadata.namespace}\t` : ''}${interval(e, env.now())}\t${e.type ?? ''}\t${e.reason ?? ''}\t${ref.kind ?? ''}/${ref.name ?? ''}\t${String(e.message ?? '').trim()}\n`);
    }
    w.flush();
    const text = w.output();
    env.out(text.slice(emitted));
    emitted = text.length;
  };

  if (flags.bool('watch')) {
    const pending: KubeObject[] = [];
    const stop = env.api.watch('events', { namespace, fieldSelector }, (ev) => {
      if (ev.type !== 'DELETED' && wanted(ev.object)) pending.push(ev.object);
    });
    const timeout = parseGoDuration(flags.string('request-timeout')) ?? 0;
    const deadline = env.now() + (timeout > 0 ? timeout : 60 * 60 * 1000);
    try {
      for (;;) {
        const batch = pending.splice(0);
        for (const e of batch) {
          if (o) env.out(printObject(env, withKind(e), o));
          else print([e]);
        }
        if (env.now() >= deadline || (!env.host.interactive && timeout === 0 && env.sim.isQuiet())) return 0;
        const next = env.sim.nextActivity();
        const step = Math.max(1, Math.min(deadline, next ?? deadline, env.host.interactive ? env.now() + 1000 : Infinity) - env.now());
        yield { type: 'sleep', ms: step };
      }
    } finally {
      stop();
    }
  }

  const items = env.api.list('events', { namespace, fieldSelector }).items.filter(wanted);
  if (items.length === 0) {
    env.err(all ? 'No events found.\n' : `No events found in ${env.namespace} namespace.\n`);
    return 0;
  }
  const times = items.map(eventTime);
  const order = items.map((_, i) => i);
  goSort({
    len: () => order.length,
    less: (i, j) => times[order[i]] < times[order[j]],
    swap: (i, j) => ([order[i], order[j]] = [order[j], order[i]]),
  });
  const sorted = order.map((i) => items[i]);
  // The name printer prints nothing for the EventList kubectl builds.
  if (o === 'name') return 0;
  if (o) env.out(printObject(env, { apiVersion: 'v1', kind: 'EventList', metadata: {}, items: sorted.map(withKind) } as unknown as KubeObject, o));
  else print(sorted);
  return 0;
}

function withKind(e: KubeObject): KubeObject {
  return e.kind ? e : { ...e, apiVersion: 'v1', kind: 'Event' };
}

function ms(t: unknown): number | undefined {
  return typeof t === 'string' && t ? (parseTime(t) ?? undefined) : undefined;
}

/** eventTime: series.lastObservedTime, else lastTimestamp, else eventTime (zero time when none). */
function eventTime(e: KubeObject): number {
  const series = e.series as { lastObservedTime?: string } | undefined;
  if (series) return ms(series.lastObservedTime) ?? -Infinity;
  return ms(e.lastTimestamp) ?? ms(e.eventTime) ?? -Infinity;
}

function since(t: number | undefined, now: number): string {
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** getInterval: `5s`, or `5s (x3 over 2m)` for a repeated event. */
function interval(e: KubeObject, now: number): string {
  const first = e.eventTime ? since(ms(e.eventTime), now) : since(ms(e.firstTimestamp), now);
  const series = e.series as { lastObservedTime?: string; count?: number } | undefined;
  if (series) return `${since(ms(series.lastObservedTime), now)} (x${series.count ?? 0} over ${first})`;
  const count = Number(e.count ?? 0);
  if (count > 1) return `${since(ms(e.lastTimestamp), now)} (x${count} over ${first})`;
  return first;
}
