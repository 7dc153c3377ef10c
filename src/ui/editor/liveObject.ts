/**
 * "Edit" of a live object: the buffer the page opens for it, like `kubectl edit` — the object's
 * YAML (managedFields left out, as `kubectl edit` shows it by default; resourceVersion kept, so an
 * edit of a stale copy fails with Conflict as it would on a real cluster). Pure: no Monaco.
 */
import { stringify } from 'yaml';

/** The identifying part of any Kubernetes object. */
export interface ObjectRef {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** A stable buffer id, so a second "Edit" of the same object reuses its tab. */
export function liveObjectBufferId(obj: ObjectRef): string {
  const ns = obj.metadata?.namespace ?? '';
  return `live:${obj.kind ?? ''}/${ns}/${obj.metadata?.name ?? ''}`;
}

/** The tab title kubectl users know: `deployment/web` (the namespace in front when not default). */
export function liveObjectBufferTitle(obj: ObjectRef): string {
  const ns = obj.metadata?.namespace;
  const title = `${(obj.kind ?? 'object').toLowerCase()}/${obj.metadata?.name ?? ''}`;
  return ns && ns !== 'default' ? `${ns}/${title}` : title;
}

/** The object as YAML for editing. */
export function liveObjectYaml(obj: ObjectRef): string {
  const { managedFields: _managedFields, ...metadata } = obj.metadata ?? {};
  const copy = obj.metadata ? { ...obj, metadata } : obj;
  return stringify(copy, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}

/** The whole buffer for "Edit": what the page passes to onNewBuffer/onChange. */
export function liveObjectBuffer(obj: ObjectRef): { id: string; title: string; text: string } {
  return { id: liveObjectBufferId(obj), title: liveObjectBufferTitle(obj), text: liveObjectYaml(obj) };
}
