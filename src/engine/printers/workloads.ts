/**
 * Workload tables (printers.go): deployments, replicasets, statefulsets, daemonsets, jobs,
 * cronjobs, controllerrevisions and horizontalpodautoscalers.
 */
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import { humanDuration } from '../util/duration';
import { parseTime } from '../util/time';
import {
  AGE_COLUMN,
  NAME_COLUMN,
  SELECTOR_COLUMN,
  TEMPLATE_COLUMNS,
  age,
  col,
  containerCells,
  formatLabelSelector,
  formatLabels,
  selectorString,
} from './format';
import type { TablePrinter } from './types';

const int = (name: string) => col(name, { type: 'integer' });
const WIDE = [...TEMPLATE_COLUMNS, SELECTOR_COLUMN];

export const deploymentPrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Ready'), col('Up-to-date'), col('Available'), AGE_COLUMN, ...WIDE],
  row: (d: Deployment, now) => [
    d.metadata?.name ?? '',
    `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
    d.status?.updatedReplicas ?? 0,
    d.status?.availableReplicas ?? 0,
    age(d.metadata?.creationTimestamp, now),
    ...containerCells(d.spec?.template?.spec?.containers),
    selectorString(d.spec?.selector),
  ],
};

export const replicaSetPrinter: TablePrinter = {
  columns: [NAME_COLUMN, int('Desired'), int('Current'), int('Ready'), AGE_COLUMN, ...WIDE],
  row: (rs: ReplicaSet, now) => [
    rs.metadata?.name ?? '',
    rs.spec?.replicas ?? 0,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    age(rs.metadata?.creationTimestamp, now),
    ...containerCells(rs.spec?.template?.spec?.containers),
    formatLabelSelector(rs.spec?.selector),
  ],
};

export const statefulSetPrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Ready'), AGE_COLUMN, ...TEMPLATE_COLUMNS],
  row: (s: StatefulSet, now) => [
    s.metadata?.name ?? '',
    `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`,
    age(s.metadata?.creationTimestamp, now),
    ...containerCells(s.spec?.template?.spec?.containers),
  ],
};

export const daemonSetPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    int('Desired'),
    int('Current'),
    int('Ready'),
    int('Up-to-date'),
    int('Available'),
    col('Node Selector'),
    AGE_COLUMN,
    ...WIDE,
  ],
  row: (ds: DaemonSet, now) => [
    ds.metadata?.name ?? '',
    ds.status?.desiredNumberScheduled ?? 0,
    ds.status?.currentNumberScheduled ?? 0,
    ds.status?.numberReady ?? 0,
    ds.status?.updatedNumberScheduled ?? 0,
    ds.status?.numberAvailable ?? 0,
    formatLabels(ds.spec?.template?.spec?.nodeSelector),
    age(ds.metadata?.creationTimestamp, now),
    ...containerCells(ds.spec?.template?.spec?.containers),
    formatLabelSelector(ds.spec?.selector),
  ],
};

/** hasJobCondition: the first condition of that type decides. */
function jobCondition(conds: JobCondition[] | undefined, type: string): boolean {
  return conds?.find((c) => c.type === type)?.status === 'True';
}

function jobStatus(job: Job): string {
  const conds = job.status?.conditions;
  if (jobCondition(conds, 'Complete')) return 'Complete';
  if (jobCondition(conds, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (jobCondition(conds, 'Suspended')) return 'Suspended';
  if (jobCondition(conds, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions != null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Job, now: number): string {
  const start = job.status?.startTime ? parseTime(job.status.startTime) : null;
  if (start === null) return '';
  const done = job.status?.completionTime ? parseTime(job.status.completionTime) : null;
  return humanDuration((done ?? now) - start);
}

export const jobPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', { description: 'Status of the job.' }),
    col('Completions'),
    col('Duration', { description: 'Time required to complete the job.' }),
    AGE_COLUMN,
    ...WIDE,
  ],
  row: (job: Job, now) => [
    job.metadata?.name ?? '',
    jobStatus(job),
    jobCompletions(job),
    jobDuration(job, now),
    age(job.metadata?.creationTimestamp, now),
    ...containerCells(job.spec?.template?.spec?.containers),
    formatLabelSelector(job.spec?.selector),
  ],
};

const boolPtr = (v: boolean | undefined): string => (v === undefined ? '<unset>' : v ? 'True' : 'False');

export const cronJobPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Schedule'),
    col('Timezone'),
    col('Suspend', { type: 'boolean' }),
    int('Active'),
    col('Last Schedule'),
    AGE_COLUMN,
    ...WIDE,
  ],
  row: (cj: CronJob, now) => [
    cj.metadata?.name ?? '',
    cj.spec?.schedule ?? '',
    cj.spec?.timeZone ?? '<none>',
    boolPtr(cj.spec?.suspend),
    cj.status?.active?.length ?? 0,
    cj.status?.lastScheduleTime ? age(cj.status.lastScheduleTime, now) : '<none>',
    age(cj.metadata?.creationTimestamp, now),
    ...containerCells(cj.spec?.jobTemplate?.spec?.template?.spec?.containers),
    formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector),
  ],
};

/** formatResourceName: `deployment.apps/web`-style `lower(Kind.group)/name` of the controller. */
function controllerName(cr: ControllerRevision): string {
  const ref = cr.metadata?.ownerReferences?.find((r) => r.controller);
  if (!ref) return '<none>';
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  const kind = group ? `${ref.kind}.${group}` : ref.kind;
  return kind ? `${kind.toLowerCase()}/${ref.name}` : ref.name;
}

export const controllerRevisionPrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Controller', { description: 'Controller of the object' }), col('Revision'), AGE_COLUMN],
  row: (cr: ControllerRevision, now) => [
    cr.metadata?.name ?? '',
    controllerName(cr),
    cr.revision,
    age(cr.metadata?.creationTimestamp, now),
  ],
};
