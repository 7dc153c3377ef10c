/**
 * core/v1 Events, after the legacy branch of `ValidateEventCreate` (events without eventTime):
 * the involved object's namespace must match the event's.
 */
import type { KubeObject } from '../../objects';
import { registerRules } from '../admission';
import { invalid, type FieldError } from '../fieldErrors';

/** Shared: the API server only reads (spreads) what a rule returns. */
const VALID: FieldError[] = [];

function validateEvent(ev: KubeObject): FieldError[] {
  const involvedNs = (ev.involvedObject as { namespace?: string } | undefined)?.namespace ?? '';
  const ns = ev.metadata.namespace ?? '';
  const ok = involvedNs ? ns === involvedNs : ns === '' || ns === 'default';
  return ok ? VALID : [invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace')];
}

registerRules('events', { validate: validateEvent, validateUpdate: validateEvent });
