import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/objects';
import { eventRow, eventRows, involvedRef } from './events';

const NOW = Date.UTC(2025, 0, 1, 0, 10);
const ev = (name: string, type: string, reason: string, agoS: number, involved: any = { kind: 'Pod', name: 'web-1', namespace: 'default' }): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'default' },
  involvedObject: involved,
  type,
  reason,
  message: `${reason} happened `,
  lastTimestamp: new Date(NOW - agoS * 1000).toISOString(),
});

describe('events', () => {
  const events = [ev('a', 'Normal', 'Scheduled', 90), ev('b', 'Warning', 'BackOff', 10), ev('c', 'Normal', 'NodeNotReady', 30, { kind: 'Node', name: 'n1' })];

  it('reads rows like kubectl get events', () => {
    expect(eventRow(events[1], NOW)).toMatchObject({ type: 'Warning', reason: 'BackOff', object: 'pod/web-1', message: 'BackOff happened', age: '10s', count: 1 });
    expect(involvedRef(events[2])).toEqual({ resource: 'nodes', name: 'n1' });
    expect(involvedRef(ev('d', 'Normal', 'ScalingReplicaSet', 1, { kind: 'Deployment', apiVersion: 'apps/v1', name: 'web', namespace: 'default' }))).toEqual({
      resource: 'deployments.apps',
      namespace: 'default',
      name: 'web',
    });
  });

  it('sorts newest first and filters by type and text', () => {
    expect(eventRows(events, { type: 'all', text: '' }, NOW).map((r) => r.reason)).toEqual(['BackOff', 'NodeNotReady', 'Scheduled']);
    expect(eventRows(events, { type: 'Normal', text: '' }, NOW).map((r) => r.reason)).toEqual(['NodeNotReady', 'Scheduled']);
    expect(eventRows(events, { type: 'all', text: 'node/' }, NOW).map((r) => r.reason)).toEqual(['NodeNotReady']);
    expect(eventRows(events, { type: 'all', text: 'SCHED' }, NOW).map((r) => r.reason)).toEqual(['Scheduled']);
    expect(eventRows(events, { type: 'all', text: '' }, NOW, 1)).toHaveLength(1);
  });

  it('uses series and eventTime of the new Events API', () => {
    const e: KubeObject = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'x' }, regarding: { kind: 'Pod', name: 'p', namespace: 'ns' }, note: 'hi', type: 'Normal', reason: 'Pulled', eventTime: new Date(NOW - 5000).toISOString(), series: { count: 4, lastObservedTime: new Date(NOW - 1000).toISOString() } };
    expect(eventRow(e, NOW)).toMatchObject({ age: '1s', count: 4, message: 'hi', object: 'pod/p' });
  });
});
