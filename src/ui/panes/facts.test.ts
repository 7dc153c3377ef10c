import { describe, expect, it } from 'vitest';
import { fakeCluster } from '../graph/fakeCluster';
import { keyFacts } from './facts';
import { objectYaml } from './objectYaml';

const objects = fakeCluster({ pools: [{ name: 'nodepool1', nodes: 2 }], deployments: 1, replicas: 1 });
const first = (resource: string) => Object.values(objects[resource])[0];
const fact = (resource: string, label: string) => new Map(keyFacts(first(resource), Date.UTC(2025, 0, 1, 0, 5)))?.get(label);

describe('keyFacts', () => {
  it('states what matters per kind', () => {
    expect(fact('pods', 'Status')).toBe('Running');
    expect(fact('pods', 'Age')).toBe('5m');
    expect(fact('nodes', 'Node pool')).toBe('nodepool1');
    expect(fact('nodes', 'Status')).toBe('Ready');
    expect(fact('deployments.apps', 'Selector')).toBe('app=web');
    expect(fact('services', 'External IP')).toBe('20.61.10.4');
    expect(fact('persistentvolumeclaims', 'Status')).toBe('Bound');
    expect(fact('persistentvolumes', 'Claim')).toBe('default/web-data');
  });

  it('falls back to common facts for other kinds', () => {
    const facts = keyFacts({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', labels: { a: 'b' } } });
    expect(facts).toEqual([
      ['Namespace', 'default'],
      ['Labels', 'a=b'],
    ]);
  });
});

describe('objectYaml', () => {
  it('prints YAML without managedFields', () => {
    const text = objectYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', managedFields: [{ manager: 'kubectl' }] }, data: { a: '1' } } as any);
    expect(text).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n');
  });
});
