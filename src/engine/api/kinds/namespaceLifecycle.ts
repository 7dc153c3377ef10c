/**
 * Namespace deletion as the namespace registry does it (`pkg/registry/core/namespace/storage`):
 * deleting a namespace whose spec.finalizers is not empty only marks it — deletionTimestamp set,
 * status.phase `Terminating` — and the namespace stays until the namespace controller has removed
 * its content and emptied spec.finalizers through the finalize subresource
 * (`api.update('namespaces', ns, { subresource: 'finalize' })`); that write removes it.
 */
import type { KubeObject } from '../../objects';
import { registerRules } from '../admission';

export const NAMESPACE_FINALIZER = 'kubernetes';

export function namespaceFinalizers(ns: KubeObject): string[] {
  return (ns.spec?.finalizers as string[] | undefined) ?? [];
}

registerRules('namespaces', {
  prepareForDelete(ns) {
    ns.status = { ...(ns.status ?? {}), phase: 'Terminating' };
  },
  retainWhileDeleting: (ns) => namespaceFinalizers(ns).length > 0,
});
