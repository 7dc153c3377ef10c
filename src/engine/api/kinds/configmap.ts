/** ConfigMaps, after `ValidateConfigMap(Update)`: key format, 1 MiB total, `immutable` honoured. */
import type { KubeObject } from '../../objects';
import { deepEqual } from '../../util/clone';
import { registerRules } from '../admission';
import { forbiddenField, invalid, type FieldError } from '../fieldErrors';
import { key } from '../validation/common';
import { byteLength, isConfigMapKey } from '../validation/names';

export const MAX_DATA_SIZE = 1024 * 1024;

function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = (cm.data ?? {}) as Record<string, string>;
  const binary = (cm.binaryData ?? {}) as Record<string, string>;
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('data', k), k, m));
    if (k in binary) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    size += byteLength(String(v));
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('binaryData', k), k, m));
    size += Math.floor((String(v).replace(/=+$/, '').length * 3) / 4);
  }
  if (size > MAX_DATA_SIZE) errs.push({ type: 'FieldValueTooLong', field: '', hasValue: false, detail: `may not be more than ${MAX_DATA_SIZE} bytes` });
  return errs;
}

/** The rules Secrets share: once `immutable: true`, data and the flag itself are frozen. */
export function validateImmutableData(obj: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!deepEqual(obj[f] ?? null, old[f] ?? null)) errs.push(forbiddenField(f, 'field is immutable when `immutable` is set'));
  return errs;
}

registerRules('configmaps', {
  validate: validateConfigMap,
  validateUpdate: (cm, old) => [...validateImmutableData(cm, old, ['data', 'binaryData']), ...validateConfigMap(cm)],
});
