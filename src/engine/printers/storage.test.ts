import { describe, expect, it } from 'vitest';
import { printTable } from './registry';
import { HOUR, NOW, ago } from './testing';

const cells = (resource: string, obj: object) => printTable(resource, [obj], NOW).rows[0].cells;
const meta = (name: string, extra = {}) => ({ name, creationTimestamp: ago(HOUR), ...extra });

describe('storage tables', () => {
  it('persistentvolumes', () => {
    const pv = {
      metadata: meta('pvc-1234'),
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        claimRef: { namespace: 'default', name: 'data' },
        storageClassName: 'managed-csi',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    };
    expect(cells('persistentvolumes', pv)).toEqual([
      'pvc-1234', '10Gi', 'RWO', 'Delete', 'Bound', 'default/data', 'managed-csi', '<unset>', '', '60m', 'Filesystem',
    ]);
  });

  it('persistentvolumeclaims before and after binding', () => {
    const spec = { storageClassName: 'managed-csi', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } };
    expect(cells('persistentvolumeclaims', { metadata: meta('data'), spec, status: { phase: 'Pending' } })).toEqual([
      'data', 'Pending', '', '', '', 'managed-csi', '<unset>', '60m', '<unset>',
    ]);
    const bound = { metadata: meta('data'), spec: { ...spec, volumeName: 'pvc-1' }, status: { phase: 'Bound', capacity: { storage: '5120Mi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'] } };
    expect(cells('persistentvolumeclaims', bound).slice(1, 5)).toEqual(['Bound', 'pvc-1', '5Gi', 'RWO,RWX']);
  });

  it('storageclasses mark the default', () => {
    const sc = {
      metadata: meta('managed-csi', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
      provisioner: 'disk.csi.azure.com',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    };
    expect(cells('storageclasses.storage.k8s.io', sc)).toEqual(['managed-csi (default)', 'disk.csi.azure.com', 'Delete', 'WaitForFirstConsumer', true, '60m']);
  });
});
