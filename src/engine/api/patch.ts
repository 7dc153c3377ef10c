/**
 * The three patch types the apiserver accepts: JSON merge patch (RFC 7386), JSON patch (RFC 6902)
 * and strategic merge patch (lists merged by their patchMergeKey, as `kubectl apply` relies on).
 */
import { clone } from '../util/clone';
import { badRequest } from './errors';
import type { ResourceType } from './resources';
import { strategicMerge } from './strategicMerge';

export type PatchType = 'merge' | 'json' | 'strategic';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

export function applyPatch(t: ResourceType, target: unknown, patch: unknown, type: PatchType): unknown {
  switch (type) {
    case 'merge':
      return mergePatch(target, patch);
    case 'json':
      return jsonPatch(target, patch);
    case 'strategic':
      return strategicMerge(t.kind, target, patch);
  }
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

export function jsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(target);
  for (const op of patch as JsonPatchOp[]) {
    switch (op.op) {
      case 'add':
        doc = setPointer(doc, op.path, clone(op.value), 'add');
        break;
      case 'replace':
        getPointer(doc, op.path);
        doc = setPointer(doc, op.path, clone(op.value), 'replace');
        break;
      case 'remove':
        getPointer(doc, op.path);
        doc = setPointer(doc, op.path, undefined, 'remove');
        break;
      case 'move': {
        const v = getPointer(doc, op.from!);
        doc = setPointer(doc, op.from!, undefined, 'remove');
        doc = setPointer(doc, op.path, v, 'add');
        break;
      }
      case 'copy':
        doc = setPointer(doc, op.path, clone(getPointer(doc, op.from!)), 'add');
        break;
      case 'test':
        if (JSON.stringify(getPointer(doc, op.path)) !== JSON.stringify(op.value)) throw badRequest('testing value failed');
        break;
      default:
        throw badRequest(`Unexpected kind: ${(op as JsonPatchOp).op}`);
    }
  }
  return doc;
}

function tokens(path: string): string[] {
  if (path === '') return [];
  return path.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getPointer(doc: unknown, path: string): unknown {
  let cur: any = doc;
  for (const t of tokens(path)) {
    if (cur === null || typeof cur !== 'object' || !(t in cur)) throw badRequest(`doc is missing path: "${path}": missing value`);
    cur = cur[t];
  }
  return cur;
}

function setPointer(doc: unknown, path: string, value: unknown, mode: 'add' | 'replace' | 'remove'): unknown {
  const ts = tokens(path);
  if (ts.length === 0) return value;
  const parent = getPointer(doc, '/' + ts.slice(0, -1).map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')) as any;
  const last = ts[ts.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw badRequest(`add operation does not apply: doc is missing path: "${path}": missing value`);
    if (mode === 'add') parent.splice(i, 0, value);
    else if (mode === 'replace') parent[i] = value;
    else parent.splice(i, 1);
  } else if (parent && typeof parent === 'object') {
    if (mode === 'remove') delete parent[last];
    else parent[last] = value;
  } else throw badRequest(`doc is missing path: "${path}": missing value`);
  return doc;
}
