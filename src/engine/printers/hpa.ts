/** The horizontalpodautoscalers table (printHorizontalPodAutoscaler / formatHPAMetrics). */
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { canonicalQuantity } from '../util/quantity';
import { AGE_COLUMN, NAME_COLUMN, age, col } from './format';
import type { TablePrinter } from './types';

/** Quantity.String() of a stored quantity; Go prints a nil *Quantity as `<nil>`. */
const q = (v: string | number | undefined): string => (v === undefined ? '<nil>' : canonicalQuantity(v));

const pct = (v: number | undefined): string | undefined => (v === undefined ? undefined : `${v}%`);

type Target = { type?: string; value?: string; averageValue?: string; averageUtilization?: number };
type Current = { value?: string; averageValue?: string; averageUtilization?: number };

/** `current/target`, `(avg)` for external/object average values. */
function valuePair(target: Target, current: Current | undefined, hasStatus: boolean): string {
  if (target.averageValue !== undefined) {
    const cur = current?.averageValue !== undefined ? q(current.averageValue) : '<unknown>';
    return `${cur}/${q(target.averageValue)} (avg)`;
  }
  const cur = hasStatus ? q(current?.value) : '<unknown>';
  return `${cur}/${q(target.value)}`;
}

/** `cpu: 45%/50%`, `memory: 100Mi/200Mi` for resource and container-resource metrics. */
function resourcePair(name: string, target: Target, current: Current | undefined, hasStatus: boolean): string {
  if (target.averageValue !== undefined) {
    const cur = hasStatus ? q(current?.averageValue) : '<unknown>';
    return `${name}: ${cur}/${q(target.averageValue)}`;
  }
  const cur = pct(current?.averageUtilization) ?? '<unknown>';
  return `${name}: ${cur}/${pct(target.averageUtilization) ?? '<auto>'}`;
}

function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return valuePair(spec.external!.target, status?.external?.current, status?.external !== undefined);
    case 'Pods': {
      const cur = status?.pods ? q(status.pods.current.averageValue) : '<unknown>';
      return `${cur}/${q(spec.pods!.target.averageValue)}`;
    }
    case 'Object':
      return valuePair(spec.object!.target, status?.object?.current, status?.object !== undefined);
    case 'Resource':
      return resourcePair(spec.resource!.name, spec.resource!.target, status?.resource?.current, status?.resource !== undefined);
    case 'ContainerResource': {
      const cr = status?.containerResource;
      return resourcePair(spec.containerResource!.name, spec.containerResource!.target, cr?.current, cr !== undefined);
    }
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics: at most two metrics, then ` + N more...`; none -> `<none>`. */
export function formatHPAMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const list = specs.map((s, i) => formatMetric(s, statuses?.[i]));
  const max = 2;
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown} + ${list.length - max} more...` : shown;
}

export const hpaPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Reference'),
    col('Targets'),
    col('MinPods'),
    col('MaxPods'),
    col('Replicas'),
    AGE_COLUMN,
  ],
  row: (hpa: HorizontalPodAutoscaler, now) => [
    hpa.metadata?.name ?? '',
    `${hpa.spec?.scaleTargetRef?.kind ?? ''}/${hpa.spec?.scaleTargetRef?.name ?? ''}`,
    formatHPAMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
    hpa.spec?.minReplicas != null ? `${hpa.spec.minReplicas}` : '<unset>',
    hpa.spec?.maxReplicas ?? 0,
    hpa.status?.currentReplicas ?? 0,
    age(hpa.metadata?.creationTimestamp, now),
  ],
};
