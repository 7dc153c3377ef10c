import { describe, expect, it } from 'vitest';
import { printTable } from '../../../engine/printers';
import { HOUR, MIN, NOW, SEC, ago } from '../../../engine/printers/testing';
import { renderTable } from './table';

const runningPod = (name: string, ns: string, node: string, ip: string, labels: Record<string, string>) => ({
  metadata: { name, namespace: ns, creationTimestamp: ago(5 * MIN), labels },
  spec: { containers: [{ name: 'web', image: 'nginx' }], nodeName: node },
  status: {
    phase: 'Running',
    podIPs: [{ ip }],
    containerStatuses: [{ name: 'web', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: {} } }],
  },
});

const crashPod = {
  metadata: { name: 'crash', namespace: 'default', creationTimestamp: ago(10 * MIN) },
  spec: { containers: [{ name: 'app', image: 'busybox' }] },
  status: {
    phase: 'Running',
    containerStatuses: [{
      name: 'app', image: 'busybox', imageID: '', ready: false, restartCount: 3,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, finishedAt: ago(2 * MIN) } },
    }],
  },
};

const pods = [runningPod('web-7c5ddbdf54-x7k2p', 'default', 'node-1', '10.244.0.5', { app: 'web', 'pod-template-hash': '7c5ddbdf54' }), crashPod];

describe('renderTable', () => {
  it('renders kubectl get pods', () => {
    expect(renderTable(printTable('pods', pods, NOW))).toBe(
      'NAME                   READY   STATUS             RESTARTS     AGE\n' +
        'web-7c5ddbdf54-x7k2p   1/1     Running            0            5m\n' +
        'crash                  0/1     CrashLoopBackOff   3 (2m ago)   10m\n',
    );
  });

  it('renders -o wide', () => {
    expect(renderTable(printTable('pods', pods, NOW), { wide: true })).toBe(
      'NAME                   READY   STATUS             RESTARTS     AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        'web-7c5ddbdf54-x7k2p   1/1     Running            0            5m    10.244.0.5   node-1   <none>           <none>\n' +
        'crash                  0/1     CrashLoopBackOff   3 (2m ago)   10m   <none>       <none>   <none>           <none>\n',
    );
  });

  it('renders -A, --show-labels and --no-headers', () => {
    const table = printTable('pods', [runningPod('coredns-abc', 'kube-system', 'n', '10.244.0.2', { 'k8s-app': 'kube-dns' })], NOW);
    expect(renderTable(table, { withNamespace: true, showLabels: true })).toBe(
      'NAMESPACE     NAME          READY   STATUS    RESTARTS   AGE   LABELS\n' +
        'kube-system   coredns-abc   1/1     Running   0          5m    k8s-app=kube-dns\n',
    );
    expect(renderTable(table, { noHeaders: true })).toBe('coredns-abc   1/1   Running   0     5m\n');
  });

  it('prefixes names with the kind and prints <none> labels', () => {
    const d = {
      metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(HOUR) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
      status: { readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 },
    };
    expect(renderTable(printTable('deployments.apps', [d], NOW), { kindPrefix: 'deployment.apps', showLabels: true })).toBe(
      'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE   LABELS\n' +
        'deployment.apps/web   3/3     3            3           60m   <none>\n',
    );
  });

  it('renders nodes with -L label columns', () => {
    const node = {
      metadata: { name: 'aks-nodepool1-12345678-vmss000000', creationTimestamp: ago(3 * 24 * HOUR + 4 * HOUR), labels: { 'topology.kubernetes.io/zone': 'eastus-1' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.34.1' } },
    };
    expect(renderTable(printTable('nodes', [node], NOW), { labelColumns: ['topology.kubernetes.io/zone'] })).toBe(
      'NAME                                STATUS                     ROLES    AGE    VERSION   ZONE\n' +
        'aks-nodepool1-12345678-vmss000000   Ready,SchedulingDisabled   <none>   3d4h   v1.34.1   eastus-1\n',
    );
  });

  it('renders kubectl get events', () => {
    const ev = (name: string, reason: string, message: string, t: number, type = 'Normal') => ({
      metadata: { name, namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-abc' },
      reason,
      message,
      type,
      source: { component: 'kubelet' },
      firstTimestamp: ago(t),
      lastTimestamp: ago(t),
      count: 1,
    });
    const events = [
      ev('a', 'Scheduled', 'Successfully assigned default/web-abc to node-1', 2 * MIN),
      ev('b', 'BackOff', 'Back-off restarting failed container web in pod web-abc_default(1)', 5 * SEC, 'Warning'),
    ];
    expect(renderTable(printTable('events', events, NOW))).toBe(
      'LAST SEEN   TYPE      REASON      OBJECT        MESSAGE\n' +
        '2m          Normal    Scheduled   pod/web-abc   Successfully assigned default/web-abc to node-1\n' +
        '5s          Warning   BackOff     pod/web-abc   Back-off restarting failed container web in pod web-abc_default(1)\n',
    );
  });

  it('prints nothing for an empty table and cuts multi-line cells', () => {
    expect(renderTable(printTable('pods', [], NOW))).toBe('');
    const cm = { metadata: { name: 'x\ny', creationTimestamp: ago(SEC) } };
    expect(renderTable(printTable('configmaps', [cm], NOW))).toBe('NAME   DATA   AGE\nx...   0      1s\n');
  });
});
