import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../objects';
import { errorOf, testServer } from './testServer';

const svc = (name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name, ...meta }, spec }) as KubeObject;

describe('Service defaults and allocation', () => {
  it('defaults a ClusterIP service and allocates an address above the static band of 10.0.0.0/16', () => {
    const { api } = testServer();
    const s = api.create('services', svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(s.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    expect(s.spec.externalTrafficPolicy).toBeUndefined();
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
    expect(s.spec.clusterIP).toMatch(/^10\.0\.(\d+)\.\d+$/);
    expect(Number(s.spec.clusterIP.split('.')[2])).toBeGreaterThanOrEqual(1);
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  it('gives NodePort and LoadBalancer services node ports in 30000-32767 and their traffic policy', () => {
    const { api } = testServer();
    const np = api.create('services', svc('np', { type: 'NodePort', selector: { app: 'a' }, ports: [{ port: 80 }] }));
    expect(np.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(np.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(np.spec.externalTrafficPolicy).toBe('Cluster');
    const lb = api.create('services', svc('lb', { type: 'LoadBalancer', selector: { app: 'a' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }] }));
    expect(lb.spec.allocateLoadBalancerNodePorts).toBe(true);
    // TCP and UDP on the same port share one node port.
    expect(lb.spec.ports[0].nodePort).toBe(lb.spec.ports[1].nodePort);
  });

  it('refuses a node port that is taken or out of range, and an address already in use', () => {
    const { api } = testServer();
    api.create('services', svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(errorOf(() => api.create('services', svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })))).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    expect(errorOf(() => api.create('services', svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })))).toBe(
      'Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    api.create('services', svc('d', { clusterIP: '10.0.0.50', ports: [{ port: 80 }] }));
    expect(errorOf(() => api.create('services', svc('e', { clusterIP: '10.0.0.50', ports: [{ port: 80 }] })))).toBe(
      'Service "e" is invalid: spec.clusterIPs: Invalid value: ["10.0.0.50"]: failed to allocate IP 10.0.0.50: provided IP is already allocated',
    );
  });

  it('keeps headless services at None, with RequireDualStack when they have no selector', () => {
    const { api } = testServer();
    const h = api.create('services', svc('h', { clusterIP: 'None', selector: { app: 'db' } }));
    expect(h.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack' });
    expect(api.create('services', svc('h2', { clusterIP: 'None' })).spec.ipFamilyPolicy).toBe('RequireDualStack');
  });

  it('carries the allocated address and node ports over an update that leaves them out, and frees node ports leaving NodePort', () => {
    const { api } = testServer();
    const s = api.create('services', svc('np', { type: 'NodePort', selector: { app: 'a' }, ports: [{ port: 80 }] }));
    const replaced = api.update('services', svc('np', { type: 'NodePort', selector: { app: 'b' }, ports: [{ port: 80 }] }));
    expect(replaced.spec.clusterIP).toBe(s.spec.clusterIP);
    expect(replaced.spec.ports[0].nodePort).toBe(s.spec.ports[0].nodePort);
    const back = api.update('services', { ...replaced, spec: { ...replaced.spec, type: 'ClusterIP' } });
    expect(back.spec.ports[0].nodePort).toBeUndefined();
    expect(back.spec.externalTrafficPolicy).toBeUndefined();
  });

  it('marks load balancer ingress IPs as VIPs on status writes', () => {
    const { api } = testServer();
    const s = api.create('services', svc('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] }));
    const after = api.updateStatus('services', { ...s, status: { loadBalancer: { ingress: [{ ip: '20.1.2.3' }, { hostname: 'lb.example.com' }] } } });
    expect(after.status.loadBalancer.ingress).toEqual([{ ip: '20.1.2.3', ipMode: 'VIP' }, { hostname: 'lb.example.com' }]);
  });

  it('may not change its ClusterIP', () => {
    const { api } = testServer();
    const s = api.create('services', svc('web', { ports: [{ port: 80 }] }));
    expect(errorOf(() => api.update('services', { ...s, spec: { ...s.spec, clusterIP: '10.0.9.9', clusterIPs: ['10.0.9.9'] } }))).toBe(
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["10.0.9.9"]: may not change once set',
    );
  });
});

describe('Service validation', () => {
  it('needs ports unless headless, valid port numbers, protocols and names', () => {
    const { api } = testServer();
    expect(errorOf(() => api.create('services', svc('web', { selector: { app: 'web' } })))).toBe('Service "web" is invalid: spec.ports: Required value');
    expect(errorOf(() => api.create('services', svc('web', { ports: [{ port: 0 }] })))).toBe(
      // targetPort defaults to the port, so it is refused too.
      'Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]',
    );
    expect(errorOf(() => api.create('services', svc('web', { ports: [{ port: 80, protocol: 'HTTP' }] })))).toBe(
      'Service "web" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    );
    expect(errorOf(() => api.create('services', svc('web', { ports: [{ port: 80 }, { port: 443 }] })))).toBe(
      'Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
    );
    expect(errorOf(() => api.create('services', svc('web', { ports: [{ name: 'a', port: 80 }, { name: 'a', port: 443 }] })))).toBe(
      'Service "web" is invalid: spec.ports[1].name: Duplicate value: "a"',
    );
  });

  it('checks the type, the name and node ports on ClusterIP services', () => {
    const { api } = testServer();
    expect(errorOf(() => api.create('services', svc('web', { type: 'Balancer', ports: [{ port: 80 }] })))).toBe(
      'Service "web" is invalid: spec.type: Unsupported value: "Balancer": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(errorOf(() => api.create('services', svc('1web', { ports: [{ port: 80 }] })))).toMatch(/^Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label/);
    expect(errorOf(() => api.create('services', svc('web', { ports: [{ port: 80, nodePort: 30001 }] })))).toBe(
      "Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
  });
});
