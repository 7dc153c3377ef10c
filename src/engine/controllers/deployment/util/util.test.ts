import { describe, expect, it } from 'vitest';
import { setNewReplicaSetAnnotations } from './annotations';
import { utf8Bytes } from '../../../util/utf8';
import { canonicalJson, computeHash, fnv32a, fnv32aUtf8, safeEncodeString } from './hash';
import { resolveFenceposts } from './replicas';
import { equalIgnoreHash, findNewReplicaSet } from './templates';

describe('pod-template-hash', () => {
  it('is FNV-32a encoded with SafeEncodeString', () => {
    expect(fnv32a(utf8Bytes(''))).toBe(0x811c9dc5);
    expect(fnv32a(utf8Bytes('a'))).toBe(0xe40c292c);
    expect(fnv32a(utf8Bytes('foobar'))).toBe(0xbf9cf968);
    // Digits map only to 4 5 6 7 8 9 b c d f.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('hashes a string as fnv32a over its UTF-8 bytes', () => {
    for (const s of ['', 'a', 'foobar', 'é€😀', '\ud800 lone', 'end \udc00']) expect(fnv32aUtf8(s)).toBe(fnv32a(utf8Bytes(s)));
    expect(fnv32aUtf8('a', 7)).toBe(fnv32a(utf8Bytes('a'), 7));
  });

  it('is stable, key-order independent and changed by the collision count', () => {
    const t = { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
    const u = { spec: { containers: [{ image: 'nginx', name: 'web' }] }, metadata: { labels: { tier: 'fe', app: 'web' } } };
    expect(canonicalJson(t)).toBe(canonicalJson(u));
    expect(computeHash(t)).toBe(computeHash(u));
    expect(computeHash(t)).toMatch(/^[456789bcdf]{6,10}$/);
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
    expect(computeHash(t, 0)).not.toBe(computeHash(t));
  });
});

describe('fenceposts', () => {
  it('rounds surge up and unavailable down, never both zero', () => {
    expect(resolveFenceposts('25%', '25%', 3)).toEqual([1, 0]);
    expect(resolveFenceposts('25%', '25%', 4)).toEqual([1, 1]);
    expect(resolveFenceposts('25%', '25%', 10)).toEqual([3, 2]);
    expect(resolveFenceposts('25%', '25%', 1)).toEqual([1, 0]);
    expect(resolveFenceposts('10%', '10%', 2)).toEqual([1, 0]);
    expect(resolveFenceposts(0, '10%', 2)).toEqual([0, 1]);
  });
});

describe('templates and annotations', () => {
  it('compares templates ignoring the hash label and empty maps', () => {
    const a = { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } }, spec: { containers: [{ name: 'c' }], volumes: [] } };
    const b = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } };
    expect(equalIgnoreHash(a, b)).toBe(true);
    expect(equalIgnoreHash(a, { ...b, metadata: { labels: { app: 'api' } } })).toBe(false);
  });

  it('finds the oldest replica set with the template, the first listed among equally old ones', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'v2' }] } };
    const other = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'v1' }] } };
    const rs = (name: string, created: string, t: unknown) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, creationTimestamp: created }, spec: { template: t } });
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template } };
    const oldest = rs('web-a', '2024-01-01T00:00:00Z', other);
    const first = rs('web-b', '2024-01-02T00:00:00Z', { ...template });
    const twin = rs('web-b', '2024-01-02T00:00:00Z', { ...template });
    const newer = rs('web-c', '2024-01-03T00:00:00Z', template);
    expect(findNewReplicaSet(d, [newer, first, oldest, twin])).toBe(first);
    expect(findNewReplicaSet(d, [twin, newer, first])).toBe(twin);
    expect(findNewReplicaSet(d, [oldest])).toBeUndefined();
    // Asked again (answers are remembered per template pair): the same.
    expect(findNewReplicaSet(d, [newer, first, oldest, twin])).toBe(first);
  });

  it('records the old revision in revision-history when a replica set is reused', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', annotations: { team: 'blue' } } };
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-x', annotations: { 'deployment.kubernetes.io/revision': '1' } as Record<string, string> } };
    expect(setNewReplicaSetAnnotations(d, rs, 3, true, 2, 3)).toBe(true);
    expect(rs.metadata.annotations).toEqual({ team: 'blue', 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    setNewReplicaSetAnnotations(d, rs, 5, true, 2, 3);
    expect(rs.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('1,3');
    expect(setNewReplicaSetAnnotations(d, rs, 5, true, 2, 3)).toBe(false);
  });
});
