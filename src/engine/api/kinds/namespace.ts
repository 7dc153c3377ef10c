/**
 * Namespaces, after the namespace registry strategy and `SetDefaults_Namespace`: created Active
 * with the `kubernetes` finalizer in spec.finalizers, the `kubernetes.io/metadata.name` label
 * always equal to the name, spec.finalizers kept out of reach of plain updates.
 */
import type { KubeObject } from '../../objects';
import { registerRules } from '../admission';
import type { FieldError } from '../fieldErrors';
import { invalid } from '../fieldErrors';
import { isQualifiedName, nameIsDNSLabel } from '../validation/names';
import { registerNameRule } from '../validation/objectMeta';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function setNamespaceDefaults(ns: KubeObject): void {
  if (!ns.metadata.name) return;
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns.metadata.name };
}

function validateNamespace(ns: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of (ns.spec?.finalizers as string[] | undefined) ?? []) {
    for (const m of isQualifiedName(f)) errs.push(invalid('spec.finalizers', f, m));
    if (!f.includes('/') && !['kubernetes', 'orphan', 'foregroundDeletion'].includes(f)) errs.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

registerNameRule('namespaces', nameIsDNSLabel);

registerRules('namespaces', {
  prepareForCreate(ns) {
    ns.status = { phase: 'Active' };
    const finalizers: string[] = ns.spec?.finalizers ?? [];
    if (!finalizers.includes('kubernetes')) ns.spec = { ...(ns.spec ?? {}), finalizers: [...finalizers, 'kubernetes'] };
  },
  prepareForUpdate(ns, old) {
    // spec.finalizers change only through the finalize subresource.
    if (old.spec === undefined) delete ns.spec;
    else ns.spec = { ...(ns.spec ?? {}), finalizers: old.spec.finalizers };
  },
  mutate(ns) {
    setNamespaceDefaults(ns);
  },
  validate: validateNamespace,
  validateUpdate: validateNamespace,
});
