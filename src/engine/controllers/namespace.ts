/**
 * The namespace controller (kubernetes `pkg/controller/namespace`, `deletion/
 * namespaced_resources_deleter.go`, `status_condition_utils.go`): a namespace marked for deletion
 * is made `Terminating`, everything in it is deleted (background propagation, every namespaced
 * kind we serve), its deletion conditions say what remains, and once nothing does the `kubernetes`
 * finalizer is removed through the finalize subresource, which removes the namespace.
 *
 * Timing as upstream: a namespace event is processed 5 s later (namespaceDeletionGracePeriod);
 * while content remains the namespace is looked at again after `estimate / 2 + 1` seconds, where the
 * estimate is the longest pod terminationGracePeriodSeconds, or 15 s when finalizers hold objects.
 *
 * Upstream deletes, then lists what is left; a reconcile here plans its deletes before they run, so
 * what will be left is predicted with the same rules the API server applies to a delete: objects
 * already being deleted, objects with finalizers, and pods that get a grace period.
 */
import type { NamespaceCondition } from 'kubernetes-types/core/v1';
import { rulesFor } from '../api/admission';
import { NAMESPACE_FINALIZER, namespaceFinalizers } from '../api/kinds/namespaceLifecycle';
import '../api/kinds/namespaceLifecycle';
import { qualifiedName, RESOURCE_TYPES, type ResourceType } from '../api/resources';
import type { KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import { formatRFC3339 } from '../util/time';
import type { Change, Controller } from './manager';

export const NAMESPACE_DELETION_GRACE_MS = 5_000;
export const FINALIZER_ESTIMATE_SECONDS = 15;

const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

const OK: Record<(typeof CONDITION_TYPES)[number], [reason: string, message: string]> = {
  NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
  NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
  NamespaceFinalizersRemaining: ['ContentRemoved', 'All content successfully removed'],
};

interface ContentTotals {
  estimate: number;
  /** `pods.` / `deployments.apps` → instances left. */
  remaining: Map<string, number>;
  finalizers: Map<string, number>;
  errors: string[];
}

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  private ctx!: SimContext;

  readonly watches = {
    namespaces: (ns: KubeObject) => {
      // Upstream's enqueueNamespace: only namespaces being deleted, after the grace period.
      if (ns.metadata.deletionTimestamp && this.ctx.store.get('namespaces', undefined, ns.metadata.name)) {
        this.ctx.queue.after(NAMESPACE_DELETION_GRACE_MS, this.name, ns.metadata.name);
      }
      return [];
    },
  };

  setup(ctx: SimContext): void {
    this.ctx = ctx;
  }

  reconcile(key: string, ctx: SimContext): Change[] {
    const ns = ctx.store.get('namespaces', undefined, key);
    if (!ns?.metadata.deletionTimestamp) return [];
    if (!namespaceFinalizers(ns).includes(NAMESPACE_FINALIZER)) return [];
    const changes: Change[] = [];
    const totals: ContentTotals = { estimate: 0, remaining: new Map(), finalizers: new Map(), errors: [] };
    for (const t of RESOURCE_TYPES) {
      if (t.namespaced && t.verbs.includes('delete')) this.deleteAllOf(t, key, totals, changes);
    }
    const status = { ...(ns.status ?? {}), phase: 'Terminating' };
    const conditions = updatedConditions(ns.status?.conditions ?? [], totals, ctx.now());
    if (conditions) status.conditions = conditions;
    if (conditions || ns.status?.phase !== 'Terminating') changes.push({ op: 'updateStatus', resource: 'namespaces', object: { ...ns, status } });
    if (totals.errors.length) return [...changes, { op: 'requeueAfter', ms: 1000 }];
    if (totals.estimate > 0) return [...changes, { op: 'requeueAfter', ms: (Math.floor(totals.estimate / 2) + 1) * 1000 }];
    const finalizers = namespaceFinalizers(ns).filter((f) => f !== NAMESPACE_FINALIZER).sort();
    const meta = { ...ns.metadata, resourceVersion: undefined };
    changes.push({ op: 'update', resource: 'namespaces', object: { ...ns, metadata: meta, spec: { ...ns.spec, finalizers } }, subresource: 'finalize' });
    return changes;
  }

  /** deleteAllContentForGroupVersionResource: delete each object, then count what stays. */
  private deleteAllOf(t: ResourceType, namespace: string, totals: ContentTotals, changes: Change[]): void {
    const resource = qualifiedName(t);
    const items = this.ctx.store.list(resource, namespace);
    if (items.length === 0) return;
    let estimate = t.kind === 'Pod' ? podsEstimate(items) : 0;
    const left: KubeObject[] = [];
    for (const obj of items) {
      if (!obj.metadata.deletionTimestamp) {
        changes.push({ op: 'delete', resource, namespace, name: obj.metadata.name, options: { propagationPolicy: 'Background' } });
      }
      if (staysAfterDelete(resource, obj)) left.push(obj);
    }
    if (left.length === 0) return;
    const gvr = `${t.plural}.${t.group}`;
    totals.remaining.set(gvr, left.length);
    let withFinalizers = false;
    for (const obj of left) {
      for (const f of obj.metadata.finalizers ?? []) {
        totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + 1);
        withFinalizers = true;
      }
    }
    if (estimate === 0 && withFinalizers) estimate = FINALIZER_ESTIMATE_SECONDS;
    if (estimate === 0) totals.errors.push(`unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(t)}`);
    totals.estimate = Math.max(totals.estimate, estimate);
  }
}

/** estimateGracefulTerminationForPods: the longest grace period of the pods not yet terminal. */
function podsEstimate(pods: KubeObject[]): number {
  let estimate = 0;
  for (const p of pods) {
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const grace = p.spec?.terminationGracePeriodSeconds as number | undefined;
    if (grace !== undefined && grace > estimate) estimate = grace;
  }
  return estimate;
}

/** Whether the API server keeps the object after a plain delete (finalizers, a grace period). */
function staysAfterDelete(resource: string, obj: KubeObject): boolean {
  if (obj.metadata.deletionTimestamp || (obj.metadata.finalizers ?? []).length) return true;
  return rulesFor(resource).some((r) => (r.defaultGracePeriod?.(obj, undefined) ?? 0) > 0);
}

/** schema.GroupVersionResource's String(): `apps/v1, Resource=deployments`, `/v1, Resource=pods`. */
function gvrString(t: ResourceType): string {
  return `${t.group}/${t.version}, Resource=${t.plural}`;
}

/** namespaceConditionUpdater.Update: the five conditions, or undefined when nothing changed. */
function updatedConditions(old: NamespaceCondition[], totals: ContentTotals, now: number): NamespaceCondition[] | undefined {
  const fresh = new Map<string, [status: string, reason: string, message: string]>();
  if (totals.remaining.size) {
    const parts = [...totals.remaining].map(([gvr, n]) => `${gvr} has ${n} resource instances`).sort();
    fresh.set('NamespaceContentRemaining', ['True', 'SomeResourcesRemain', `Some resources are remaining: ${parts.join(', ')}`]);
  }
  if (totals.finalizers.size) {
    const parts = [...totals.finalizers].map(([f, n]) => `${f} in ${n} resource instances`).sort();
    fresh.set('NamespaceFinalizersRemaining', ['True', 'SomeFinalizerRemain', `Some finalizers are remaining: ${parts.join(', ')}`]);
  }
  if (totals.errors.length) {
    const msgs = [...totals.errors].sort();
    fresh.set('NamespaceDeletionContentFailure', ['True', 'ContentDeletionFailed', `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`]);
  }
  const conditions = old.map((c) => ({ ...c }));
  let changed = false;
  for (const type of CONDITION_TYPES) {
    const [status, reason, message] = fresh.get(type) ?? ['False', ...OK[type]];
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({ type, status, lastTransitionTime: formatRFC3339(now), reason, message });
      changed = true;
    } else if (c.status !== status || c.reason !== reason || c.message !== message) {
      if (c.status !== status) c.lastTransitionTime = formatRFC3339(now);
      Object.assign(c, { status, reason, message });
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}
