/**
 * What the describers read. kubectl describe issues GETs and LISTs against the apiserver; the
 * sandbox passes the same view of the store (and the virtual time `now`, for ages).
 */
export interface DescribeSource {
  /** Virtual time in ms since the epoch. */
  now: number;
  get(resource: string, namespace: string | undefined, name: string): object | undefined;
  /** Objects in server order (namespace, then name); namespace undefined = all namespaces. */
  list(resource: string, namespace?: string, opts?: { labelSelector?: string; fieldSelector?: string }): object[];
}
