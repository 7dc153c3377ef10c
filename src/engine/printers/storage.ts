/** Storage tables (printers.go): persistentvolumes, persistentvolumeclaims, storageclasses. */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { canonicalQuantity } from '../util/quantity';
import { AGE_COLUMN, NAME_COLUMN, age, col } from './format';
import type { TablePrinter } from './types';

const MODE_ABBREV: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** helper.GetAccessModesAsString: de-duplicated, in the fixed order RWO,ROX,RWX,RWOP. */
export function accessModes(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  return MODE_ABBREV.filter(([m]) => set.has(m))
    .map(([, a]) => a)
    .join(',');
}

/** Quantity.String() of a capacity; Go's zero Quantity prints `0`. */
const capacity = (v: string | undefined): string => (v === undefined ? '0' : canonicalQuantity(v));

/** GetPersistentVolume(Claim)Class: the beta annotation wins over spec.storageClassName. */
const storageClassOf = (obj: { spec?: { storageClassName?: string }; metadata?: { annotations?: Record<string, string> } }) =>
  obj.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? obj.spec?.storageClassName ?? '';

export const persistentVolumePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Capacity'),
    col('Access Modes'),
    col('Reclaim Policy'),
    col('Status'),
    col('Claim'),
    col('StorageClass', { description: 'StorageClass of the pv' }),
    col('VolumeAttributesClass', { description: 'VolumeAttributesClass of the pv' }),
    col('Reason'),
    AGE_COLUMN,
    col('VolumeMode', { priority: 1 }),
  ],
  row: (pv: PersistentVolume, now) => [
    pv.metadata?.name ?? '',
    capacity(pv.spec?.capacity?.storage),
    accessModes(pv.spec?.accessModes),
    pv.spec?.persistentVolumeReclaimPolicy ?? '',
    pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
    pv.spec?.claimRef ? `${pv.spec.claimRef.namespace ?? ''}/${pv.spec.claimRef.name ?? ''}` : '',
    storageClassOf(pv),
    pv.spec?.volumeAttributesClassName ?? '<unset>',
    pv.status?.reason ?? '',
    age(pv.metadata?.creationTimestamp, now),
    pv.spec?.volumeMode ?? '<unset>',
  ],
};

export const persistentVolumeClaimPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Status'),
    col('Volume'),
    col('Capacity'),
    col('Access Modes'),
    col('StorageClass', { description: 'StorageClass of the pvc' }),
    col('VolumeAttributesClass', { description: 'VolumeAttributesClass of the pvc' }),
    AGE_COLUMN,
    col('VolumeMode', { priority: 1 }),
  ],
  row: (pvc: PersistentVolumeClaim, now) => {
    const bound = !!pvc.spec?.volumeName;
    return [
      pvc.metadata?.name ?? '',
      pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      pvc.spec?.volumeName ?? '',
      bound ? capacity(pvc.status?.capacity?.storage) : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      storageClassOf(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      age(pvc.metadata?.creationTimestamp, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

export const storageClassPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Provisioner'),
    col('ReclaimPolicy'),
    col('VolumeBindingMode'),
    col('AllowVolumeExpansion'),
    AGE_COLUMN,
  ],
  row: (sc: StorageClass, now) => {
    const isDefault = DEFAULT_CLASS_ANNOTATIONS.some((a) => sc.metadata?.annotations?.[a] === 'true');
    return [
      (sc.metadata?.name ?? '') + (isDefault ? ' (default)' : ''),
      sc.provisioner,
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion ?? false,
      age(sc.metadata?.creationTimestamp, now),
    ];
  },
};
