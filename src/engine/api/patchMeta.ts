/**
 * Strategic-merge patch metadata: the `patchStrategy`/`patchMergeKey` struct tags of the Kubernetes
 * API types (k8s.io/api core/v1, apps/v1, batch/v1, autoscaling/v2, networking/v1, policy/v1 and
 * apimachinery's ObjectMeta), keyed by schema type name and field. Lists not listed here are atomic
 * (replaced whole) — tolerations, taints, envFrom, args, matchExpressions, Ingress rules, ...
 * Field types are resolved through `schema/knownFields.json`, so one entry serves every place a type
 * is used (Container in Pod, Deployment, Job and CronJob templates alike).
 */
import { fieldsOf, rootTypeOf } from './unknownFields';

export interface PatchMeta {
  /** `merge` merges lists by key (or as sets for primitives); `replace` replaces a map whole. */
  strategy?: 'merge' | 'replace';
  retainKeys?: boolean;
  /** The merge key for lists of objects. */
  key?: string;
}

const merge = (key?: string): PatchMeta => (key ? { strategy: 'merge', key } : { strategy: 'merge' });
const byType = merge('type');

export const PATCH_META: Record<string, Record<string, PatchMeta>> = {
  ObjectMeta: { finalizers: merge(), ownerReferences: merge('uid') },
  PodSpec: {
    volumes: { ...merge('name'), retainKeys: true },
    initContainers: merge('name'),
    containers: merge('name'),
    ephemeralContainers: merge('name'),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    schedulingGates: merge('name'),
    resourceClaims: { ...merge('name'), retainKeys: true },
  },
  Container: { ports: merge('containerPort'), env: merge('name'), volumeMounts: merge('mountPath'), volumeDevices: merge('devicePath') },
  EphemeralContainer: { ports: merge('containerPort'), env: merge('name'), volumeMounts: merge('mountPath'), volumeDevices: merge('devicePath') },
  ContainerStatus: { volumeMounts: merge('mountPath'), allocatedResourcesStatus: merge('name') },
  PodStatus: { conditions: byType, podIPs: merge('ip'), hostIPs: merge('ip'), resourceClaimStatuses: { ...merge('name'), retainKeys: true } },
  PersistentVolumeClaimStatus: { conditions: byType },
  NodeSpec: { podCIDRs: merge() },
  NodeStatus: { conditions: byType, addresses: byType },
  NamespaceStatus: { conditions: byType },
  ServiceSpec: { ports: merge('port') },
  ServiceStatus: { conditions: byType },
  ServiceAccount: { secrets: merge('name') },
  ReplicationControllerStatus: { conditions: byType },
  DeploymentSpec: { strategy: { retainKeys: true } },
  DeploymentStatus: { conditions: byType },
  ReplicaSetStatus: { conditions: byType },
  DaemonSetStatus: { conditions: byType },
  StatefulSetStatus: { conditions: byType },
  JobStatus: { conditions: byType },
  HorizontalPodAutoscalerStatus: { conditions: byType },
  PodDisruptionBudgetSpec: { selector: { strategy: 'replace' } },
  PodDisruptionBudgetStatus: { conditions: byType },
};

/** A position in the schema while walking an object: the type of the map being merged. */
export type SchemaType = string | undefined;

/** The schema type of a kind's root object (undefined when the kind has no schema here). */
export function rootType(kind: string): SchemaType {
  return rootTypeOf(kind);
}

const NONE = { meta: {} as PatchMeta, type: undefined, elem: undefined };

/**
 * Patch metadata and schema types for field `key` of a map of schema type `t`: `type` when the field
 * is itself a map (a struct type, or `{T}` for a map of T), `elem` when it is a list of structs.
 */
export function lookupField(t: SchemaType, key: string): { meta: PatchMeta; type: SchemaType; elem: SchemaType } {
  if (!t) return NONE;
  if (t.startsWith('{')) {
    const inner = t.slice(1, -1);
    return { ...NONE, type: fieldsOf(inner) ? inner : undefined };
  }
  const ft = fieldsOf(t)?.[key];
  const meta = PATCH_META[t]?.[key] ?? {};
  if (!ft) return { ...NONE, meta };
  if (ft.startsWith('[')) {
    const inner = ft.slice(1, -1);
    return { meta, type: undefined, elem: fieldsOf(inner) ? inner : undefined };
  }
  if (ft.startsWith('{')) return { meta, type: ft, elem: undefined };
  return { meta, type: fieldsOf(ft) ? ft : undefined, elem: undefined };
}
