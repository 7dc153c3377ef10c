/**
 * The `scale` subresource's view of a scalable object (autoscaling/v1 Scale), as the apiserver's
 * scale registry builds it: identity from the object, spec.replicas, status.replicas and the
 * selector as a string.
 */
import type { KubeObject } from '../objects';
import { selectorString } from '../printers/format';

export function scaleOf(obj: KubeObject): KubeObject {
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: selectorString(obj.spec?.selector) },
  };
}
