import { describe, expect, it } from 'vitest';
import { printTable } from './registry';
import { HOUR, MIN, NOW, SEC, ago } from './testing';

const meta = (name: string, extra: object = {}) => ({ name, namespace: 'default', creationTimestamp: ago(HOUR), ...extra });
const template = { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }, { name: 'log', image: 'busybox' }] } };
const cells = (resource: string, obj: object) => printTable(resource, [obj], NOW).rows[0].cells;

describe('workload tables', () => {
  it('deployments.apps', () => {
    const d = {
      metadata: meta('web'),
      spec: { replicas: 3, selector: { matchLabels: { tier: 'fe', app: 'web' } }, template },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(cells('deployments.apps', d)).toEqual(['web', '2/3', 3, 2, '60m', 'web,log', 'nginx:1.25,busybox', 'app=web,tier=fe']);
  });

  it('replicasets and statefulsets', () => {
    const sel = { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] };
    const rs = { metadata: meta('web-7c5ddbdf54'), spec: { replicas: 3, selector: sel, template }, status: { replicas: 3 } };
    expect(cells('replicasets.apps', rs)).toEqual(['web-7c5ddbdf54', 3, 3, 0, '60m', 'web,log', 'nginx:1.25,busybox', 'env in (dev,prod)']);
    const sts = { metadata: meta('db'), spec: { replicas: 2, template }, status: { readyReplicas: 1 } };
    expect(cells('statefulsets.apps', sts)).toEqual(['db', '1/2', '60m', 'web,log', 'nginx:1.25,busybox']);
  });

  it('daemonsets.apps', () => {
    const ds = {
      metadata: meta('kube-proxy'),
      spec: { selector: { matchLabels: { k: 'v' } }, template: { spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 },
    };
    expect(cells('daemonsets.apps', ds).slice(0, 8)).toEqual(['kube-proxy', 3, 3, 3, 3, 3, 'kubernetes.io/os=linux', '60m']);
  });

  it('jobs: status, completions and duration', () => {
    const job = (spec: object, status: object, extra = {}) => ({ metadata: meta('pi', extra), spec: { template, ...spec }, status });
    const complete = { conditions: [{ type: 'Complete', status: 'True' }], succeeded: 1, startTime: ago(10 * MIN), completionTime: ago(10 * MIN - 42 * SEC) };
    expect(cells('jobs.batch', job({ completions: 1 }, complete)).slice(0, 5)).toEqual(['pi', 'Complete', '1/1', '42s', '60m']);
    expect(cells('jobs.batch', job({ parallelism: 3 }, { startTime: ago(3 * MIN) })).slice(1, 4)).toEqual(['Running', '0/1 of 3', '3m']);
    expect(cells('jobs.batch', job({}, {})).slice(1, 4)).toEqual(['Running', '0/1', '']);
    const failed = { conditions: [{ type: 'Failed', status: 'True' }] };
    expect(cells('jobs.batch', job({}, failed))[1]).toBe('Failed');
    expect(cells('jobs.batch', job({}, {}, { deletionTimestamp: ago(SEC) }))[1]).toBe('Terminating');
  });

  it('cronjobs.batch', () => {
    const cj = {
      metadata: meta('backup'),
      spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template } } },
      status: { active: [{ name: 'backup-1' }], lastScheduleTime: ago(90 * SEC) },
    };
    expect(cells('cronjobs.batch', cj).slice(0, 7)).toEqual(['backup', '*/5 * * * *', '<none>', 'False', 1, '90s', '60m']);
  });

  it('controllerrevisions name their controller with its group', () => {
    const cr = {
      metadata: meta('web-5d8f', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] }),
      revision: 2,
    };
    expect(cells('controllerrevisions.apps', cr)).toEqual(['web-5d8f', 'statefulset.apps/web', 2, '60m']);
  });

  it('horizontalpodautoscalers.autoscaling', () => {
    const hpa = {
      metadata: meta('web'),
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } },
          { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
        ],
      },
      status: {
        currentReplicas: 2,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45 } } }],
      },
    };
    expect(cells('horizontalpodautoscalers.autoscaling', hpa)).toEqual([
      'web', 'Deployment/web', 'cpu: 45%/50%, memory: <unknown>/200Mi + 1 more...', '1', 10, 2, '60m',
    ]);
  });
});
