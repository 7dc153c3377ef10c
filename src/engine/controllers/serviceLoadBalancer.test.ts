import { describe, expect, it } from 'vitest';
import { ControllerRunner } from './manager';
import { AZURE_INTERNAL_LB, LB_CLEANUP_FINALIZER, provisioningDelayMs, ServiceLoadBalancerController } from './serviceLoadBalancer';
import { testCluster } from './testCluster';

function setup() {
  const t = testCluster({ deployments: false });
  t.sim.add(new ControllerRunner(new ServiceLoadBalancerController()));
  t.sim.settle();
  return t;
}

const lb = (name: string, annotations?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
  spec: { type: 'LoadBalancer', selector: { app: name }, ports: [{ port: 80 }] },
});

describe('service controller (Azure load balancers)', () => {
  it('stays pending while the load balancer is provisioned, then publishes a public IP', () => {
    const { sim, events } = setup();
    const svc = sim.api.create('services', lb('web'));
    sim.settle();
    const delay = provisioningDelayMs(svc.metadata.uid!);
    expect(delay).toBeGreaterThanOrEqual(15_000);
    expect(delay).toBeLessThan(45_000);
    let now = sim.api.get('services', 'default', 'web');
    expect(now.metadata.finalizers).toEqual([LB_CLEANUP_FINALIZER]);
    expect(now.status).toEqual({ loadBalancer: {} });
    expect(events).toEqual(['EnsuringLoadBalancer: Ensuring load balancer']);
    sim.advance(delay - 1000);
    expect(sim.api.get('services', 'default', 'web').status.loadBalancer.ingress).toBeUndefined();
    sim.advance(2000);
    now = sim.api.get('services', 'default', 'web');
    expect(now.status.loadBalancer.ingress).toEqual([{ ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), ipMode: 'VIP' }]);
    expect(now.status.loadBalancer.ingress[0].ip).not.toMatch(/^10\./);
    expect(events).toEqual(['EnsuringLoadBalancer: Ensuring load balancer', 'EnsuredLoadBalancer: Ensured load balancer']);
  });

  it('takes an address from the node subnet for an internal load balancer', () => {
    const { sim } = setup();
    sim.api.create('services', lb('internal', { [AZURE_INTERNAL_LB]: 'true' }));
    sim.advance(60_000);
    expect(sim.api.get('services', 'default', 'internal').status.loadBalancer.ingress[0].ip).toMatch(/^10\.224\.0\.\d+$/);
  });

  it('removes the load balancer before the Service goes, and when the type changes', () => {
    const { sim, events } = setup();
    sim.api.create('services', lb('web'));
    sim.api.create('services', lb('other'));
    sim.advance(60_000);
    sim.api.delete('services', 'default', 'web');
    sim.settle();
    expect(sim.api.tryGet('services', 'default', 'web')).toBeUndefined();
    const other = sim.api.get('services', 'default', 'other');
    sim.api.update('services', { ...other, spec: { ...other.spec, type: 'ClusterIP' } });
    sim.settle();
    const after = sim.api.get('services', 'default', 'other');
    expect(after.status).toEqual({ loadBalancer: {} });
    expect(after.metadata.finalizers).toBeUndefined();
    expect(events.filter((e) => e.startsWith('Delet'))).toEqual([
      'DeletingLoadBalancer: Deleting load balancer',
      'DeletedLoadBalancer: Deleted load balancer',
      'DeletingLoadBalancer: Deleting load balancer',
      'DeletedLoadBalancer: Deleted load balancer',
    ]);
  });
});
