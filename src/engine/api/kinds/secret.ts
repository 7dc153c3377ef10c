/**
 * Secrets: `data` values must be base64 (a decode error, as the apiserver's JSON decoding gives),
 * write-only `stringData` merged into `data`, type defaulting to Opaque and then immutable, and
 * `ValidateSecret`'s per-type required keys.
 */
import type { KubeObject } from '../../objects';
import { registerRules } from '../admission';
import { badRequest } from '../errors';
import { required, type FieldError } from '../fieldErrors';
import { invalid } from '../fieldErrors';
import { key, validateImmutable } from '../validation/common';
import { base64DecodedLength, base64Encode, base64ErrorOffset } from '../validation/base64';
import { isConfigMapKey } from '../validation/names';
import { MAX_DATA_SIZE, validateImmutableData } from './configmap';

function decodeSecret(secret: KubeObject): void {
  for (const v of Object.values((secret.data ?? {}) as Record<string, unknown>)) {
    const at = base64ErrorOffset(String(v));
    if (at >= 0) throw badRequest(`Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${at}`);
  }
  const stringData = secret.stringData as Record<string, string> | undefined;
  if (stringData) {
    secret.data = { ...((secret.data ?? {}) as Record<string, string>) };
    for (const [k, v] of Object.entries(stringData)) (secret.data as Record<string, string>)[k] = base64Encode(String(v));
    delete secret.stringData;
  }
  if (!secret.type) secret.type = 'Opaque';
}

const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

function validateSecret(secret: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = (secret.data ?? {}) as Record<string, string>;
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('data', k), k, m));
    size += base64DecodedLength(String(v));
  }
  if (size > MAX_DATA_SIZE) errs.push({ type: 'FieldValueTooLong', field: 'data', hasValue: false, detail: `may not be more than ${MAX_DATA_SIZE} bytes` });
  const type = String(secret.type ?? 'Opaque');
  if (type === 'kubernetes.io/service-account-token' && !secret.metadata.annotations?.['kubernetes.io/service-account.name'])
    errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data))
    errs.push(required('data[username]'), required('data[password]'));
  for (const k of REQUIRED_KEYS[type] ?? []) if (!(k in data)) errs.push(required(key('data', k)));
  return errs;
}

registerRules('secrets', {
  prepareForCreate: decodeSecret,
  prepareForUpdate: decodeSecret,
  validate: validateSecret,
  validateUpdate: (s, old) => [...validateImmutable(s.type, old.type, 'type'), ...validateImmutableData(s, old, ['data']), ...validateSecret(s)],
});
