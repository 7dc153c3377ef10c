/**
 * The text side of `kubectl edit` (pkg/cmd/util/editor/editoptions.go): the header comment, its
 * error reasons, comment stripping (cmdutil.StripComments / ManualStrip), and the patch from the
 * object as fetched to the object as edited — a strategic merge patch for kinds with a schema
 * (CreateTwoWayMergePatch), a JSON merge patch for the others (jsonpatch.CreateMergePatch).
 */
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { createTwoWayMergePatch, sortKeys } from '../../../engine/api/strategicDiff';
import { kindHasSchema } from '../../../engine/api/unknownFields';
import { deepEqual } from '../../../engine/util/clone';
import { goYamlMessage } from '../../manifests/yamlErrors';

export interface EditReason {
  head: string;
  other: string[];
}

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** editHeader.writeTo: the fixed text, then each reason (`# head:` and `# * cause` lines) and `#`. */
export function editHeaderText(reasons: EditReason[]): string {
  let s = EDIT_HEADER;
  for (const r of reasons) {
    s += `# ${hashOnLineBreak(r.head)}${r.other.length ? ':' : ''}\n`;
    for (const o of r.other) s += `# * ${hashOnLineBreak(o)}\n`;
    s += '#\n';
  }
  return s;
}

function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, '\n# ');
}

/** ManualStrip: drops lines that are comments (`#`, but not `#!`). */
export function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((l) => !(l.trim().startsWith('#') && !l.trim().startsWith('#!')))
    .join('\n');
}

/** StripComments: the YAML as JSON when it parses (so only content counts), else ManualStrip. */
export function stripComments(text: string): string {
  try {
    return JSON.stringify(parseYaml(text, { version: '1.1' }) ?? null);
  } catch {
    return manualStrip(text);
  }
}

/** hasLines: whether anything but blank and comment lines is left. */
export function hasLines(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** The objects of the edited file (a `List` is flattened), or the syntax error as kubectl words it. */
export function parseEdited(text: string): { objects: Record<string, unknown>[] } | { error: string } {
  const docs = parseAllDocuments(text, { version: '1.1' });
  const list = Array.isArray(docs) ? docs : [];
  const objects: Record<string, unknown>[] = [];
  for (const doc of list) {
    const e = doc.errors[0];
    if (e) return { error: goYamlMessage(e, text, 0) };
    const value = doc.toJSON() as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) return { error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}` };
    const obj = value as Record<string, unknown>;
    if (obj.kind === 'List' && Array.isArray(obj.items)) objects.push(...(obj.items as Record<string, unknown>[]));
    else objects.push(obj);
  }
  return { objects };
}

/** mergepatch's preconditions for edit: apiVersion, kind, metadata.name and managedFields unchanged. */
export function patchChangesIdentity(patch: Record<string, unknown>): boolean {
  const meta = patch.metadata as Record<string, unknown> | undefined;
  return 'apiVersion' in patch || 'kind' in patch || 'managedFields' in patch || (typeof meta === 'object' && meta !== null && 'name' in meta);
}

/** The patch edit sends: strategic for kinds with a schema, JSON merge otherwise. */
export function editPatch(kind: string, original: unknown, edited: unknown): { type: 'strategic' | 'merge'; patch: Record<string, unknown> } {
  if (kindHasSchema(kind)) return { type: 'strategic', patch: createTwoWayMergePatch(kind, original, edited) };
  return { type: 'merge', patch: sortKeys(jsonMergePatch(original, edited)) as Record<string, unknown> };
}

/** jsonpatch.CreateMergePatch: changed and added keys with their new values, removed keys as null. */
export function jsonMergePatch(original: unknown, modified: unknown): Record<string, unknown> {
  const o = isMap(original) ? original : {};
  const m = isMap(modified) ? modified : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    if (!(k in o)) out[k] = v;
    else if (isMap(v) && isMap(o[k])) {
      const inner = jsonMergePatch(o[k], v);
      if (Object.keys(inner).length) out[k] = inner;
    } else if (!deepEqual(o[k], v)) out[k] = v;
  }
  for (const k of Object.keys(o)) if (!(k in m)) out[k] = null;
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
