import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/objects';
import { parseKey, relationEdges, selectorMatches } from './relations';
import type { ObjectsByResource } from './refs';

const obj = (apiVersion: string, kind: string, name: string, extra: Partial<KubeObject> = {}, meta: any = {}): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...meta },
  ...extra,
});
const ownedBy = (kind: string, name: string, apiVersion = 'apps/v1') => ({
  ownerReferences: [{ apiVersion, kind, name, uid: `uid-${name}`, controller: true }],
});

function world(): ObjectsByResource {
  return {
    'deployments.apps': { 'default/web': obj('apps/v1', 'Deployment', 'web') },
    'replicasets.apps': { 'default/web-1': obj('apps/v1', 'ReplicaSet', 'web-1', {}, ownedBy('Deployment', 'web')) },
    pods: {
      'default/web-1-a': obj('v1', 'Pod', 'web-1-a', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }, {
        labels: { app: 'web' },
        ...ownedBy('ReplicaSet', 'web-1'),
      }),
      'default/lonely': obj('v1', 'Pod', 'lonely', {}, { labels: { app: 'db' }, ...ownedBy('ReplicaSet', 'gone') }),
    },
    services: { 'default/web': obj('v1', 'Service', 'web', { spec: { selector: { app: 'web' } } }) },
    persistentvolumeclaims: { 'default/data': obj('v1', 'PersistentVolumeClaim', 'data', { spec: { volumeName: 'pv-1' } }) },
    persistentvolumes: { 'pv-1': { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' } } },
  };
}

describe('relationEdges', () => {
  it('draws owner, selector, binding and mount edges that exist', () => {
    const ids = relationEdges(world()).map((e) => e.id).sort();
    expect(ids).toEqual([
      'binds:persistentvolumeclaims/default/data->persistentvolumes/pv-1',
      'mounts:pods/default/web-1-a->persistentvolumeclaims/default/data',
      'owns:deployments.apps/default/web->replicasets.apps/default/web-1',
      'owns:replicasets.apps/default/web-1->pods/default/web-1-a',
      'selects:services/default/web->pods/default/web-1-a',
    ]);
  });

  it('skips owners whose uid differs (a recreated owner is not the owner)', () => {
    const w = world();
    w['deployments.apps']['default/web'].metadata.uid = 'other';
    expect(relationEdges(w).some((e) => e.source === 'deployments.apps/default/web')).toBe(false);
  });

  it('draws nothing for missing kinds', () => {
    expect(relationEdges({ pods: world().pods })).toEqual([]);
  });
});

describe('selectorMatches', () => {
  it('handles matchLabels and matchExpressions', () => {
    const labels = { app: 'web', tier: 'fe' };
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, labels)).toBe(false);
  });

  it('parses element keys back to refs', () => {
    expect(parseKey('pods/default/a')).toEqual({ resource: 'pods', namespace: 'default', name: 'a' });
    expect(parseKey('nodes/n1')).toEqual({ resource: 'nodes', name: 'n1' });
  });
});
