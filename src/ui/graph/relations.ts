/**
 * The one declarative table of relations between objects (after headlamp's
 * `resourceMap/sources/definitions/relations.tsx`). Every edge the graph draws comes from a row
 * here; an edge is drawn only when both of its ends exist in the mirror.
 */
import type { KubeObject } from '../../engine/objects';
import { lookup, refKey, refOf, resourceOfKind, type ObjectRef, type ObjectsByResource } from './refs';

export type RelationId = 'owns' | 'selects' | 'binds' | 'mounts';

export interface Relation {
  id: RelationId;
  /** Resources whose objects this row reads. */
  from: readonly string[] | 'any';
  /** Objects related to `obj`; the edge goes from `obj` to them unless `reverse`. */
  related(obj: KubeObject, ref: ObjectRef, index: RelationIndex): ObjectRef[];
  /** Draw the edge from the related object to this one (ownerReferences point up to the owner). */
  reverse?: boolean;
}

export interface Edge {
  id: string;
  relation: RelationId;
  source: string;
  target: string;
}

/** Label selector of the `matchLabels` + `matchExpressions` form, or a Service's plain map. */
export interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export function selectorMatches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const inValues = has && (e.values ?? []).includes(l[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Lookups the relation rows share, built lazily once per call of relationEdges. */
export class RelationIndex {
  private podsByLabel?: Map<string, Map<string, KubeObject[]>>;
  constructor(readonly objects: ObjectsByResource) {}

  get(ref: ObjectRef): KubeObject | undefined {
    return lookup(this.objects, ref);
  }

  /** Pods of a namespace carrying label `key=value` (an index, so a Service costs its matches, not all pods). */
  podsLabelled(namespace: string, key: string, value: string): readonly KubeObject[] {
    if (!this.podsByLabel) {
      this.podsByLabel = new Map();
      for (const pod of Object.values(this.objects.pods ?? {})) {
        const ns = pod.metadata.namespace ?? '';
        let byLabel = this.podsByLabel.get(ns);
        if (!byLabel) this.podsByLabel.set(ns, (byLabel = new Map()));
        for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) {
          const list = byLabel.get(`${k}=${v}`);
          if (list) list.push(pod);
          else byLabel.set(`${k}=${v}`, [pod]);
        }
      }
    }
    return this.podsByLabel.get(namespace)?.get(`${key}=${value}`) ?? [];
  }
}

const CLUSTER_SCOPED = new Set(['nodes', 'namespaces', 'persistentvolumes', 'storageclasses.storage.k8s.io']);

const withNamespace = (resource: string, name: string, namespace: string | undefined): ObjectRef =>
  CLUSTER_SCOPED.has(resource) || !namespace ? { resource, name } : { resource, namespace, name };

export const RELATIONS: readonly Relation[] = [
  {
    // metadata.ownerReferences: Deployment → ReplicaSet → Pod, DaemonSet/StatefulSet/Job → Pod, CronJob → Job.
    id: 'owns',
    from: 'any',
    reverse: true,
    related(obj, _ref, index) {
      return (obj.metadata.ownerReferences ?? []).flatMap((o) => {
        const ref = withNamespace(resourceOfKind(o.kind, o.apiVersion), o.name, obj.metadata.namespace);
        const owner = index.get(ref);
        return owner && (!o.uid || !owner.metadata.uid || owner.metadata.uid === o.uid) ? [ref] : [];
      });
    },
  },
  {
    // Service spec.selector (a plain map) → the pods it sends traffic to.
    id: 'selects',
    from: ['services'],
    related(svc, _ref, index) {
      const sel = svc.spec?.selector as Record<string, string> | undefined;
      if (!sel || Object.keys(sel).length === 0) return [];
      const [[key, value]] = Object.entries(sel);
      return index
        .podsLabelled(svc.metadata.namespace ?? 'default', key, value)
        .filter((pod) => selectorMatches({ matchLabels: sel }, pod.metadata.labels))
        .map((pod) => refOf('pods', pod));
    },
  },
  {
    // PersistentVolumeClaim spec.volumeName → its bound PersistentVolume.
    id: 'binds',
    from: ['persistentvolumeclaims'],
    related(pvc, _ref, index) {
      const name = pvc.spec?.volumeName as string | undefined;
      const ref: ObjectRef = { resource: 'persistentvolumes', name: name ?? '' };
      return name && index.get(ref) ? [ref] : [];
    },
  },
  {
    // Pod spec.volumes[].persistentVolumeClaim → the claims it mounts.
    id: 'mounts',
    from: ['pods'],
    related(pod, _ref, index) {
      const vols = (pod.spec?.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[];
      return vols.flatMap((v) => {
        const claim = v.persistentVolumeClaim?.claimName;
        const ref = withNamespace('persistentvolumeclaims', claim ?? '', pod.metadata.namespace);
        return claim && index.get(ref) ? [ref] : [];
      });
    },
  },
];

/** Every edge of the table among `objects`, deduplicated, in a stable order. */
export function relationEdges(objects: ObjectsByResource, relations: readonly Relation[] = RELATIONS): Edge[] {
  const index = new RelationIndex(objects);
  const edges = new Map<string, Edge>();
  for (const rel of relations) {
    const resources = rel.from === 'any' ? Object.keys(objects) : rel.from;
    for (const resource of resources) {
      for (const obj of Object.values(objects[resource] ?? {})) {
        const ref = refOf(resource, obj);
        for (const other of rel.related(obj, ref, index)) {
          const [a, b] = rel.reverse ? [refKey(other), refKey(ref)] : [refKey(ref), refKey(other)];
          const id = `${rel.id}:${a}->${b}`;
          edges.set(id, { id, relation: rel.id, source: a, target: b });
        }
      }
    }
  }
  return [...edges.values()];
}

/** Inverse of refKey (resources never contain `/`). */
export function parseKey(key: string): ObjectRef {
  const [resource, a, b] = key.split('/');
  return b === undefined ? { resource, name: a } : { resource, namespace: a, name: b };
}

