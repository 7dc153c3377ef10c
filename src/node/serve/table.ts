/**
 * Server-side printing: a list (or one object, or one watch event) as a meta.k8s.io Table, from
 * the engine's printers — the same tables our kubectl renders. `includeObject` picks what each
 * row carries: `Metadata` (PartialObjectMetadata, the default), `Object` or `None`.
 */
import { ApiError } from '../../engine/api/errors';
import type { KubeObject } from '../../engine/objects';
import { printTable } from '../../engine/printers';

export type IncludeObject = 'Metadata' | 'Object' | 'None';

export function parseIncludeObject(value: string | null): IncludeObject {
  if (value === null || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'Object' || value === 'None') return value;
  throw new ApiError(400, 'BadRequest', `includeObject: Unsupported value: "${value}": supported values: "Metadata", "None", "Object"`);
}

export interface TableOptions {
  resource: string;
  now: number;
  version: string;
  includeObject: IncludeObject;
  /** Leave the column definitions out (watch events after the first, `noHeaders`). */
  noHeaders?: boolean;
  resourceVersion?: string;
  continueToken?: string;
  remainingItemCount?: number;
}

function rowObject(obj: KubeObject, include: IncludeObject, version: string): object | null {
  if (include === 'None') return null;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

export function toTable(objects: KubeObject[], opts: TableOptions) {
  const table = printTable(opts.resource, objects, opts.now);
  const metadata: Record<string, unknown> = {};
  if (opts.resourceVersion !== undefined) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continueToken) metadata.continue = opts.continueToken;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata,
    columnDefinitions: opts.noHeaders
      ? null
      : table.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority })),
    rows: table.rows.map((r, i) => ({
      cells: r.cells,
      ...(r.conditions ? { conditions: r.conditions } : {}),
      object: rowObject(objects[i], opts.includeObject, opts.version),
    })),
  };
}

export function tableContentType(version: string): string {
  return `application/json;as=Table;v=${version};g=meta.k8s.io`;
}
