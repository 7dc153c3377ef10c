/**
 * Nodes, after `SetDefaults_NodeStatus` (allocatable defaults to capacity) and `ValidateNode(Update)`:
 * taints valid and unique per key and effect, podCIDR(s) and providerID settable only once.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../objects';
import { deepEqual } from '../../util/clone';
import { registerRules } from '../admission';
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../fieldErrors';
import { child, index } from '../validation/common';
import { isValidLabelValue } from '../validation/names';
import { validateLabelName } from '../validation/objectMeta';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaints(taints: Taint[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const p = index(path, i);
    errs.push(...validateLabelName(t.key ?? '', child(p, 'key')));
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length) errs.push(invalid(child(p, 'value'), t.value ?? '', msgs.join(';')));
    if (!t.effect) errs.push(required(child(p, 'effect')));
    else if (!EFFECTS.includes(t.effect)) errs.push(notSupported(child(p, 'effect'), t.effect, EFFECTS));
    const id = `${t.effect}\u0000${t.key}`;
    if (seen.has(id)) {
      const value = { Key: t.key ?? '', Value: t.value ?? '', Effect: t.effect ?? '', TimeAdded: t.timeAdded ?? null };
      errs.push({ type: 'FieldValueDuplicate', field: p, value, hasValue: true, detail: 'taints must be unique by key and effect pair' });
    } else seen.add(id);
  });
  return errs;
}

function validateNode(node: KubeObject): FieldError[] {
  return validateTaints(node.spec?.taints, 'spec.taints');
}

function validateNodeUpdate(node: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateNode(node);
  const oldCIDRs: string[] = old.spec?.podCIDRs ?? [];
  if (oldCIDRs.length && !deepEqual(node.spec?.podCIDRs ?? [], oldCIDRs))
    errs.push(forbiddenField('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  if (old.spec?.providerID && node.spec?.providerID !== old.spec.providerID)
    errs.push(forbiddenField('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  return errs;
}

registerRules('nodes', {
  mutate(node) {
    const status = node.status;
    if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
    if (node.spec?.podCIDR && !node.spec.podCIDRs) node.spec.podCIDRs = [node.spec.podCIDR];
  },
  validate: validateNode,
  validateUpdate: validateNodeUpdate,
});
