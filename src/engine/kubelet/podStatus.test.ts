import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects';
import { buildPodStatus } from './podStatus';
import type { PodState } from './types';

const NOW = 1767261600000; // 2026-01-01T10:00:00Z

function podState(): PodState {
  return {
    uid: 'u1',
    namespace: 'default',
    name: 'web',
    admittedAt: NOW,
    sandbox: 1,
    sandboxReady: true,
    podIP: '10.244.1.2',
    startTime: NOW,
    containers: [{ name: 'web', init: false, image: 'nginx', step: 'creating', instance: 1, restartCount: 0, ready: false, started: false, probes: {}, logs: [], previousLogs: [] }],
    conditions: {},
    specHash: {},
  };
}

function pod(status?: Record<string, unknown>): KubeObject {
  const spec = { containers: [{ name: 'web', image: 'nginx', volumeMounts: [{ name: 'token', mountPath: '/var/run', readOnly: true }] }] };
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u1', generation: 1 }, spec, status } as KubeObject;
}

describe('buildPodStatus', () => {
  it('shares what did not change with the stored status, and builds the same JSON', () => {
    const ps = podState();
    const first = buildPodStatus(pod(), ps, '10.224.0.4', NOW);
    const stored = JSON.parse(JSON.stringify(first));
    const again = buildPodStatus(pod(stored), ps, '10.224.0.4', NOW + 1000);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    for (const key of ['conditions', 'hostIPs', 'podIPs', 'containerStatuses']) expect(again[key]).toBe(stored[key]);

    ps.containers[0].step = 'running';
    ps.containers[0].startedAt = NOW + 2000;
    ps.containers[0].ready = true;
    const running = buildPodStatus(pod(stored), ps, '10.224.0.4', NOW + 2000) as any;
    expect(running.phase).toBe('Running');
    expect(running.conditions[0]).toBe(stored.conditions[0]);
    expect(running.conditions[2]).not.toBe(stored.conditions[2]);
    expect(running.conditions[2].status).toBe('True');
    expect(running.containerStatuses[0].volumeMounts).toBe(stored.containerStatuses[0].volumeMounts);
    expect(running.containerStatuses[0].lastState).toBe(stored.containerStatuses[0].lastState);
  });

  it('does not take a stored part that differs only in key order', () => {
    const ps = podState();
    const stored = JSON.parse(JSON.stringify(buildPodStatus(pod(), ps, '10.224.0.4', NOW)));
    const { type, ...rest } = stored.conditions[0];
    stored.conditions[0] = { ...rest, type };
    const again = buildPodStatus(pod(stored), ps, '10.224.0.4', NOW) as any;
    expect(again.conditions[0]).not.toBe(stored.conditions[0]);
    expect(Object.keys(again.conditions[0])[0]).toBe('type');
    expect(again.conditions[1]).toBe(stored.conditions[1]);
  });
});
