/** Leases (coordination.k8s.io/v1), after `ValidateLeaseSpec`. */
import type { KubeObject } from '../../objects';
import { registerRules } from '../admission';
import { invalid, type FieldError } from '../fieldErrors';
import { IS_NEGATIVE } from '../validation/common';

function validateLease(lease: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = lease.spec ?? {};
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds !== null && spec.leaseDurationSeconds <= 0)
    errs.push(invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions !== null && spec.leaseTransitions < 0)
    errs.push(invalid('spec.leaseTransitions', spec.leaseTransitions, IS_NEGATIVE));
  return errs;
}

registerRules('leases.coordination.k8s.io', { validate: validateLease, validateUpdate: validateLease });
