import { describe, expect, it } from 'vitest';
import { printTable } from './registry';
import { HOUR, MIN, NOW, SEC, ago } from './testing';

const cells = (resource: string, obj: object) => printTable(resource, [obj], NOW).rows[0].cells;

describe('nodes table', () => {
  const node = (extra: { labels?: object; unschedulable?: boolean; ready?: string | null }) => ({
    metadata: { name: 'aks-nodepool1-12345678-vmss000000', creationTimestamp: ago(36 * HOUR), labels: extra.labels ?? {} },
    spec: { unschedulable: extra.unschedulable },
    status: {
      conditions: extra.ready === null ? [] : [{ type: 'Ready', status: extra.ready ?? 'True' }],
      addresses: [{ type: 'InternalIP', address: '10.224.0.4' }, { type: 'Hostname', address: 'aks-nodepool1-12345678-vmss000000' }],
      nodeInfo: { kubeletVersion: 'v1.34.1', osImage: 'Ubuntu 22.04.5 LTS', kernelVersion: '5.15.0-1079-azure', containerRuntimeVersion: 'containerd://1.7.27-1' },
    },
  });

  it('prints status, roles, version and wide cells', () => {
    expect(cells('nodes', node({ labels: { 'kubernetes.io/role': 'agent', 'node-role.kubernetes.io/agent': '' } }))).toEqual([
      'aks-nodepool1-12345678-vmss000000', 'Ready', 'agent', '36h', 'v1.34.1',
      '10.224.0.4', '<none>', 'Ubuntu 22.04.5 LTS', '5.15.0-1079-azure', 'containerd://1.7.27-1',
    ]);
  });

  it('derives STATUS from the Ready condition and cordoning', () => {
    expect(cells('nodes', node({ unschedulable: true }))[1]).toBe('Ready,SchedulingDisabled');
    expect(cells('nodes', node({ ready: 'Unknown' }))[1]).toBe('NotReady');
    expect(cells('nodes', node({ ready: null }))[1]).toBe('Unknown');
    expect(cells('nodes', node({ labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/': 'x' } }))[2]).toBe('control-plane');
    expect(cells('nodes', node({}))[2]).toBe('<none>');
  });
});

describe('events table', () => {
  it('prints object, source and counts', () => {
    const e = {
      metadata: { name: 'web-abc.17f1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-abc', fieldPath: 'spec.containers{web}' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container web in pod web-abc_default(uid)\n',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: ago(5 * MIN),
      lastTimestamp: ago(10 * SEC),
      count: 7,
      type: 'Warning',
    };
    expect(cells('events', e)).toEqual([
      '10s', 'Warning', 'BackOff', 'pod/web-abc', 'spec.containers{web}', 'kubelet, node-1',
      'Back-off restarting failed container web in pod web-abc_default(uid)', '5m', 7, 'web-abc.17f1',
    ]);
  });

  it('reads new-style events from eventTime and series', () => {
    const e = {
      metadata: { name: 'n' },
      involvedObject: { kind: 'Node', name: 'node-1' },
      eventTime: '2026-01-01T11:50:00.000000Z',
      series: { count: 3, lastObservedTime: '2026-01-01T11:59:00.000000Z' },
      reportingComponent: 'node-controller',
    };
    const c = cells('events', e);
    expect([c[0], c[3], c[5], c[7], c[8]]).toEqual(['60s', 'node/node-1', 'node-controller', '10m', 3]);
  });
});

describe('other cluster tables', () => {
  const m = (name: string) => ({ name, creationTimestamp: ago(2 * HOUR) });
  it.each([
    ['namespaces', { metadata: m('default'), status: { phase: 'Active' } }, ['default', 'Active', '120m']],
    ['leases.coordination.k8s.io', { metadata: m('node-1'), spec: { holderIdentity: 'node-1' } }, ['node-1', 'node-1', '120m']],
    ['priorityclasses.scheduling.k8s.io', { metadata: m('system-node-critical'), value: 2000001000 }, ['system-node-critical', 2000001000, false, '120m', '']],
    ['serviceaccounts', { metadata: m('default') }, ['default', 0, '120m']],
    ['configmaps', { metadata: m('kube-root-ca.crt'), data: { 'ca.crt': 'x' } }, ['kube-root-ca.crt', 1, '120m']],
    ['secrets', { metadata: m('tls'), type: 'kubernetes.io/tls', data: { 'tls.crt': 'x', 'tls.key': 'y' } }, ['tls', 'kubernetes.io/tls', 2, '120m']],
  ])('%s', (resource, obj, want) => expect(cells(resource, obj)).toEqual(want));

  it('falls back to the default table convertor', () => {
    const t = printTable('roles', [{ metadata: { name: 'reader', creationTimestamp: '2026-01-01T10:00:00Z' } }], NOW);
    expect(t.columns.map((c) => c.name)).toEqual(['Name', 'Created At']);
    expect(t.rows[0].cells).toEqual(['reader', '2026-01-01T10:00:00Z']);
  });
});
