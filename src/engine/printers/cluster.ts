/**
 * Cluster and config tables (printers.go): nodes, namespaces, events, leases, priorityclasses,
 * serviceaccounts, configmaps, secrets.
 */
import type { ConfigMap, Event, Namespace, Node, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { AGE_COLUMN, NAME_COLUMN, age, col } from './format';
import type { TablePrinter } from './types';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>`, sorted, unique. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      if (k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

/** `Ready`, `NotReady`, `Unknown` (no Ready condition), plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const nodeAddress = (node: Node, type: string): string =>
  node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

export const nodePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', { description: 'The status of the node' }),
    col('Roles', { description: 'The roles of the node' }),
    AGE_COLUMN,
    col('Version'),
    col('Internal-IP', { priority: 1 }),
    col('External-IP', { priority: 1 }),
    col('OS-Image', { priority: 1 }),
    col('Kernel-Version', { priority: 1 }),
    col('Container-Runtime', { priority: 1 }),
  ],
  row: (node: Node, now) => {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      nodeRoles(node).join(',') || '<none>',
      age(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

export const namespacePrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Status', { description: 'The status of the namespace' }), AGE_COLUMN],
  row: (ns: Namespace, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', age(ns.metadata?.creationTimestamp, now)],
};

/** formatEventSource: `component, host`, falling back to reportingController / reportingInstance. */
function eventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: TablePrinter = {
  columns: [
    col('Last Seen'),
    col('Type'),
    col('Reason'),
    col('Object'),
    col('Subobject', { priority: 1 }),
    col('Source', { priority: 1 }),
    col('Message'),
    col('First Seen', { priority: 1 }),
    col('Count', { priority: 1 }),
    { ...NAME_COLUMN, priority: 1 },
  ],
  row: (e: Event, now) => {
    const first = e.firstTimestamp ? age(e.firstTimestamp, now) : age(e.eventTime, now);
    let last = e.lastTimestamp ? age(e.lastTimestamp, now) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = age(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) count = 1; // singleton events of the new API carry no count
    const kind = (e.involvedObject?.kind ?? '').toLowerCase();
    const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
    return [
      last,
      e.type ?? '',
      e.reason ?? '',
      target,
      e.involvedObject?.fieldPath ?? '',
      eventSource(e),
      (e.message ?? '').trim(),
      first,
      count,
      e.metadata?.name ?? '',
    ];
  },
};

export const leasePrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Holder'), AGE_COLUMN],
  row: (l: Lease, now) => [l.metadata?.name ?? '', l.spec?.holderIdentity ?? '', age(l.metadata?.creationTimestamp, now)],
};

export const priorityClassPrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Value', { type: 'integer' }), col('Global-Default', { type: 'boolean' }), AGE_COLUMN, col('PreemptionPolicy')],
  row: (pc: PriorityClass, now) => [
    pc.metadata?.name ?? '',
    pc.value,
    pc.globalDefault ?? false,
    age(pc.metadata?.creationTimestamp, now),
    pc.preemptionPolicy ?? '',
  ],
};

export const serviceAccountPrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Secrets'), AGE_COLUMN],
  row: (sa: ServiceAccount, now) => [sa.metadata?.name ?? '', sa.secrets?.length ?? 0, age(sa.metadata?.creationTimestamp, now)],
};

export const configMapPrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Data'), AGE_COLUMN],
  row: (cm: ConfigMap, now) => [
    cm.metadata?.name ?? '',
    Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
    age(cm.metadata?.creationTimestamp, now),
  ],
};

export const secretPrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Type'), col('Data'), AGE_COLUMN],
  row: (s: Secret, now) => [
    s.metadata?.name ?? '',
    s.type ?? '',
    Object.keys(s.data ?? {}).length,
    age(s.metadata?.creationTimestamp, now),
  ],
};
