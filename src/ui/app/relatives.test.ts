import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/objects';
import { relativesOf } from './relatives';

const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', uid: 'rs' } };
const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1-a', namespace: 'default', uid: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs', controller: true }] } };
const ev = (uid: string): KubeObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: `e-${uid}`, namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web-1-a', uid } });

describe('relativesOf', () => {
  const objects = { 'replicasets.apps': { 'default/web-1': rs }, pods: { 'default/web-1-a': pod } };
  it('finds owner, children and events by uid', () => {
    expect(relativesOf(objects, [ev('p'), ev('other')], pod)).toEqual({ owner: rs, children: [], events: [ev('p')] });
    expect(relativesOf(objects, [], rs).children).toEqual([pod]);
  });
});
