import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects';
import { EndpointSliceController, MANAGED_BY, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, TRIGGER_TIME_ANNOTATION } from './endpointSlice';
import { ControllerRunner } from './manager';
import { markReady, testCluster } from './testCluster';
import { GarbageCollector } from './garbageCollector';

function setup() {
  const t = testCluster({ deployments: false });
  t.sim.add(new ControllerRunner(new EndpointSliceController()));
  t.sim.add(new ControllerRunner(new GarbageCollector()));
  t.sim.settle();
  return t;
}

function pod(sim: ReturnType<typeof setup>['sim'], name: string, ip: string, labels = { app: 'web' }, ports = [{ name: 'http', containerPort: 8080 }]): KubeObject {
  const p = sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx', ports }] } });
  return sim.api.updateStatus('pods', { ...p, status: { ...p.status, phase: 'Running', podIP: ip, podIPs: [{ ip }] } });
}

const slices = (sim: ReturnType<typeof setup>['sim'], svc = 'web') =>
  sim.api.list('endpointslices.discovery.k8s.io', { namespace: 'default', labelSelector: `${SERVICE_NAME_LABEL}=${svc}` }).items as any[];

describe('EndpointSlice and Endpoints controller', () => {
  it('publishes a placeholder slice and empty Endpoints while nothing matches', () => {
    const { sim } = setup();
    sim.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', labels: { team: 'a' } }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } });
    sim.settle();
    const [s] = slices(sim);
    expect(s.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(s.metadata.labels).toEqual({ [MANAGED_BY_LABEL]: MANAGED_BY, [SERVICE_NAME_LABEL]: 'web', team: 'a' });
    expect(s.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(s.endpoints).toBeNull();
    expect(s.ports).toBeNull();
    const ep = sim.api.get('endpoints', 'default', 'web');
    expect(ep.subsets).toBeUndefined();
    expect(ep.metadata.labels).toEqual({ team: 'a' });
  });

  it('follows pod readiness and deletion, resolving named target ports', () => {
    const { sim } = setup();
    sim.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } });
    const a = pod(sim, 'a', '10.244.0.5');
    pod(sim, 'b', '10.244.1.6');
    pod(sim, 'other', '10.244.1.7', { app: 'db' });
    sim.settle();
    let [s] = slices(sim);
    expect(s.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(s.endpoints.map((e: any) => [e.addresses[0], e.conditions])).toEqual([
      ['10.244.0.5', { ready: false, serving: false, terminating: false }],
      ['10.244.1.6', { ready: false, serving: false, terminating: false }],
    ]);
    expect(s.endpoints[0]).toMatchObject({ nodeName: 'n1', targetRef: { kind: 'Pod', name: 'a', namespace: 'default', uid: a.metadata.uid } });
    expect(sim.api.get('endpoints', 'default', 'web').subsets).toEqual([
      {
        notReadyAddresses: [
          { ip: '10.244.0.5', nodeName: 'n1', targetRef: { kind: 'Pod', name: 'a', namespace: 'default', uid: a.metadata.uid } },
          expect.objectContaining({ ip: '10.244.1.6' }),
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);

    sim.advance(5_000);
    markReady(sim, a);
    sim.settle();
    // The annotation carries the time of the change the update reflects: a's Ready transition.
    const readyAt = sim.api.get('pods', 'default', 'a').status.conditions.find((c: { type: string }) => c.type === 'Ready').lastTransitionTime;
    expect(sim.api.get('endpoints', 'default', 'web').metadata.annotations).toEqual({ [TRIGGER_TIME_ANNOTATION]: readyAt });
    [s] = slices(sim);
    expect(s.metadata.annotations).toEqual({ [TRIGGER_TIME_ANNOTATION]: readyAt });
    expect(s.endpoints[0].conditions).toEqual({ ready: true, serving: true, terminating: false });
    const subsets = sim.api.get('endpoints', 'default', 'web').subsets as { addresses: { ip: string }[]; notReadyAddresses: { ip: string }[] }[];
    expect(subsets[0].addresses.map((x: any) => x.ip)).toEqual(['10.244.0.5']);
    expect(subsets[0].notReadyAddresses.map((x: any) => x.ip)).toEqual(['10.244.1.6']);

    // A terminating pod stays in the slice (serving, not ready) but leaves the Endpoints.
    sim.api.update('pods', { ...sim.api.get('pods', 'default', 'a'), metadata: { ...sim.api.get('pods', 'default', 'a').metadata, finalizers: ['test/hold'] } });
    sim.api.delete('pods', 'default', 'a', { gracePeriodSeconds: 30 });
    sim.settle();
    [s] = slices(sim);
    expect(s.endpoints[0].conditions).toEqual({ ready: false, serving: true, terminating: true });
    expect((sim.api.get('endpoints', 'default', 'web').subsets as { addresses?: unknown }[])[0].addresses).toBeUndefined();
  });

  it('leaves selector-less services alone and cleans up with the Service', () => {
    const { sim } = setup();
    sim.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
    sim.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    sim.settle();
    expect(sim.api.tryGet('endpoints', 'default', 'ext')).toBeUndefined();
    expect(slices(sim, 'ext')).toEqual([]);
    expect(slices(sim)).toHaveLength(1);
    sim.api.delete('services', 'default', 'web');
    sim.settle();
    expect(sim.api.tryGet('endpoints', 'default', 'web')).toBeUndefined();
    expect(slices(sim)).toEqual([]);
  });

  it('puts pods resolving a named port differently into separate slices', () => {
    const { sim } = setup();
    sim.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } });
    pod(sim, 'a', '10.244.0.5', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);
    pod(sim, 'b', '10.244.0.6', { app: 'web' }, [{ name: 'http', containerPort: 9090 }]);
    sim.settle();
    expect(slices(sim).map((s) => s.ports[0].port).sort()).toEqual([8080, 9090]);
  });
});
