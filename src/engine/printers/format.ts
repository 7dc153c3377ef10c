/**
 * Cell helpers shared by the printers, after pkg/printers/internalversion/printers.go and
 * apimachinery's labels / LabelSelector formatting.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { humanDuration } from '../util/duration';
import { parseTime } from '../util/time';
import type { TableColumn } from './types';

/** translateTimestampSince: HumanDuration since an RFC 3339 time, `<unknown>` when unset. */
export function age(timestamp: string | undefined | null, now: number): string {
  const t = timestamp ? parseTime(timestamp) : null;
  return t === null ? '<unknown>' : humanDuration(now - t);
}

/** labels.FormatLabels: the `k=v` strings sorted as strings (so `os-sku-effective=…` precedes `os-sku=…`),
 * or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const pairs = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`).sort();
  return pairs.length === 0 ? '<none>' : pairs.join(',');
}

const OPERATORS: Record<string, string> = { In: ' in ', NotIn: ' notin ' };

/**
 * labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key,
 * `k=v`, `k in (a,b)`, `k notin (a)`, `k`, `!k`; empty or nil selector -> ''.
 */
export function selectorString(sel: LabelSelector | undefined | null): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'Exists' ? e.key : e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key}${OPERATORS[e.operator] ?? ' ? '}(${values})`;
    reqs.push({ key: e.key, text });
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: as selectorString, but `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  return selectorString(sel) || '<none>';
}

/** layoutContainerCells: container names and images, comma-joined. */
export function containerCells(containers: Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** `a,b,c + N more...` after `max` items (listWithMoreString without the `<unset>`). */
export function joinWithMore(items: string[], max: number, total = items.length): string {
  const shown = items.slice(0, max).join(',');
  return total > max ? `${shown} + ${total - max} more...` : shown;
}

const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const CREATED_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** Column constructors: `col('Ready')`, `col('IP', { priority: 1 })`. */
export function col(name: string, extra: Partial<TableColumn> = {}): TableColumn {
  return { name, type: 'string', priority: 0, ...extra };
}

export const NAME_COLUMN: TableColumn = col('Name', { format: 'name', description: NAME_DESCRIPTION });
export const AGE_COLUMN: TableColumn = col('Age', { description: CREATED_DESCRIPTION });
export const CREATED_AT_COLUMN: TableColumn = col('Created At', { type: 'date', description: CREATED_DESCRIPTION });

/** The wide columns most workload printers end with. */
export const TEMPLATE_COLUMNS: TableColumn[] = [
  col('Containers', { priority: 1, description: 'Names of each container in the template.' }),
  col('Images', { priority: 1, description: 'Images referenced by each container in the template.' }),
];
export const SELECTOR_COLUMN: TableColumn = col('Selector', { priority: 1 });
