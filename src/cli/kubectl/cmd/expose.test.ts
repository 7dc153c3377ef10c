import { describe, expect, it } from 'vitest';
import { exposeService, type ExposeInput } from './expose';
import { serviceObject } from './createService';

const base: ExposeInput = { name: 'web', selector: 'app=web', labels: 'app=web', port: '', ports: '', protocol: '', protocols: new Map(), targetPort: '', type: '', externalIP: '', loadBalancerIP: '', sessionAffinity: '', clusterIP: '' };

describe('expose (createService)', () => {
  it('names several ports port-N and splits a port served over two protocols', () => {
    const svc = exposeService({ ...base, ports: '53,9153', protocols: new Map([['53', ['UDP', 'TCP']], ['9153', ['TCP']]]) });
    expect(svc.spec.ports).toEqual([
      { name: 'port-1-udp', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'port-1-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      { name: 'port-2', port: 9153, protocol: 'TCP', targetPort: 9153 },
    ]);
  });

  it('uses one target port for every port, a type, and a headless cluster IP', () => {
    const svc = exposeService({ ...base, port: '80', targetPort: 'http', type: 'NodePort', clusterIP: 'None' });
    expect(svc.spec).toEqual({ ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }], selector: { app: 'web' }, type: 'NodePort', clusterIP: 'None' });
    expect(() => exposeService({ ...base, port: '80', sessionAffinity: 'Sticky' })).toThrow('unknown session affinity: Sticky');
  });
});

describe('create service', () => {
  it('names ports after their --tcp spec and selects app=NAME', () => {
    expect(serviceObject({ name: 'my-svc', type: 'ClusterIP', tcp: ['5678:8080', '443'] }).spec).toEqual({
      selector: { app: 'my-svc' },
      type: 'ClusterIP',
      ports: [
        { name: '5678-8080', port: 5678, protocol: 'TCP', targetPort: 8080 },
        { name: '443', port: 443, protocol: 'TCP', targetPort: 443 },
      ],
    });
  });
});
