/**
 * Server-side Table printing: one registry from resource (plural) to printer, so every kind
 * goes through the same mechanism. Kinds without a printer get the apiserver's default table
 * convertor (NAME, CREATED AT); custom resources without printer columns get NAME, AGE.
 */
import { formatRFC3339, parseTime } from '../util/time';
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from './workloads';
import {
  configMapPrinter,
  eventPrinter,
  leasePrinter,
  namespacePrinter,
  nodePrinter,
  priorityClassPrinter,
  secretPrinter,
  serviceAccountPrinter,
} from './cluster';
import { AGE_COLUMN, CREATED_AT_COLUMN, NAME_COLUMN, age } from './format';
import { hpaPrinter } from './hpa';
import { endpointSlicePrinter, endpointsPrinter, serviceCIDRPrinter, servicePrinter } from './network';
import { podPrinter } from './pods';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage';
import type { Table, TablePrinter } from './types';

/** Keyed by qualified resource name, as the API server names resources (`deployments.apps`). */
const PRINTERS: Record<string, TablePrinter> = {
  pods: podPrinter,
  'deployments.apps': deploymentPrinter,
  'replicasets.apps': replicaSetPrinter,
  'statefulsets.apps': statefulSetPrinter,
  'daemonsets.apps': daemonSetPrinter,
  'jobs.batch': jobPrinter,
  'cronjobs.batch': cronJobPrinter,
  'controllerrevisions.apps': controllerRevisionPrinter,
  'horizontalpodautoscalers.autoscaling': hpaPrinter,
  nodes: nodePrinter,
  namespaces: namespacePrinter,
  events: eventPrinter,
  'leases.coordination.k8s.io': leasePrinter,
  'priorityclasses.scheduling.k8s.io': priorityClassPrinter,
  serviceaccounts: serviceAccountPrinter,
  configmaps: configMapPrinter,
  secrets: secretPrinter,
  services: servicePrinter,
  endpoints: endpointsPrinter,
  'endpointslices.discovery.k8s.io': endpointSlicePrinter,
  'servicecidrs.networking.k8s.io': serviceCIDRPrinter,
  persistentvolumes: persistentVolumePrinter,
  persistentvolumeclaims: persistentVolumeClaimPrinter,
  'storageclasses.storage.k8s.io': storageClassPrinter,
};

type Meta = { metadata?: { name?: string; creationTimestamp?: string } };

/** The printer registered for a resource, if it has one. */
export function tablePrinterFor(resource: string): TablePrinter | undefined {
  return Object.hasOwn(PRINTERS, resource) ? PRINTERS[resource] : undefined;
}

/** The apiserver's defaultTableConvertor: NAME and the creation time as RFC 3339 (e.g. roles). */
const DEFAULT_PRINTER: TablePrinter = {
  columns: [NAME_COLUMN, CREATED_AT_COLUMN],
  row: (obj: Meta) => {
    const t = obj.metadata?.creationTimestamp ? parseTime(obj.metadata.creationTimestamp) : null;
    // Go formats a zero time as 0001-01-01T00:00:00Z.
    return [obj.metadata?.name ?? '', t === null ? '0001-01-01T00:00:00Z' : formatRFC3339(t)];
  },
};

/** A CustomResourceDefinition without additionalPrinterColumns: NAME, AGE. */
const CUSTOM_RESOURCE_PRINTER: TablePrinter = {
  columns: [NAME_COLUMN, AGE_COLUMN],
  row: (obj: Meta, now) => [obj.metadata?.name ?? '', age(obj.metadata?.creationTimestamp, now)],
};

function print(printer: TablePrinter, objects: readonly object[], now: number): Table {
  return {
    columns: printer.columns.map((c) => ({ ...c })),
    rows: objects.map((object) => {
      const conditions = printer.conditions?.(object);
      const row: Table['rows'][number] = { cells: printer.row(object, now), object };
      if (conditions) row.conditions = conditions;
      return row;
    }),
  };
}

/**
 * The Table the apiserver returns for a list of `resource` at virtual time `now` (ms). Wide cells
 * are always included, as the apiserver does; the client hides priority-1 columns.
 */
export function printTable(resource: string, objects: readonly object[], now: number): Table {
  return print(tablePrinterFor(resource) ?? DEFAULT_PRINTER, objects, now);
}

/** The Table for custom resources whose definition has no printer columns. */
export function printCustomResourceTable(objects: readonly object[], now: number): Table {
  return print(CUSTOM_RESOURCE_PRINTER, objects, now);
}
