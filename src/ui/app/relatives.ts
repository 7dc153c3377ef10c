/** The selected object's owner, children and Events, found by uid in the mirror (pure). */
import type { KubeObject } from '../../engine/objects';
import type { ObjectsByResource } from '../state/mirror';

export interface Relatives {
  owner?: KubeObject;
  children: KubeObject[];
  events: KubeObject[];
}

export function relativesOf(objects: ObjectsByResource, events: KubeObject[], object: KubeObject | undefined): Relatives {
  if (!object) return { children: [], events: [] };
  const uid = object.metadata.uid;
  const ownerUid = object.metadata.ownerReferences?.find((r) => r.controller)?.uid ?? object.metadata.ownerReferences?.[0]?.uid;
  let owner: KubeObject | undefined;
  const children: KubeObject[] = [];
  for (const table of Object.values(objects)) {
    for (const o of Object.values(table)) {
      if (ownerUid && o.metadata.uid === ownerUid) owner = o;
      if (uid && o.metadata.ownerReferences?.some((r) => r.uid === uid)) children.push(o);
    }
  }
  const about = events.filter((e) => {
    const io = e.involvedObject as { uid?: string; kind?: string; name?: string; namespace?: string } | undefined;
    if (!io) return false;
    if (io.uid && uid) return io.uid === uid;
    return io.kind === object.kind && io.name === object.metadata.name && (io.namespace ?? '') === (object.metadata.namespace ?? '');
  });
  return { owner, children, events: about };
}
