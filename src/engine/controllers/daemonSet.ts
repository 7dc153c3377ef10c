/**
 * The DaemonSet controller, `daemonset-controller` (kubernetes `pkg/controller/daemon/
 * daemon_controller.go`, `update.go`): one pod on every node the DaemonSet should run on
 * (nodeSelector, required node affinity, NoSchedule/NoExecute taints against the template's
 * tolerations plus the daemon tolerations), created without nodeName but pinned by a required node
 * affinity for the default scheduler to bind; ControllerRevisions for the template; RollingUpdate
 * (maxUnavailable, no surge) or OnDelete; failed daemon pods killed; status counters.
 *
 * Differences from upstream, by design of the engine: no expectations cache (the store is read
 * synchronously); no failed-pod back-off; no adoption of orphan pods; maxSurge is not implemented
 * (a surge strategy updates like maxUnavailable 1); the rolling update runs in a pass whose manage
 * step changed nothing, instead of on the informer's stale view. Pods on a deleted node are left to
 * the pod garbage collector, as upstream.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { ApiError } from '../api/errors';
import { controllerOf, objectKey, splitKey, type KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import { deepEqual } from '../util/clone';
import { CONTROLLER_REVISIONS, daemonSetHash, syncHistory } from './daemonset/history';
import { newDaemonPod, nodeShouldRunDaemonPod, targetNodeName } from './daemonset/pods';
import { byCreation, daemonSetStatus, rollingUpdateDeletions, type NodePlacement } from './daemonset/update';
import { NO_KEYS, type Change, type Controller } from './manager';
import { CONTROLLER_UID_INDEX, controllerUidIndexValues } from './podUtil';

export const DAEMONSETS = 'daemonsets.apps';

export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';
  private ctx!: SimContext;

  readonly watches = {
    [DAEMONSETS]: (ds: KubeObject) => [objectKey(ds)],
    pods: (pod: KubeObject, old: KubeObject | undefined) => ownerKeys(pod, old),
    [CONTROLLER_REVISIONS]: (cr: KubeObject, old: KubeObject | undefined) => ownerKeys(cr, old),
    nodes: (node: KubeObject, old: KubeObject | undefined, live: KubeObject | undefined) => {
      const relevant = !old || !live || !deepEqual(old.metadata.labels, node.metadata.labels) || !deepEqual(old.spec, node.spec);
      return relevant ? this.ctx.store.list(DAEMONSETS).map(objectKey) : [];
    },
  };

  setup(ctx: SimContext): void {
    this.ctx = ctx;
    ctx.store.addIndex('pods', CONTROLLER_UID_INDEX, controllerUidIndexValues);
    ctx.store.addIndex(CONTROLLER_REVISIONS, CONTROLLER_UID_INDEX, controllerUidIndexValues);
  }

  reconcile(key: string, ctx: SimContext): Change[] {
    const { namespace, name } = splitKey(key);
    const ds = ctx.store.get(DAEMONSETS, namespace, name);
    if (!ds || ds.metadata.deletionTimestamp) return [];
    const now = ctx.now();
    const pods = ctx.store.byIndex('pods', CONTROLLER_UID_INDEX, ds.metadata.uid!);
    const hash = daemonSetHash(ds);
    const changes = syncHistory(ds, ctx.store.byIndex(CONTROLLER_REVISIONS, CONTROLLER_UID_INDEX, ds.metadata.uid!), pods, hash);
    const nodes = ctx.store.list('nodes');
    const byNode = new Map<string, KubeObject[]>();
    for (const pod of pods) {
      const node = targetNodeName(pod);
      if (node) byNode.set(node, [...(byNode.get(node) ?? []), pod].sort(byCreation));
    }
    const placements: NodePlacement[] = [];
    const manage: Change[] = [];
    for (const node of nodes) {
      const { shouldRun, shouldContinue } = nodeShouldRunDaemonPod(node, ds);
      const onNode = byNode.get(node.metadata.name) ?? [];
      placements.push({ shouldRun, pods: onNode });
      this.manageNode(ds, node.metadata.name, hash, shouldRun, shouldContinue, onNode, manage);
    }
    // Pods pinned to a node that does not exist never get scheduled, and PodGC only sees bound pods.
    const names = new Set(nodes.map((n) => n.metadata.name));
    for (const pod of pods) if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp && !names.has(targetNodeName(pod) ?? '')) manage.push(this.deletePod(ds, pod));
    changes.push(...manage);
    const status = daemonSetStatus(ds, placements, hash, now);
    if (manage.length === 0 && (ds as DaemonSet).spec?.updateStrategy?.type !== 'OnDelete') {
      const live = new Map<string, KubeObject[]>();
      for (const [node, list] of byNode) live.set(node, list.filter((p) => !p.metadata.deletionTimestamp));
      for (const pod of rollingUpdateDeletions(ds, live, status.desiredNumberScheduled, hash, now)) changes.push(this.deletePod(ds, pod));
    }
    if (!deepEqual(status, ds.status)) changes.push({ op: 'updateStatus', resource: DAEMONSETS, object: { ...ds, status } });
    const minReady = (ds as DaemonSet).spec?.minReadySeconds ?? 0;
    if (minReady > 0 && status.numberReady !== (status.numberAvailable ?? 0)) changes.push({ op: 'requeueAfter', ms: minReady * 1000 });
    return changes;
  }

  /** podsShouldBeOnNode for one node. */
  private manageNode(ds: KubeObject, node: string, hash: string, shouldRun: boolean, shouldContinue: boolean, onNode: KubeObject[], out: Change[]): void {
    const live = onNode.filter((p) => !p.metadata.deletionTimestamp);
    if (shouldRun && onNode.length === 0) {
      out.push(this.createPod(ds, node, hash));
    } else if (shouldContinue) {
      const running: KubeObject[] = [];
      for (const pod of live) {
        if (pod.status?.phase !== 'Failed') {
          running.push(pod);
          continue;
        }
        const message = `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node}, will try to kill it`;
        out.push({ op: 'event', object: ds, type: 'Warning', reason: 'FailedDaemonPod', message }, this.deletePod(ds, pod));
      }
      // More than one: keep the oldest.
      for (const pod of running.slice(1)) out.push(this.deletePod(ds, pod));
    } else {
      for (const pod of live) out.push(this.deletePod(ds, pod));
    }
  }

  private createPod(ds: KubeObject, node: string, hash: string): Change {
    return {
      op: 'create',
      resource: 'pods',
      object: newDaemonPod(ds, node, hash),
      onSuccess: (pod) => [{ op: 'event', object: ds, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}` }],
      onError: (err: ApiError) => [{ op: 'event', object: ds, type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${err.message}` }],
    };
  }

  private deletePod(ds: KubeObject, pod: KubeObject): Change {
    const name = pod.metadata.name;
    return {
      op: 'delete',
      resource: 'pods',
      namespace: pod.metadata.namespace,
      name,
      options: { preconditions: { uid: pod.metadata.uid } },
      onSuccess: () => [{ op: 'event', object: ds, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${name}` }],
      onError: (err: ApiError) => [{ op: 'event', object: ds, type: 'Warning', reason: 'FailedDelete', message: `Error deleting: ${err.message}` }],
    };
  }
}

/** The DaemonSet that controls an object (before and after a change). */
function ownerKeys(obj: KubeObject, old: KubeObject | undefined): readonly string[] {
  // Runs on every pod event, most of them not a DaemonSet's: no Set, no lists to walk, no list
  // built when neither version has a DaemonSet controller.
  const ref = controllerOf(obj);
  const oldRef = old && controllerOf(old);
  if (ref?.kind !== 'DaemonSet' && oldRef?.kind !== 'DaemonSet') return NO_KEYS;
  const keys: string[] = [];
  if (ref?.kind === 'DaemonSet') keys.push(`${obj.metadata.namespace}/${ref.name}`);
  if (old && oldRef?.kind === 'DaemonSet') {
    const key = `${old.metadata.namespace}/${oldRef.name}`;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}
