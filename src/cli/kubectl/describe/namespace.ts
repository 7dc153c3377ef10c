/** kubectl describe namespace (describeNamespace): status, conditions, quotas and limit ranges. */
import type { LimitRange, Namespace, ResourceQuota } from 'kubernetes-types/core/v1';
import { canonicalQuantity } from '../../../engine/util/quantity';
import { goSortBy, printAnnotationsMultiline, printLabelsMultiline, rfc1123 } from './helpers';
import type { DescribeSource } from './source';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './writer';

const SCOPE_HELP: Record<string, string> = {
  Terminating:
    'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating:
    'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort:
    'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** DescribeResourceQuotas: one `Name / Resource Used Hard` block per quota, by name. */
function describeQuotas(quotas: ResourceQuota[], w: PrefixWriter): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of goSortBy([...quotas], (a, b) => (a.metadata?.name ?? '') < (b.metadata?.name ?? ''))) {
    w.write(LEVEL_1, `Name:\t${q.metadata?.name ?? ''}\n`);
    const scopes = [...(q.spec?.scopes ?? [])].sort();
    if (scopes.length > 0) w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
    for (const scope of scopes) if (SCOPE_HELP[scope]) w.write(LEVEL_1, `* ${SCOPE_HELP[scope]}\n`);
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    const hard = q.status?.hard ?? {};
    for (const r of Object.keys(hard).sort()) {
      const used = q.status?.used?.[r];
      w.write(LEVEL_1, `${r}\t${used === undefined ? '0' : canonicalQuantity(used)}\t${canonicalQuantity(hard[r])}\n`);
    }
  }
}

/** DescribeLimitRanges. Go walks each item's resources in map order (random); we sort them. */
function describeLimitRanges(ranges: LimitRange[], w: PrefixWriter): void {
  if (ranges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      const names = new Set([
        ...Object.keys(item.max ?? {}),
        ...Object.keys(item.min ?? {}),
        ...Object.keys(item.default ?? {}),
        ...Object.keys(item.defaultRequest ?? {}),
        ...Object.keys(item.maxLimitRequestRatio ?? {}),
      ]);
      const cell = (list: Record<string, string> | undefined, n: string) => (list?.[n] !== undefined ? canonicalQuantity(list[n]) : '-');
      for (const n of [...names].sort()) {
        const row = [item.type, n, cell(item.min, n), cell(item.max, n), cell(item.defaultRequest, n), cell(item.default, n), cell(item.maxLimitRequestRatio, n)];
        w.write(LEVEL_0, ` ${row.join('\t')}\n`);
      }
    }
  }
}

export function describeNamespace(source: DescribeSource, ns: Namespace): string {
  const name = ns.metadata?.name ?? '';
  const quotas = source.list('resourcequotas', name) as ResourceQuota[];
  const ranges = source.list('limitranges', name) as LimitRange[];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conditions = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, '\n');
    describeQuotas(quotas, w);
    w.write(LEVEL_0, '\n');
    describeLimitRanges(ranges, w);
  });
}
