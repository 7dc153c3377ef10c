/** ControllerRevisions (apps/v1), after `ValidateControllerRevision(Update)`: data required, then immutable. */
import type { KubeObject } from '../../objects';
import { registerRules } from '../admission';
import { required, type FieldError } from '../fieldErrors';
import { validateImmutable, validateNonnegative } from '../validation/common';

function validateRevision(cr: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (cr.data === undefined || cr.data === null) errs.push(required('data', 'data is mandatory'));
  errs.push(...validateNonnegative(cr.revision as number | undefined, 'revision'));
  return errs;
}

registerRules('controllerrevisions.apps', {
  validate: validateRevision,
  validateUpdate: (cr, old) => [...validateRevision(cr), ...validateImmutable(cr.data, old.data, 'data')],
});
