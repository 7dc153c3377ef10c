/** Shared describe.go helpers: maps, taints, tolerations, timestamps and the controller line. */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { humanDuration } from '../../../engine/util/duration';
import { formatRFC1123Z, parseTime } from '../../../engine/util/time';
import { goSort } from '../output/goSort';
import { LEVEL_0, type PrefixWriter } from './writer';

/** Go's Time.Format(time.RFC1123Z); a missing time is Go's zero time. */
export function rfc1123(ts: string | undefined | null): string {
  const t = ts ? parseTime(ts) : null;
  return t === null ? 'Mon, 01 Jan 0001 00:00:00 +0000' : formatRFC1123Z(t);
}

/** translateTimestampSince: HumanDuration since ts, `<unknown>` when unset. */
export function since(ts: string | undefined | null, now: number): string {
  const t = ts ? parseTime(ts) : null;
  return t === null ? '<unknown>' : humanDuration(now - t);
}

/** Sorts in place exactly as Go's (unstable) sort.Sort / sort.Slice would. */
export function goSortBy<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  goSort({
    len: () => items.length,
    less: (i, j) => less(items[i], items[j]),
    swap: (i, j) => {
      [items[i], items[j]] = [items[j], items[i]];
    },
  });
  return items;
}

const sortedKeys = (m: Record<string, string> | undefined): string[] => Object.keys(m ?? {}).sort();

/** printLabelsMultilineWithIndent: `Title:\tk=v` then one continuation line per further label. */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels);
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;

/** Go's len() of a string: its UTF-8 byte count. */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** printAnnotationsMultiline: `k: v`, long or multi-line values on their own indented lines. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => !SKIP_ANNOTATIONS.has(k));
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (utf8Length(value) + utf8Length(k) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${k}:\n`);
      for (const line of value.split('\n')) {
        const short = line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line;
        w.write(LEVEL_0, `\t  ${short}\n`);
      }
    } else {
      w.write(LEVEL_0, `${k}: ${value}\n`);
    }
  });
}

/** Taint.ToString: `key=value:Effect` or `key:Effect`. */
export const taintString = (t: Taint): string => `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;

/** printTaintsMultilineWithIndent: sorted by `effect,key`. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) return w.writeLine('<none>');
  const sorted = goSortBy([...taints], (a, b) => `${a.effect},${a.key}` < `${b.effect},${b.key}`);
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** printTolerationsMultilineWithIndent: sorted by key; `key[=value][:Effect][ op=Exists][ for Ns]`. */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: Toleration[] | undefined,
  initialIndent = '',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  if (!tolerations || tolerations.length === 0) return w.writeLine('<none>');
  const sorted = goSortBy([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    // A bare `operator: Exists` tolerates everything.
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** printController: `Kind/name` of the controlling owner, or ''. */
export function controlledBy(meta: ObjectMeta | undefined): string {
  const ref = meta?.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
