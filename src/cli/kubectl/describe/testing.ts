/** A DescribeSource over plain arrays of objects, for describer tests. */
import type { DescribeSource } from './source';

type Obj = { metadata?: { name?: string; namespace?: string } };

export function fakeSource(now: number, objects: Record<string, object[]>): DescribeSource {
  return {
    now,
    get: (resource, namespace, name) =>
      (objects[resource] ?? []).find((o: Obj) => o.metadata?.name === name && (o.metadata?.namespace ?? undefined) === namespace),
    list: (resource, namespace) =>
      (objects[resource] ?? []).filter((o: Obj) => namespace === undefined || o.metadata?.namespace === namespace),
  };
}
