/**
 * Which ReplicaSet is "new": the oldest one whose pod template equals the Deployment's, ignoring
 * the `pod-template-hash` label (EqualIgnoreHash, FindNewReplicaSet, FindOldReplicaSets).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../../objects';
import { clone, deepEqual } from '../../../util/clone';
import { byCreation } from './replicas';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/**
 * Drops empty maps and lists, as apimachinery's semantic equality treats nil and empty alike,
 * and the hash label.
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map(normalize) : undefined;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const n = normalize(v);
    if (n !== undefined) out[k] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Normalised templates by template object: templates come from stored objects (or working copies
 * that share them), which are never mutated, so a template is normalised once, not per sync.
 */
const normalised = new WeakMap<object, unknown>();

function withoutHash(template: unknown): unknown {
  const cacheable = template !== null && typeof template === 'object';
  if (cacheable && normalised.has(template)) return normalised.get(template);
  const t = clone(template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (t.metadata?.labels) delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  const out = normalize(t);
  if (cacheable) normalised.set(template, out);
  return out;
}

export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') return deepEqual(withoutHash(a), withoutHash(b));
  // Each ReplicaSet's template is compared with its Deployment's on every sync: remember the
  // last answer per template pair (both never mutated, as above).
  const last = lastCompared.get(a);
  if (last?.other === b) return last.equal;
  const equal = deepEqual(withoutHash(a), withoutHash(b));
  lastCompared.set(a, { other: b, equal });
  return equal;
}

const lastCompared = new WeakMap<object, { other: object; equal: boolean }>();

/** The oldest ReplicaSet with the Deployment's template, if any (the first of equally old ones). */
export function findNewReplicaSet(d: KubeObject, sets: KubeObject[]): KubeObject | undefined {
  // A scan for the oldest match: what sorting a copy by age and taking the first match gives.
  let found: KubeObject | undefined;
  for (const rs of sets) {
    if (found !== undefined && byCreation(rs, found) >= 0) continue;
    if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) found = rs;
  }
  return found;
}

/** Every ReplicaSet but the new one. */
export function findOldReplicaSets(d: KubeObject, sets: KubeObject[]): KubeObject[] {
  const newRS = findNewReplicaSet(d, sets);
  return sets.filter((rs) => rs !== newRS);
}

export function cloneSelectorAndAddLabel(sel: LabelSelector | undefined, key: string, value: string): LabelSelector {
  const out = clone(sel ?? {});
  out.matchLabels = { ...(out.matchLabels ?? {}), [key]: value };
  return out;
}
