/** A real ApiServer with every kind registered, a settable clock and namespace `default` with its ServiceAccount. */
import type { KubeObject } from '../../objects';
import { Random } from '../../sim/random';
import { Store } from '../../store/store';
import { ApiServer } from '../server';
import './index';

export function testServer(opts: { serviceAccount?: boolean } = {}) {
  const clock = { t: 1767603600000, now() { return this.t; } };
  const api = new ApiServer(new Store(), clock, new Random(1));
  api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } } as KubeObject);
  if (opts.serviceAccount !== false)
    api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } } as KubeObject);
  return { api, clock };
}

/** The message of the error `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

export function pod(name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...meta },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...spec },
  } as KubeObject;
}
