/**
 * Chooses and runs the printer for `-o`: tables (default, wide), name, yaml, json, JSONPath and
 * custom columns — the formats `kubectl get` and the commands that print objects share.
 */
import { kindPrefix, type ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/objects';
import { printTable } from '../../../engine/printers';
import { customColumnsPrinterForFormat } from '../output/customColumns';
import { isJsonPathFormat, jsonPathPrinterForFormat } from '../output/jsonpathPrinter';
import { sortObjects } from '../output/sortBy';
import { listOf, toJson, toYaml } from './serialize';
import { renderTable } from './table';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'name' }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'template'; spec: string };

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function outputFormat(o: string): OutputFormat {
  if (o === '') return { kind: 'table', wide: false };
  if (o === 'wide') return { kind: 'table', wide: true };
  if (o === 'name' || o === 'yaml' || o === 'json') return { kind: o };
  if (isJsonPathFormat(o) || o.startsWith('custom-columns')) return { kind: 'template', spec: o };
  throw new Error(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`);
}

export interface TableGroup {
  type: ResourceType;
  resource: string;
  objects: KubeObject[];
}

export interface PrintOptions {
  format: OutputFormat;
  noHeaders: boolean;
  showLabels: boolean;
  labelColumns: string[];
  /** Prefix names with `kind.group/` (several kinds, or --show-kind). */
  showKind: boolean;
  withNamespace: boolean;
  sortBy: string;
  now: number;
  /** `--show-managed-fields`: json and yaml keep metadata.managedFields (kubectl drops them since 1.21). */
  showManagedFields?: boolean;
  readFile(path: string): string | undefined;
}

/** One table per kind, separated by blank lines, as `kubectl get pods,deploy` prints them. */
export function printTables(groups: TableGroup[], opts: PrintOptions): string {
  const parts: string[] = [];
  for (const g of groups) {
    if (g.objects.length === 0) continue;
    const objects = opts.sortBy ? sortObjects(g.objects, opts.sortBy, 'table') : g.objects;
    const table = printTable(g.resource, objects, opts.now);
    parts.push(
      renderTable(table, {
        noHeaders: opts.noHeaders,
        wide: opts.format.kind === 'table' && opts.format.wide,
        namespaces: opts.withNamespace ? objects.map((o) => o.metadata.namespace ?? '') : undefined,
        showLabels: opts.showLabels,
        labelColumns: opts.labelColumns,
        kindPrefix: opts.showKind ? kindPrefix(g.type) : undefined,
      }),
    );
  }
  return parts.join('\n');
}

/** Objects in a non-table format: one object alone, several as a List. */
export function printObjects(objects: KubeObject[], single: boolean, opts: PrintOptions): string {
  const sorted = opts.sortBy ? sortObjects(objects, opts.sortBy) : objects;
  const value = single ? sorted[0] : listOf(sorted);
  const f = opts.format;
  switch (f.kind) {
    case 'name':
      return sorted.map((o) => `${kindPrefixOf(o)}/${o.metadata.name}\n`).join('');
    case 'yaml':
      return toYaml(opts.showManagedFields ? value : withoutManagedFields(value as KubeObject));
    case 'json':
      return toJson(opts.showManagedFields ? value : withoutManagedFields(value as KubeObject));
    case 'template': {
      const printer = f.spec.startsWith('custom-columns')
        ? customColumnsPrinterForFormat(f.spec, { noHeaders: opts.noHeaders, readFile: opts.readFile })
        : jsonPathPrinterForFormat(f.spec, { readFile: opts.readFile });
      if (f.spec.startsWith('custom-columns')) return printer!.print(sorted);
      return printer!.print(value);
    }
    case 'table':
      throw new Error('tables are printed by printTables');
  }
}

/** kubectl's json and yaml printers drop metadata.managedFields unless --show-managed-fields (lists: each item). */
export function withoutManagedFields(obj: KubeObject): KubeObject {
  const items = (obj as { items?: KubeObject[] }).items;
  if (Array.isArray(items)) return { ...obj, items: items.map(withoutManagedFields) } as KubeObject;
  if (!obj.metadata?.managedFields) return obj;
  const metadata = { ...obj.metadata };
  delete metadata.managedFields;
  return { ...obj, metadata };
}

function kindPrefixOf(o: KubeObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return group ? `${o.kind.toLowerCase()}.${group}` : o.kind.toLowerCase();
}
