import { describe, expect, it } from 'vitest';
import { kindWord, refKey, refOfObject, resourceOfKind, sameRef } from './refs';

describe('refs', () => {
  it('maps kinds to qualified resources', () => {
    expect(resourceOfKind('Pod', 'v1')).toBe('pods');
    expect(resourceOfKind('Deployment', 'apps/v1')).toBe('deployments.apps');
    expect(resourceOfKind('Widget', 'example.com/v1')).toBe('widgets.example.com');
    expect(resourceOfKind('Policy', 'example.com/v1')).toBe('policies.example.com');
    expect(resourceOfKind('Gateway', 'v1')).toBe('gateways');
  });

  it('names kinds in short words', () => {
    expect(kindWord('deployments.apps')).toBe('deployment');
    expect(kindWord('persistentvolumeclaims')).toBe('pvc');
    expect(kindWord('policies.example.com')).toBe('policy');
    expect(kindWord('ingresses.networking.k8s.io')).toBe('ingress');
  });

  it('keys namespaced and cluster-scoped objects', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'default' } };
    expect(refKey(refOfObject(pod))).toBe('pods/default/a');
    expect(refKey({ resource: 'nodes', name: 'n1' })).toBe('nodes/n1');
    expect(sameRef({ resource: 'nodes', name: 'n1' }, { resource: 'nodes', name: 'n1', namespace: '' })).toBe(true);
  });
});
