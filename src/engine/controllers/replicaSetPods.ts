/**
 * Per-ReplicaSet counts over the pods it controls, kept up to date from pod watch events so that
 * a ReplicaSet's reconcile costs O(1) instead of a walk over all of its pods. Upstream's
 * controller walks its pods on every sync too, but a real apiserver is not the bottleneck there:
 * here a 3,000-replica ReplicaSet reconciled on each of its pods' ~5 status writes was O(n²).
 *
 * The counts are exactly what a full walk (ClaimPods + calculateStatus) would find, for pods
 * whose controller reference names the ReplicaSet's uid:
 * - `active`: pods that are active (not Succeeded/Failed, no deletionTimestamp);
 * - `claimed`: active pods the selector matches (the ones ClaimPods keeps; the difference with
 *   `active` is the pods it must release);
 * - `fully`: claimed pods carrying every template label (fullyLabeledReplicas);
 * - `ready`: claimed pods whose Ready condition is True.
 *
 * Nothing here is authoritative: an entry is built from the store the first time a ReplicaSet
 * asks (and again whenever its selector or template labels differ from what the entry was built
 * for), then moved by each pod event; dropping the whole cache loses nothing (snapshot/restore).
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { labelSelectorRequirements, matchesRequirements, type Labels, type Requirement } from '../api/selectors';
import { controllerOf, type KubeObject } from '../objects';
import type { Store, StoreEvent } from '../store/store';
import { CONTROLLER_UID_INDEX, podIsActive, podIsReady } from './podUtil';

export interface PodCounts {
  active: number;
  claimed: number;
  fully: number;
  ready: number;
}

interface Entry extends PodCounts {
  /** The selector and template labels the counts were computed for, as JSON. */
  shape: string;
  selector: Requirement[] | null;
  templateLabels: Record<string, string>;
}

/** A compiled metav1.LabelSelector: an empty one matches everything, a null one nothing. */
export function compileSelector(sel: LabelSelector | undefined | null): (labels: Labels) => boolean {
  // Per selector object: stored selectors are never mutated, and a ReplicaSet's is compiled on
  // every reconcile otherwise.
  let compiled = sel ? compiledSelectors.get(sel) : undefined;
  if (!compiled) {
    const reqs = labelSelectorRequirements(sel);
    compiled = (labels) => reqs !== null && matchesRequirements(reqs, labels);
    if (sel) compiledSelectors.set(sel, compiled);
  }
  return compiled;
}

const compiledSelectors = new WeakMap<object, (labels: Labels) => boolean>();

/** Whether `labels` carries every template label (a fully labeled replica). */
export function hasTemplateLabels(templateLabels: Record<string, string>, labels: Labels): boolean {
  const l = labels ?? {};
  for (const k in templateLabels) if (l[k] !== templateLabels[k]) return false;
  return true;
}

function shapeOf(rs: KubeObject): string {
  const spec = (rs as ReplicaSet).spec;
  // Per spec object: a ReplicaSet's status writes share its spec, so the shape of a stored
  // (never mutated) spec is computed once rather than on every reconcile.
  let shape = spec && shapes.get(spec);
  if (shape === undefined) {
    shape = JSON.stringify([spec?.selector ?? null, spec?.template?.metadata?.labels ?? {}]);
    if (spec) shapes.set(spec, shape);
  }
  return shape;
}

const shapes = new WeakMap<object, string>();

export class ReplicaSetPodCounts {
  /** By ReplicaSet uid; only for ReplicaSets that asked. */
  private entries = new Map<string, Entry>();

  constructor(private readonly store: Store) {}

  /** Feed every store event (pods move counts; a deleted ReplicaSet's entry is dropped). */
  observe(e: StoreEvent): void {
    if (e.resource === 'pods') {
      if (this.entries.size === 0 || (e.type === 'MODIFIED' && e.old && sameForCounts(e.old, e.object))) return;
      if (e.old) this.move(e.old, -1);
      if (e.type !== 'DELETED') this.move(e.object, +1);
    } else if (e.resource === 'replicasets.apps' && e.type === 'DELETED') {
      this.entries.delete(e.object.metadata.uid!);
    }
  }

  /** The counts for a ReplicaSet as the store stands now. */
  counts(rs: KubeObject): PodCounts {
    const uid = rs.metadata.uid!;
    const shape = shapeOf(rs);
    let entry = this.entries.get(uid);
    if (!entry || entry.shape !== shape) {
      entry = this.build(rs, shape);
      this.entries.set(uid, entry);
    }
    return { active: entry.active, claimed: entry.claimed, fully: entry.fully, ready: entry.ready };
  }

  /** A full walk, as the reconcile did before: what `counts` must always equal. */
  static recount(store: Store, rs: KubeObject): PodCounts {
    const entry = newEntry(rs, '');
    for (const pod of store.byIndex('pods', CONTROLLER_UID_INDEX, rs.metadata.uid!)) add(entry, pod, 1);
    return { active: entry.active, claimed: entry.claimed, fully: entry.fully, ready: entry.ready };
  }

  private build(rs: KubeObject, shape: string): Entry {
    const entry = newEntry(rs, shape);
    for (const pod of this.store.byIndex('pods', CONTROLLER_UID_INDEX, rs.metadata.uid!)) add(entry, pod, 1);
    return entry;
  }

  private move(pod: KubeObject, sign: 1 | -1): void {
    const ref = controllerOf(pod);
    const entry = ref && this.entries.get(ref.uid);
    if (entry) add(entry, pod, sign);
  }
}

/**
 * Whether a pod update leaves every count as it was: the same controller reference and labels
 * (by reference: status writes share them with the version before), the same activeness and
 * readiness. Most pod events are such status writes; taking the pod out and back in is a no-op.
 */
function sameForCounts(old: KubeObject, pod: KubeObject): boolean {
  return (
    old.metadata.ownerReferences === pod.metadata.ownerReferences &&
    old.metadata.labels === pod.metadata.labels &&
    podIsActive(old) === podIsActive(pod) &&
    podIsReady(old) === podIsReady(pod)
  );
}

function newEntry(rs: KubeObject, shape: string): Entry {
  const spec = (rs as ReplicaSet).spec;
  return {
    shape,
    selector: labelSelectorRequirements(spec?.selector),
    templateLabels: spec?.template?.metadata?.labels ?? {},
    active: 0,
    claimed: 0,
    fully: 0,
    ready: 0,
  };
}

function add(entry: Entry, pod: KubeObject, sign: 1 | -1): void {
  if (!podIsActive(pod)) return;
  entry.active += sign;
  const labels = pod.metadata.labels;
  if (entry.selector === null || !matchesRequirements(entry.selector, labels)) return;
  entry.claimed += sign;
  if (hasTemplateLabels(entry.templateLabels, labels)) entry.fully += sign;
  if (podIsReady(pod)) entry.ready += sign;
}
