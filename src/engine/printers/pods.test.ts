import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { printTable } from './registry';
import { HOUR, MIN, NOW, ago } from './testing';

const running = { running: { startedAt: ago(5 * MIN) } };

function pod(name: string, spec: Partial<Pod['spec']>, status: Pod['status'], extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: ago(10 * MIN), ...extra },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    status,
  };
}

const row = (p: Pod) => printTable('pods', [p], NOW).rows[0].cells;

describe('pods table', () => {
  it('has the real columns, wide ones at priority 1', () => {
    const cols = printTable('pods', [], NOW).columns.map((c) => `${c.name}:${c.priority}`);
    expect(cols).toEqual([
      'Name:0', 'Ready:0', 'Status:0', 'Restarts:0', 'Age:0', 'IP:1', 'Node:1', 'Nominated Node:1', 'Readiness Gates:1',
    ]);
  });

  it('prints a running pod with wide cells', () => {
    const p = pod('web', { nodeName: 'node-1' }, {
      phase: 'Running',
      podIPs: [{ ip: '10.244.0.5' }],
      containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: running }],
    });
    expect(row(p)).toEqual(['web', '1/1', 'Running', '0', '10m', '10.244.0.5', 'node-1', '<none>', '<none>']);
  });

  it('shows restarts with the time of the last one', () => {
    const p = pod('crash', {}, {
      phase: 'Running',
      containerStatuses: [{
        name: 'app', image: 'nginx', imageID: '', ready: false, restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(2 * MIN) } },
      }],
    });
    expect(row(p).slice(0, 5)).toEqual(['crash', '0/1', 'CrashLoopBackOff', '3 (2m ago)', '10m']);
  });

  it('lets the first container with a reason win', () => {
    const p = pod('two', { containers: [{ name: 'a' }, { name: 'b' }] }, {
      phase: 'Pending',
      containerStatuses: [
        { name: 'a', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull' } } },
        { name: 'b', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
      ],
    });
    expect(row(p)[2]).toBe('ErrImagePull');
  });

  it('reports init progress and init failures', () => {
    const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }] };
    const waiting = (reason?: string) => ({ waiting: reason ? { reason } : {} });
    const initStatus = (state: object, restartCount = 0) => ({ name: 'i1', image: '', imageID: '', ready: false, restartCount, state });
    expect(row(pod('p', spec, { phase: 'Pending', initContainerStatuses: [initStatus(running)] }))[2]).toBe('Init:0/2');
    expect(row(pod('p', spec, { phase: 'Pending', initContainerStatuses: [initStatus(waiting('CrashLoopBackOff'), 2)] })).slice(1, 4)).toEqual([
      '0/1', 'Init:CrashLoopBackOff', '2',
    ]);
    const failed = { terminated: { exitCode: 2 } };
    expect(row(pod('p', spec, { phase: 'Pending', initContainerStatuses: [initStatus(failed)] }))[2]).toBe('Init:ExitCode:2');
  });

  it('counts a started sidecar towards READY', () => {
    const spec = { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] };
    const p = pod('side', spec, {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [{ name: 'proxy', image: '', imageID: '', ready: true, started: true, restartCount: 1, state: running }],
      containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount: 0, state: running }],
    });
    expect(row(p).slice(1, 4)).toEqual(['2/2', 'Running', '1']);
  });

  it('prints Completed, NotReady, Terminating and Unknown', () => {
    const done = { terminated: { exitCode: 0, reason: 'Completed' } };
    const status = (a: object, b: object, ready: boolean) => ({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        { name: 'a', image: '', imageID: '', ready: false, restartCount: 0, state: a },
        { name: 'b', image: '', imageID: '', ready: true, restartCount: 0, state: b },
      ],
    });
    const two = { containers: [{ name: 'a' }, { name: 'b' }] };
    expect(row(pod('p', two, status(done, running, false)))[2]).toBe('NotReady');
    expect(row(pod('p', two, status(done, running, true)))[2]).toBe('Running');
    expect(row(pod('p', {}, { phase: 'Succeeded', containerStatuses: [
      { name: 'app', image: '', imageID: '', ready: false, restartCount: 0, state: done }] }))[2]).toBe('Completed');
    const deleting = { deletionTimestamp: ago(HOUR) };
    expect(row(pod('p', {}, { phase: 'Running' }, deleting))[2]).toBe('Terminating');
    expect(row(pod('p', {}, { phase: 'Running', reason: 'NodeLost' }, deleting))[2]).toBe('Unknown');
    expect(row(pod('p', {}, { phase: 'Failed', reason: 'Evicted' }))[2]).toBe('Evicted');
  });

  it('marks finished pods with a Completed row condition', () => {
    const t = printTable('pods', [pod('p', {}, { phase: 'Succeeded' })], NOW);
    expect(t.rows[0].conditions?.[0]).toMatchObject({ type: 'Completed', reason: 'Succeeded' });
  });
});
