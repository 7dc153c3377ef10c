/**
 * The pods table (printPod in pkg/printers/internalversion/printers.go): READY, the STATUS
 * reason algorithm (init containers, reverse walk of app containers, Terminating/Unknown) and
 * RESTARTS with `(2m ago)`.
 */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { parseTime } from '../util/time';
import { humanDuration } from '../util/duration';
import { AGE_COLUMN, NAME_COLUMN, age, col } from './format';
import type { TableCell, TablePrinter, TableRowCondition } from './types';

const isRestartableInit = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

/** The later of a restart time seen so far and this container's last termination. */
function laterRestart(current: number | null, status: ContainerStatus): number | null {
  const finished = status.lastState?.terminated?.finishedAt;
  const t = finished ? parseTime(finished) : null;
  return t !== null && (current === null || t > current) ? t : current;
}

const conditionTrue = (conds: PodCondition[] | undefined, type: string): boolean =>
  (conds ?? []).some((c) => c.type === type && c.status === 'True');

interface Tally {
  reason: string;
  ready: number;
  restarts: number;
  lastRestart: number | null;
}

/** Walks init container statuses; returns whether the pod is still initializing. */
function walkInitContainers(pod: Pod, t: Tally, sidecars: Tally): boolean {
  const statuses = pod.status?.initContainerStatuses ?? [];
  if (statuses.length === 0) return false;
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const total = pod.spec?.initContainers?.length ?? 0;
  for (let i = 0; i < statuses.length; i++) {
    const s = statuses[i];
    const restartable = isRestartableInit(specs.get(s.name));
    t.restarts += s.restartCount ?? 0;
    t.lastRestart = laterRestart(t.lastRestart, s);
    if (restartable) {
      sidecars.restarts += s.restartCount ?? 0;
      sidecars.lastRestart = laterRestart(sidecars.lastRestart, s);
    }
    const term = s.state?.terminated;
    const waiting = s.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (restartable && s.started) {
      if (s.ready) t.ready++;
      continue;
    }
    if (term) {
      if (term.reason) t.reason = `Init:${term.reason}`;
      else t.reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      t.reason = `Init:${waiting.reason}`;
    } else {
      t.reason = `Init:${i}/${total}`;
    }
    return true;
  }
  return false;
}

/** Walks app containers from last to first, so the first container with a reason wins. */
function walkContainers(pod: Pod, t: Tally): void {
  const statuses = pod.status?.containerStatuses ?? [];
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const s = statuses[i];
    t.restarts += s.restartCount ?? 0;
    t.lastRestart = laterRestart(t.lastRestart, s);
    const { waiting, terminated, running } = s.state ?? {};
    if (waiting?.reason) t.reason = waiting.reason;
    else if (terminated?.reason) t.reason = terminated.reason;
    else if (terminated) t.reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
    else if (s.ready && running) {
      hasRunning = true;
      t.ready++;
    }
  }
  if (t.reason === 'Completed' && hasRunning) {
    t.reason = conditionTrue(pod.status?.conditions, 'Ready') ? 'Running' : 'NotReady';
  }
}

/** READY, STATUS and RESTARTS cells of a pod. */
export function podStatusCells(pod: Pod, now: number): { ready: string; status: string; restarts: string } {
  const phase = pod.status?.phase ?? '';
  const t: Tally = { reason: pod.status?.reason || phase, ready: 0, restarts: 0, lastRestart: null };
  if ((pod.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    t.reason = 'SchedulingGated';
  }
  let total = pod.spec?.containers?.length ?? 0;
  for (const c of pod.spec?.initContainers ?? []) if (isRestartableInit(c)) total++;
  const sidecars: Tally = { reason: '', ready: 0, restarts: 0, lastRestart: null };
  const initializing = walkInitContainers(pod, t, sidecars);
  if (!initializing || conditionTrue(pod.status?.conditions, 'Initialized')) {
    t.restarts = sidecars.restarts;
    t.lastRestart = sidecars.lastRestart;
    walkContainers(pod, t);
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') t.reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') t.reason = 'Terminating';
  const restarts =
    t.restarts !== 0 && t.lastRestart !== null ? `${t.restarts} (${humanDuration(now - t.lastRestart)} ago)` : `${t.restarts}`;
  return { ready: `${t.ready}/${total}`, status: t.reason, restarts };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conds = pod.status?.conditions ?? [];
  const trueCount = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${trueCount}/${gates.length}`;
}

export const podPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Ready', { description: 'The aggregate readiness state of this pod for accepting traffic.' }),
    col('Status', { description: 'The aggregate status of the containers in this pod.' }),
    col('Restarts', {
      description:
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    }),
    AGE_COLUMN,
    col('IP', { priority: 1 }),
    col('Node', { priority: 1 }),
    col('Nominated Node', { priority: 1 }),
    col('Readiness Gates', { priority: 1 }),
  ],
  row(pod: Pod, now: number): TableCell[] {
    const { ready, status, restarts } = podStatusCells(pod, now);
    return [
      pod.metadata?.name ?? '',
      ready,
      status,
      restarts,
      age(pod.metadata?.creationTimestamp, now),
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
  conditions(pod: Pod): TableRowCondition[] | undefined {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
    if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return undefined;
  },
};
