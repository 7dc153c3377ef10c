/**
 * References to objects in the page mirror. The store is keyed by *qualified resource*
 * (`pods`, `deployments.apps`, `persistentvolumeclaims`) and then by `namespace/name` (or `name` for
 * cluster-scoped objects); an `ObjectRef` names one entry, and `refKey` is its element id.
 */
import type { KubeObject } from '../../engine/objects';

/** The objects the graph reads: qualified resource → `namespace/name` or `name` → object. */
export type ObjectsByResource = Record<string, Record<string, KubeObject>>;

export interface ObjectRef {
  resource: string;
  namespace?: string;
  name: string;
}

/** Kinds the page knows by name; anything else is derived from the kind and apiVersion. */
const RESOURCE_OF_KIND: Record<string, string> = {
  Pod: 'pods',
  Node: 'nodes',
  Namespace: 'namespaces',
  Service: 'services',
  Endpoints: 'endpoints',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  ServiceAccount: 'serviceaccounts',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  PersistentVolume: 'persistentvolumes',
  Event: 'events',
  Deployment: 'deployments.apps',
  ReplicaSet: 'replicasets.apps',
  StatefulSet: 'statefulsets.apps',
  DaemonSet: 'daemonsets.apps',
  ControllerRevision: 'controllerrevisions.apps',
  Job: 'jobs.batch',
  CronJob: 'cronjobs.batch',
  HorizontalPodAutoscaler: 'horizontalpodautoscalers.autoscaling',
  Ingress: 'ingresses.networking.k8s.io',
  NetworkPolicy: 'networkpolicies.networking.k8s.io',
  StorageClass: 'storageclasses.storage.k8s.io',
  PodDisruptionBudget: 'poddisruptionbudgets.policy',
  EndpointSlice: 'endpointslices.discovery.k8s.io',
  Lease: 'leases.coordination.k8s.io',
  PriorityClass: 'priorityclasses.scheduling.k8s.io',
};

/** The qualified resource of a kind: `Deployment` → `deployments.apps`. */
export function resourceOfKind(kind: string, apiVersion = ''): string {
  const known = RESOURCE_OF_KIND[kind];
  if (known) return known;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const lower = kind.toLowerCase();
  const plural = /(s|x|ch|sh)$/.test(lower) ? `${lower}es` : /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
  return group ? `${plural}.${group}` : plural;
}

/** The kind's short word used in labels and accessible names (`deployment`, `pvc`). */
const WORD_OF_RESOURCE: Record<string, string> = {
  persistentvolumeclaims: 'pvc',
  persistentvolumes: 'pv',
  'horizontalpodautoscalers.autoscaling': 'hpa',
};

export function kindWord(resource: string): string {
  if (WORD_OF_RESOURCE[resource]) return WORD_OF_RESOURCE[resource];
  const plural = resource.split('.')[0];
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  if (/(ses|xes|ches|shes)$/.test(plural)) return plural.slice(0, -2);
  return plural.endsWith('s') ? plural.slice(0, -1) : plural;
}

export function refOf(resource: string, obj: KubeObject): ObjectRef {
  const { namespace, name } = obj.metadata;
  return namespace ? { resource, namespace, name } : { resource, name };
}

export function refOfObject(obj: KubeObject): ObjectRef {
  return refOf(resourceOfKind(obj.kind, obj.apiVersion), obj);
}

/** `namespace/name` or `name`: the key inside one resource's record. */
export function objectKeyOf(ref: { namespace?: string; name: string }): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

/** `resource/namespace/name` or `resource/name`: a graph element id. */
export function refKey(ref: ObjectRef): string {
  return `${ref.resource}/${objectKeyOf(ref)}`;
}

export function sameRef(a: ObjectRef | null | undefined, b: ObjectRef | null | undefined): boolean {
  return !!a && !!b && a.resource === b.resource && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

export function lookup(objects: ObjectsByResource, ref: ObjectRef): KubeObject | undefined {
  return objects[ref.resource]?.[objectKeyOf(ref)];
}
