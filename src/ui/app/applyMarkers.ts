/**
 * Turns what `kubectl apply` printed on failure into editor markers: each field path the apiserver
 * named (`spec.replicas: Invalid value`, `unknown field "spec.tpye"`, `Go struct field DeploymentSpec.spec.replicas`) is placed on its line with the
 * editor's fieldPathToRange; an error without a path marks the first line.
 */
import { fieldPathToRange } from '../editor/fieldPath';
import type { ApplyMarker } from '../editor/YamlEditor';

const FIELD_ERROR = /([A-Za-z][\w.\-[\]/]*): (?:Invalid value|Required value|Unsupported value|Duplicate value|Forbidden|Not found|Too many|Too long)/g;
const UNKNOWN_FIELD = /unknown field "([^"]+)"/g;
/** A value of the wrong type: `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`. */
const WRONG_TYPE = /Go struct field [A-Za-z_]\w*\.([\w.\-[\]/]+) of type/g;

export function applyMarkers(text: string, stderr: string): ApplyMarker[] {
  const markers: ApplyMarker[] = [];
  for (const line of stderr.split('\n').filter((l) => l.trim() !== '')) {
    const paths = [...line.matchAll(UNKNOWN_FIELD)].map((m) => m[1]).concat([...line.matchAll(FIELD_ERROR)].map((m) => m[1]), [...line.matchAll(WRONG_TYPE)].map((m) => m[1]));
    const placed = paths.map((p) => fieldPathToRange(text, p)).filter((r) => r !== null);
    // kubectl's warnings (`Warning: resource deployments/web is missing the … annotation`) are not failures.
    const severity = /^Warning:/.test(line) ? 'warning' : 'error';
    if (placed.length === 0) markers.push({ line: 1, message: line, severity });
    for (const r of placed) markers.push({ line: r.startLineNumber, column: r.startColumn, message: line, severity });
  }
  return markers;
}
