import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects';
import { Random } from '../sim/random';
import { Store } from '../store/store';
import { ApiServer } from './server';

function setup() {
  let now = 1_767_603_600_000;
  const api = new ApiServer(new Store(), { now: () => now }, new Random(7));
  api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return { api, tick: (ms: number) => (now += ms) };
}

const cm = (name: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...extra },
});

describe('ApiServer', () => {
  it('stamps uid, creationTimestamp and resourceVersion, and generates names', () => {
    const { api } = setup();
    const obj = api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '', generateName: 'web-', namespace: 'default' } });
    expect(obj.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(obj.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(obj.metadata.creationTimestamp).toBe('2026-01-05T09:00:00Z');
    expect(Number(obj.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  it('answers with the apiserver errors', () => {
    const { api } = setup();
    api.create('configmaps', cm('a'));
    expect(() => api.create('configmaps', cm('a'))).toThrow('configmaps "a" already exists');
    expect(() => api.get('configmaps', 'default', 'nope')).toThrow('configmaps "nope" not found');
    expect(() => api.create('configmaps', { ...cm('b'), metadata: { name: 'b', namespace: 'dev' } })).toThrow('namespaces "dev" not found');
    const stale = api.get('configmaps', 'default', 'a');
    api.update('configmaps', { ...stale, data: { k: 'v' } } as KubeObject);
    expect(() => api.update('configmaps', { ...stale, data: { k: 'w' } } as KubeObject)).toThrow(
      'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('does not write an update that changes nothing', () => {
    const { api } = setup();
    const a = api.create('configmaps', cm('a'));
    expect(api.update('configmaps', a).metadata.resourceVersion).toBe(a.metadata.resourceVersion);
  });

  it('holds an object with finalizers until they are removed', () => {
    const { api } = setup();
    api.create('configmaps', cm('a', { finalizers: ['example.com/hold'] }));
    const deleting = api.delete('configmaps', 'default', 'a');
    expect(deleting.metadata.deletionTimestamp).toBe('2026-01-05T09:00:00Z');
    expect(() => api.patch('configmaps', 'default', 'a', 'merge', { metadata: { finalizers: ['example.com/hold', 'x'] } })).toThrow(
      /no new finalizers can be added if the object is being deleted/,
    );
    api.patch('configmaps', 'default', 'a', 'merge', { metadata: { finalizers: null } });
    expect(api.tryGet('configmaps', 'default', 'a')).toBeUndefined();
  });

  it('streams watch events filtered by selector, replaying from a resourceVersion', () => {
    const { api } = setup();
    const rv = api.list('configmaps').resourceVersion;
    api.create('configmaps', cm('a', { labels: { app: 'web' } }));
    api.create('configmaps', cm('b'));
    const seen: string[] = [];
    const stop = api.watch('configmaps', { labelSelector: 'app=web', resourceVersion: rv }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    api.patch('configmaps', 'default', 'a', 'merge', { metadata: { labels: { app: 'db' } } });
    stop();
    api.delete('configmaps', 'default', 'b');
    expect(seen).toEqual(['ADDED a', 'DELETED a']);
  });
});
