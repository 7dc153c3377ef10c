import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { liveObjectBuffer } from './liveObject';

describe('liveObjectBuffer', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', resourceVersion: '42', managedFields: [{ manager: 'kubectl' }] },
    spec: { replicas: 3 },
    status: { readyReplicas: 3 },
  };

  it('titles the buffer as kubectl names the object', () => {
    expect(liveObjectBuffer(deployment).title).toBe('deployment/web');
    expect(liveObjectBuffer({ ...deployment, metadata: { name: 'web', namespace: 'shop' } }).title).toBe('shop/deployment/web');
  });

  it('gives the same id to the same object', () => {
    expect(liveObjectBuffer(deployment).id).toBe(liveObjectBuffer({ ...deployment, spec: { replicas: 1 } }).id);
  });

  it('drops managedFields and keeps resourceVersion', () => {
    const obj = parse(liveObjectBuffer(deployment).text);
    expect(obj.metadata).toEqual({ name: 'web', namespace: 'default', resourceVersion: '42' });
    expect(obj.spec.replicas).toBe(3);
  });
});
