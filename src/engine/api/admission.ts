/**
 * The per-resource rules the API server runs on every write, in the apiserver's order: mutating
 * admission and defaulting, then validation. Kinds register their rules in `api/kinds/`; the
 * server itself stays generic.
 */
import type { KubeObject } from '../objects';
import type { Random } from '../sim/random';
import type { Store } from '../store/store';
import type { FieldError } from './fieldErrors';

export type Operation = 'CREATE' | 'UPDATE';

export interface AdmissionContext {
  now: number;
  random: Random;
  store: Store;
  operation: Operation;
  /** The status subresource (or a namespace's finalize subresource) is being written. */
  subresource?: 'status' | 'finalize';
}

export interface ResourceRules {
  /** Clears what a user may not set on create (e.g. a Deployment's status) — PrepareForCreate. */
  prepareForCreate?(obj: KubeObject, ctx: AdmissionContext): void;
  /** Carries over what an update may not change — PrepareForUpdate. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: AdmissionContext): void;
  /** Mutating admission plugins and scheme defaulting (DefaultTolerationSeconds, ServiceAccount, ...). */
  mutate?(obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): void;
  /**
   * Set when `mutate` changes nothing on a status write (it returns early for the status
   * subresource): the server may then build the new version sharing the stored one's unchanged
   * parts instead of deep-copying it (stored objects are never mutated).
   */
  mutateSkipsStatus?: true;
  validate?(obj: KubeObject, ctx: AdmissionContext): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: AdmissionContext): FieldError[];
  /** Grace period for a delete without an explicit one, or 0 for immediate removal. */
  defaultGracePeriod?(obj: KubeObject, requested: number | undefined): number;
  /** BeforeDelete of a registry: changes an object that is kept with a deletionTimestamp (a namespace turns Terminating). */
  prepareForDelete?(obj: KubeObject, ctx: AdmissionContext): void;
  /** True while an object marked for deletion must stay though no finalizer or grace period holds it (a namespace's spec.finalizers). */
  retainWhileDeleting?(obj: KubeObject): boolean;
}

const rules = new Map<string, ResourceRules[]>();

/** Registers rules for a resource (qualified name, e.g. `deployments.apps`). Several may stack. */
export function registerRules(resource: string, r: ResourceRules): void {
  const list = rules.get(resource) ?? [];
  list.push(r);
  rules.set(resource, list);
}

/** A resource's rules; a resource without any shares one empty list (asked on every write). */
export function rulesFor(resource: string): readonly ResourceRules[] {
  return rules.get(resource) ?? NO_RULES;
}

const NO_RULES: readonly ResourceRules[] = Object.freeze([]);
