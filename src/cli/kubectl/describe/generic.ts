/**
 * kubectl's generic describer (GenericDescriberFor), used for kinds without their own: name,
 * namespace, labels, annotations, then every field of the object with smart labels, then Events.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { describeEvents, searchEvents } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './helpers';
import type { DescribeSource } from './source';
import { LEVEL_0, type PrefixWriter, tabbedString } from './writer';

const SKIPPED = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

/** Words kubectl keeps upper-case in smart labels (describe.go's smartLabelFor). */
const ACRONYMS = new Set(['API', 'CPU', 'DNS', 'HTTP', 'HTTPS', 'ID', 'IP', 'JSON', 'OS', 'TCP', 'TLS', 'UDP', 'UID', 'URL', 'UUID', 'YAML']);

export function smartLabelFor(field: string): string {
  if (field.includes('-') || field.includes('.') || field.includes('/') || field.includes('_')) return field;
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(' ');
  return words
    .map((w) => {
      const upper = w.toUpperCase();
      if (ACRONYMS.has(upper)) return upper;
      return w.charAt(0).toUpperCase() + w.slice(1);
    })
    .join(' ');
}

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const path = `${prefix}.${field}`;
    if (SKIPPED.has(path)) continue;
    const value = content[field];
    if (value === undefined) continue;
    const label = smartLabelFor(field);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${label}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${label}:\n`);
      for (const item of value) {
        if (item !== null && typeof item === 'object') printContent(w, level + 1, item as Record<string, unknown>, path);
        else w.write(level + 1, `${String(item)}\n`);
      }
    } else {
      w.write(level, `${label}:\t${value === null ? '<nil>' : String(value)}\n`);
    }
  }
}

export function describeGeneric(source: DescribeSource, obj: any): string {
  const m = obj.metadata ?? {};
  const events: Event[] = m.uid ? searchEvents(source, { name: m.name, namespace: m.namespace, kind: obj.kind, uid: m.uid }) : [];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${m.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${m.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', m.labels);
    printAnnotationsMultiline(w, 'Annotations', m.annotations);
    printContent(w, LEVEL_0, obj, '');
    describeEvents(w, events, source.now);
  });
}
