import { describe, expect, it } from 'vitest';
import { MIN, NOW, ago } from '../../../engine/printers/testing';
import { describeEndpointSlice, describeService, formatEndpointSlices } from './service';
import { fakeSource } from './testing';

const slice = (ready: boolean[], ports: { name: string; port: number; protocol: string }[] | null) => ({
  metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  ports,
  endpoints: ready.map((r, i) => ({ addresses: [`10.244.0.${i + 1}`], conditions: { ready: r }, nodeName: 'n1', targetRef: { kind: 'Pod', name: `web-${i}` } })),
});

describe('describe service', () => {
  it('prints a LoadBalancer service as kubectl 1.34 does', () => {
    const svc = {
      metadata: { name: 'web', namespace: 'default', uid: 'u1', labels: { app: 'web' }, creationTimestamp: ago(5 * MIN) },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'web' },
        clusterIP: '10.0.12.34',
        clusterIPs: ['10.0.12.34'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 31234 }],
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: { ingress: [{ ip: '20.1.2.3', ipMode: 'VIP' }] } },
    };
    const source = fakeSource(NOW, { endpointslices: [slice([true, false], [{ name: '', port: 8080, protocol: 'TCP' }])] });
    expect(describeService(source, svc as never)).toBe(`Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     LoadBalancer
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.0.12.34
IPs:                      10.0.12.34
LoadBalancer Ingress:     20.1.2.3 (VIP)
Port:                     <unset>  80/TCP
TargetPort:               8080/TCP
NodePort:                 <unset>  31234/TCP
Endpoints:                10.244.0.1:8080
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
  });

  it('formats endpoints like formatEndpointSlices: ready ones, 3 at most, blank for a placeholder slice', () => {
    const ports = [{ name: 'http', port: 80, protocol: 'TCP' }];
    expect(formatEndpointSlices([], 'http')).toBe('<none>');
    expect(formatEndpointSlices([slice([], null)] as never, '')).toBe('');
    expect(formatEndpointSlices([slice([true, true, true, true, true], ports)] as never, 'http')).toBe('10.244.0.1:80,10.244.0.2:80,10.244.0.3:80 + 2 more...');
    expect(formatEndpointSlices([slice([true], ports)] as never, 'metrics')).toBe('');
  });

  it('describes an EndpointSlice', () => {
    expect(describeEndpointSlice(fakeSource(NOW, {}), slice([true], [{ name: '', port: 80, protocol: 'TCP' }]) as never)).toBe(`Name:         web-abcde
Namespace:    default
Labels:       kubernetes.io/service-name=web
Annotations:  <none>
AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  80    TCP
Endpoints:
  - Addresses:  10.244.0.1
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/web-0
    NodeName:   n1
    Zone:       <unset>
Events:         <none>
`);
  });
});
