import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/objects';
import { nodeView, podView, statusBadge, statusCategory } from './status';

const pod = (status: any, meta: Record<string, unknown> = {}, spec: any = { containers: [{ name: 'app' }] }): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', ...meta },
  spec,
  status,
});
const cs = (state: any, ready = false, restartCount = 0) => ({ name: 'app', image: 'nginx', imageID: '', ready, restartCount, state });

describe('podView', () => {
  it('reads kubectl STATUS reasons', () => {
    expect(podView(pod({ phase: 'Pending' })).status).toBe('Pending');
    expect(podView(pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] })).status).toBe('ContainerCreating');
    expect(podView(pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, true)] }))).toMatchObject({ status: 'Running', ready: 1, total: 1 });
    expect(podView(pod({ phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, false, 4)] }))).toMatchObject({
      status: 'CrashLoopBackOff',
      category: 'failing',
      restarts: 4,
    });
    expect(podView(pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ImagePullBackOff' } })] })).status).toBe('ImagePullBackOff');
    expect(podView(pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] })).category).toBe('completed');
    expect(podView(pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error' } })] })).status).toBe('Error');
    expect(podView(pod({ phase: 'Failed', reason: 'Evicted' })).status).toBe('Evicted');
  });

  it('shows Terminating and Unknown for pods being deleted', () => {
    const deleting = { deletionTimestamp: '2025-01-01T00:00:00Z' };
    expect(podView(pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, true)] }, deleting)).category).toBe('terminating');
    expect(podView(pod({ phase: 'Running', reason: 'NodeLost' }, deleting)).status).toBe('Unknown');
  });

  it('walks init containers first', () => {
    const spec = { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }] };
    const init = (state: any) => ({ ...cs(state), name: 'init' });
    expect(podView(pod({ phase: 'Pending', initContainerStatuses: [init({ waiting: {} })] }, {}, spec)).status).toBe('Init:0/1');
    expect(podView(pod({ phase: 'Pending', initContainerStatuses: [init({ waiting: { reason: 'CrashLoopBackOff' } })] }, {}, spec)).status).toBe(
      'Init:CrashLoopBackOff',
    );
  });
});

describe('statusCategory and badges', () => {
  it('groups reasons into colour families', () => {
    expect(statusCategory('SchedulingGated')).toBe('pending');
    expect(statusCategory('Init:1/2')).toBe('creating');
    expect(statusCategory('OOMKilled')).toBe('failing');
    expect(statusCategory('Unknown')).toBe('unknown');
  });

  it('draws a glyph for everything but Running', () => {
    expect(statusBadge('Running')).toBe('');
    expect(statusBadge('CrashLoopBackOff')).toBe('↻');
    expect(statusBadge('ErrImagePull')).toBe('⤓');
    expect(statusBadge('Completed')).toBe('✓');
  });
});

describe('nodeView', () => {
  it('reads Ready, NotReady and cordoned nodes', () => {
    const node = (ready: string | null, unschedulable = false): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
      spec: { unschedulable },
      status: { conditions: ready ? [{ type: 'Ready', status: ready }] : [] },
    });
    expect(nodeView(node('True')).status).toBe('Ready');
    expect(nodeView(node('False')).ready).toBe('NotReady');
    expect(nodeView(node(null)).ready).toBe('Unknown');
    expect(nodeView(node('True', true)).status).toBe('Ready,SchedulingDisabled');
  });
});
