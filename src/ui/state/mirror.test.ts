import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/objects';
import type { Batch } from '../../protocol/messages';
import { applyBatches, emptyMirror, mirrorFromFull } from './mirror';

const clock = { now: 0, speed: 1 as const, quiet: true };
const pod = (name: string, phase = 'Pending'): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name }, status: { phase } });
const node = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
const ev = (uid: string, count = 1): KubeObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: uid, namespace: 'default', uid }, count });

function batch(seq: number, from: number, to: number, parts: Partial<Batch>): Batch {
  return { seq, fromResourceVersion: from, resourceVersion: to, upserted: [], removed: [], events: [], clock, ...parts };
}

describe('mirror', () => {
  const start = mirrorFromFull({ seq: 4, resourceVersion: 10, objects: { nodes: [node('n1')], pods: [pod('a')] }, events: [ev('e1')], clock });

  it('keys namespaced objects by namespace/name and cluster objects by name', () => {
    expect(Object.keys(start.objects.pods)).toEqual(['default/a']);
    expect(Object.keys(start.objects.nodes)).toEqual(['n1']);
  });

  it('applies upserts and removals, sharing untouched resources', () => {
    const r = applyBatches(start, [
      batch(5, 10, 12, { upserted: [{ resource: 'pods', object: pod('b') }, { resource: 'pods', object: pod('a', 'Running') }] }),
      batch(6, 12, 13, { removed: [{ resource: 'pods', namespace: 'default', name: 'b' }], events: [ev('e2'), ev('e1', 2)] }),
    ]);
    if (!r.ok) throw new Error(r.reason);
    expect(Object.keys(r.mirror.objects.pods)).toEqual(['default/a']);
    expect(r.mirror.objects.pods['default/a'].status.phase).toBe('Running');
    expect(r.mirror.objects.nodes).toBe(start.objects.nodes);
    expect(start.objects.pods['default/a'].status.phase).toBe('Pending');
    expect(r.mirror.events.map((e) => [e.metadata.uid, e.count])).toEqual([['e2', 1], ['e1', 2]]);
    expect(r.mirror.seq).toBe(6);
    expect(r.mirror.resourceVersion).toBe(13);
  });

  it('skips batches it already has', () => {
    const r = applyBatches(start, [batch(4, 9, 10, { upserted: [{ resource: 'pods', object: pod('z') }] })]);
    expect(r.ok && Object.keys(r.mirror.objects.pods)).toEqual(['default/a']);
  });

  it('refuses a gap, a resourceVersion jump or an unknown removal', () => {
    expect(applyBatches(start, [batch(6, 10, 11, {})]).ok).toBe(false);
    expect(applyBatches(start, [batch(5, 11, 12, {})]).ok).toBe(false);
    expect(applyBatches(start, [batch(5, 10, 11, { removed: [{ resource: 'pods', namespace: 'default', name: 'nope' }] })]).ok).toBe(false);
  });

  it('creates tables for new resources', () => {
    const r = applyBatches(emptyMirror, [batch(1, 0, 1, { upserted: [{ resource: 'services', object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'x' } } }] })]);
    expect(r.ok && Object.keys(r.mirror.objects.services)).toEqual(['x/s']);
  });
});
