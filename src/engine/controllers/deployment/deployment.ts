/**
 * The Deployment controller (kubernetes `pkg/controller/deployment`), split like upstream:
 * this file is deployment_controller.go (watches, ReplicaSet adoption, syncDeployment); sync.ts,
 * rolling.ts, recreate.ts, progress.ts and cleanup.ts hold the steps; util/ the arithmetic.
 *
 * Each reconcile re-reads the Deployment, its ReplicaSets (through an index by controller uid)
 * and, for Recreate, their pods, runs one sync on working copies and returns the plan of writes.
 * Rollback needs no code of its own: `kubectl rollout undo` writes an old template back, and the
 * sync finds that ReplicaSet as the new one and gives it the next revision.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { selectorMatches } from '../../api/selectors';
import { controllerOf, objectKey, type KubeObject } from '../../objects';
import type { SimContext } from '../../sim/component';
import { addKey, NO_KEYS, type Change, type Controller } from '../manager';
import { ControllerKeys, CONTROLLER_UID_INDEX, controllerUidIndexValues, newControllerRef, orphanIndexValue } from '../podUtil';
import { compileSelector } from '../replicaSetPods';
import { checkPausedConditions } from './progress';
import { rolloutRecreate } from './recreate';
import { rolloutRolling } from './rolling';
import { DEPLOYMENTS, REPLICASETS, SyncState } from './state';
import { getAllReplicaSetsAndSyncRevision, isScalingEvent, syncDeploymentStatus, syncScaling } from './sync';
import { deploymentSpec } from './util/replicas';

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private ctx!: SimContext;
  private readonly controllerKeys = new ControllerKeys();

  readonly watches = {
    [DEPLOYMENTS]: (d: KubeObject) => this.controllerKeys.ofObject(d),
    [REPLICASETS]: (rs: KubeObject, old: KubeObject | undefined, live: KubeObject | undefined) => this.keysForReplicaSet(rs, old, live),
    pods: (pod: KubeObject, _old: KubeObject | undefined, live: KubeObject | undefined) => this.keysForDeletedPod(pod, live),
  };

  setup(ctx: SimContext): void {
    this.ctx = ctx;
    ctx.store.addIndex(REPLICASETS, CONTROLLER_UID_INDEX, controllerUidIndexValues);
    ctx.store.addIndex('pods', CONTROLLER_UID_INDEX, controllerUidIndexValues);
  }

  reconcile(key: string, ctx: SimContext): Change[] {
    const { namespace, name } = this.controllerKeys.names(key);
    const d = ctx.store.get(DEPLOYMENTS, namespace, name);
    if (!d) return [];
    const selector = deploymentSpec(d).selector;
    if (selectsEverything(selector)) return selectingAll(d);
    const claims: Change[] = [];
    const rsList = this.claimReplicaSets(d, claims);
    const podMap = deploymentSpec(d).strategy?.type === 'Recreate' ? this.podMap(d, rsList) : NO_PODS;
    const s = new SyncState(ctx, d, rsList, podMap, claims);
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
      syncDeploymentStatus(s, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
      return s.changes();
    }
    checkPausedConditions(s);
    if (deploymentSpec(d).paused || isScalingEvent(s)) syncScaling(s);
    else if (deploymentSpec(d).strategy?.type === 'Recreate') rolloutRecreate(s);
    else rolloutRolling(s);
    return s.changes();
  }

  /** ReplicaSet events wake the controlling Deployment, or for orphans each Deployment selecting them. */
  private keysForReplicaSet(rs: KubeObject, old: KubeObject | undefined, live: KubeObject | undefined): readonly string[] {
    const owners = this.controllerKeys.ofDependent('Deployment', rs, old);
    if (controllerOf(rs) || !live) return owners;
    const keys = [...owners];
    for (const d of this.ctx.store.list(DEPLOYMENTS, rs.metadata.namespace)) {
      if (selectorMatches(deploymentSpec(d).selector, rs.metadata.labels)) addKey(keys, objectKey(d));
    }
    return keys;
  }

  /** A pod gone for good may let a Recreate rollout go on (deletePod). */
  private keysForDeletedPod(pod: KubeObject, live: KubeObject | undefined): readonly string[] {
    if (live) return NO_KEYS;
    const store = this.ctx.store;
    const ns = pod.metadata.namespace;
    const rsRef = controllerOf(pod);
    if (rsRef?.kind !== 'ReplicaSet') return [];
    const rs = store.get(REPLICASETS, ns, rsRef.name);
    const dRef = rs && controllerOf(rs);
    if (dRef?.kind !== 'Deployment') return [];
    const d = store.get(DEPLOYMENTS, ns, dRef.name);
    return d && deploymentSpec(d).strategy?.type === 'Recreate' ? [objectKey(d)] : [];
  }

  /** ClaimReplicaSets: owned ones that still match, plus matching orphans (adopted). */
  private claimReplicaSets(d: KubeObject, claims: Change[]): KubeObject[] {
    const store = this.ctx.store;
    const matches = compileSelector(deploymentSpec(d).selector);
    const deleting = !!d.metadata.deletionTimestamp;
    const out: KubeObject[] = [];
    for (const rs of store.byIndex(REPLICASETS, CONTROLLER_UID_INDEX, d.metadata.uid!)) {
      if (matches(rs.metadata.labels)) out.push(rs);
      else if (!deleting) claims.push(ownerRefsPatch(rs, (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid)));
    }
    if (deleting) return out;
    for (const rs of store.byIndex(REPLICASETS, CONTROLLER_UID_INDEX, orphanIndexValue(d.metadata.namespace ?? ''))) {
      if (rs.metadata.deletionTimestamp || !matches(rs.metadata.labels)) continue;
      claims.push(ownerRefsPatch(rs, [...(rs.metadata.ownerReferences ?? []), newControllerRef(d)]));
      out.push(rs);
    }
    return out;
  }

  /** getPodMapForDeployment: the Deployment's pods grouped by the uid of their ReplicaSet. */
  private podMap(d: KubeObject, rsList: KubeObject[]): Map<string, KubeObject[]> {
    const map = new Map<string, KubeObject[]>();
    const selector = deploymentSpec(d).selector;
    for (const rs of rsList) {
      const uid = rs.metadata.uid!;
      map.set(uid, this.ctx.store.byIndex('pods', CONTROLLER_UID_INDEX, uid).filter((p) => selectorMatches(selector, p.metadata.labels)));
    }
    return map;
  }
}

/** The pod map of a rollout that reads no pods (only Recreate does). */
const NO_PODS: ReadonlyMap<string, KubeObject[]> = new Map();

function selectsEverything(sel: LabelSelector | undefined): boolean {
  return !!sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

function selectingAll(d: KubeObject): Change[] {
  const changes: Change[] = [{ op: 'event', object: d, type: 'Warning', reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.' }];
  const generation = d.metadata.generation ?? 0;
  if ((d.status?.observedGeneration ?? 0) < generation) {
    changes.push({ op: 'updateStatus', resource: DEPLOYMENTS, object: { ...d, status: { ...d.status, observedGeneration: generation } } });
  }
  return changes;
}

function ownerRefsPatch(obj: KubeObject, refs: NonNullable<KubeObject['metadata']['ownerReferences']>): Change {
  const m = obj.metadata;
  return { op: 'patch', resource: REPLICASETS, namespace: m.namespace, name: m.name, patchType: 'merge', patch: { metadata: { ownerReferences: refs.length ? refs : null, uid: m.uid } } };
}
