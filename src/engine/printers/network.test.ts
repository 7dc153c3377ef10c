import { describe, expect, it } from 'vitest';
import { printTable } from './registry';
import { MIN, NOW, ago } from './testing';

const cells = (resource: string, obj: object) => printTable(resource, [obj], NOW).rows[0].cells;
const meta = { name: 'web', namespace: 'default', creationTimestamp: ago(5 * MIN) };

describe('services table', () => {
  it('prints a ClusterIP service', () => {
    const svc = { metadata: meta, spec: { type: 'ClusterIP', clusterIPs: ['10.0.12.34'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'web' } } };
    expect(cells('services', svc)).toEqual(['web', 'ClusterIP', '10.0.12.34', '<none>', '80/TCP', '5m', 'app=web']);
  });

  it('prints LoadBalancer pending and allocated addresses', () => {
    const spec = { type: 'LoadBalancer', clusterIPs: ['10.0.0.7'], ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }] };
    expect(cells('services', { metadata: meta, spec }).slice(3, 5)).toEqual(['<pending>', '80:31234/TCP,443:30443/TCP']);
    const status = { loadBalancer: { ingress: [{ ip: '20.1.2.3' }] } };
    expect(cells('services', { metadata: meta, spec, status })[3]).toBe('20.1.2.3');
  });

  it('prints headless and ExternalName services', () => {
    expect(cells('services', { metadata: meta, spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] } }).slice(2, 5)).toEqual(['None', '<none>', '<none>']);
    expect(cells('services', { metadata: meta, spec: { type: 'ExternalName', externalName: 'db.example.com' } })[3]).toBe('db.example.com');
  });
});

describe('endpoints table', () => {
  it('lists the first three ip:port pairs', () => {
    const addresses = ['10.244.0.5', '10.244.1.6', '10.244.2.7', '10.244.0.8'].map((ip) => ({ ip }));
    const ep = { metadata: meta, subsets: [{ addresses, ports: [{ port: 8080 }] }] };
    expect(cells('endpoints', ep)[1]).toBe('10.244.0.5:8080,10.244.1.6:8080,10.244.2.7:8080 + 1 more...');
    expect(cells('endpoints', { metadata: meta })[1]).toBe('<none>');
  });
});

describe('endpointslices table', () => {
  it('lists port numbers and addresses, <unset> when empty', () => {
    const s = { metadata: meta, addressType: 'IPv4', ports: [{ name: '', port: 80, protocol: 'TCP' }], endpoints: ['10.244.0.5', '10.244.1.6', '10.244.2.7', '10.244.0.8'].map((ip) => ({ addresses: [ip] })) };
    expect(cells('endpointslices.discovery.k8s.io', s)).toEqual(['web', 'IPv4', '80', '10.244.0.5,10.244.1.6,10.244.2.7 + 1 more...', '5m']);
    expect(cells('endpointslices.discovery.k8s.io', { metadata: meta, addressType: 'IPv4', ports: null, endpoints: null }).slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });

  it('prints service CIDRs', () => {
    expect(cells('servicecidrs.networking.k8s.io', { metadata: { name: 'kubernetes', creationTimestamp: ago(5 * MIN) }, spec: { cidrs: ['10.0.0.0/16'] } })).toEqual(['kubernetes', '10.0.0.0/16', '5m']);
  });
});
