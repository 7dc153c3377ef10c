/** The read-only YAML of an object, as `kubectl get -o yaml` shows it (managedFields hidden, as kubectl does). */
import { stringify } from 'yaml';
import type { KubeObject } from '../../engine/objects';

export function objectYaml(o: KubeObject): string {
  const { managedFields: _hidden, ...metadata } = o.metadata;
  return stringify({ ...o, metadata }, { lineWidth: 0 });
}
