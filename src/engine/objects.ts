/**
 * Objects are plain Kubernetes JSON. Kind-specific shapes come from `kubernetes-types`; the engine's
 * generic machinery (store, API, watch) only relies on this common shape.
 */
import type { ObjectMeta as ApiObjectMeta } from 'kubernetes-types/meta/v1';

/** kubernetes-types marks metadata read-only; the API server is the one place that writes it. */
export type ObjectMeta = { -readonly [K in keyof ApiObjectMeta]: ApiObjectMeta[K] };

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string };
  spec?: any;
  status?: any;
  [field: string]: unknown;
}

/** `namespace/name`, or `name` for cluster-scoped objects: the key controllers queue. */
export function objectKey(obj: { metadata?: { namespace?: string; name?: string } }): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : `${m.name}`;
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** The owner reference with controller=true, if any. */
export function controllerOf(obj: KubeObject) {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

export function isBeingDeleted(obj: KubeObject): boolean {
  return obj.metadata.deletionTimestamp !== undefined;
}
