import { describe, expect, it } from 'vitest';
import { boot } from '../kubelet/testing';
import { GarbageCollector } from './garbageCollector';
import { ControllerRunner } from './manager';
import { NamespaceController } from './namespace';
import { ServiceAccountController } from './serviceAccount';

function setup() {
  const { sim } = boot();
  sim.add(new ControllerRunner(new ServiceAccountController()));
  sim.add(new ControllerRunner(new NamespaceController()));
  sim.add(new ControllerRunner(new GarbageCollector()));
  sim.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  sim.settle();
  sim.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { a: '1' } });
  sim.api.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'cart', namespace: 'shop' },
    spec: { nodeName: 'node-1', containers: [{ name: 'cart', image: 'nginx:1.27' }] },
  });
  sim.advance(10_000);
  return sim;
}

describe('namespace controller', () => {
  it('deleting a namespace makes it Terminating, removes its content, then the namespace', () => {
    const sim = setup();
    expect(sim.api.get('pods', 'shop', 'cart').status.phase).toBe('Running');
    const marked = sim.api.delete('namespaces', undefined, 'shop');
    expect(marked.status.phase).toBe('Terminating');
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(sim.api.get('namespaces', undefined, 'shop').spec.finalizers).toEqual(['kubernetes']);
    // Nothing new may be created in it.
    expect(() => sim.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'shop' } })).toThrow(
      'unable to create new content in namespace shop because it is being terminated',
    );
    // The controller looks 5 s later: content deleted, the pod terminating.
    sim.advance(5_000);
    expect(sim.api.tryGet('configmaps', 'shop', 'settings')).toBeUndefined();
    expect(sim.api.tryGet('serviceaccounts', 'shop', 'default')).toBeUndefined();
    expect(sim.api.get('pods', 'shop', 'cart').metadata.deletionTimestamp).toBeDefined();
    const ns = sim.api.get('namespaces', undefined, 'shop');
    const byType = Object.fromEntries(ns.status.conditions.map((c: any) => [c.type, c]));
    expect(byType.NamespaceContentRemaining).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 1 resource instances' });
    expect(byType.NamespaceDeletionDiscoveryFailure).toMatchObject({ status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' });
    expect(byType.NamespaceDeletionContentFailure).toMatchObject({ status: 'False', reason: 'ContentDeleted' });
    expect(byType.NamespaceFinalizersRemaining).toMatchObject({ status: 'False', reason: 'ContentRemoved' });
    expect(ns.status.conditions.map((c: any) => c.type)).toEqual([
      'NamespaceDeletionDiscoveryFailure',
      'NamespaceDeletionGroupVersionParsingFailure',
      'NamespaceDeletionContentFailure',
      'NamespaceContentRemaining',
      'NamespaceFinalizersRemaining',
    ]);
    // The pod goes after its grace period; the namespace at the controller's next look.
    expect(sim.runUntil(() => !sim.api.tryGet('namespaces', undefined, 'shop'), 120_000)).toBe(true);
    expect(sim.api.list('pods', { namespace: 'shop' }).items).toEqual([]);
  });

  it('an object held by a finalizer keeps the namespace, and says so', () => {
    const sim = setup();
    sim.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'shop', finalizers: ['example.com/hold'] } });
    sim.api.delete('namespaces', undefined, 'shop');
    sim.advance(120_000);
    const ns = sim.api.get('namespaces', undefined, 'shop');
    const byType = Object.fromEntries(ns.status.conditions.map((c: any) => [c.type, c]));
    expect(byType.NamespaceContentRemaining.message).toBe('Some resources are remaining: configmaps. has 1 resource instances');
    expect(byType.NamespaceFinalizersRemaining).toMatchObject({ status: 'True', reason: 'SomeFinalizerRemain', message: 'Some finalizers are remaining: example.com/hold in 1 resource instances' });
    const held = sim.api.get('configmaps', 'shop', 'held');
    sim.api.update('configmaps', { ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect(sim.runUntil(() => !sim.api.tryGet('namespaces', undefined, 'shop'), 60_000)).toBe(true);
  });
});

describe('serviceaccount controller', () => {
  it('creates the default ServiceAccount and kube-root-ca.crt in a new namespace, and re-creates them', () => {
    const sim = setup();
    expect(sim.api.get('serviceaccounts', 'shop', 'default').metadata.name).toBe('default');
    const cm = sim.api.get('configmaps', 'shop', 'kube-root-ca.crt');
    expect((cm.data as Record<string, string>)['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    expect(cm.metadata.annotations!['kubernetes.io/description']).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/);
    sim.api.delete('serviceaccounts', 'shop', 'default');
    sim.api.delete('configmaps', 'shop', 'kube-root-ca.crt');
    sim.settle();
    expect(sim.api.tryGet('serviceaccounts', 'shop', 'default')).toBeDefined();
    expect(sim.api.tryGet('configmaps', 'shop', 'kube-root-ca.crt')).toBeDefined();
    // A pod can now be admitted in that namespace (the ServiceAccount admission needs the account).
    expect(() => sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } })).not.toThrow();
  });
});
