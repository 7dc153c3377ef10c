/**
 * Replica arithmetic of `pkg/controller/deployment/util/deployment_util.go`: fenceposts
 * (maxSurge rounded up, maxUnavailable rounded down, both zero ⇒ one unavailable), counts over
 * ReplicaSets, the new ReplicaSet's next size, saturation, and proportional scaling shares.
 */
import type { DeploymentSpec, ReplicaSetSpec, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../objects';
import { timestampMs } from '../../podUtil';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION } from './annotations';

export const deploymentSpec = (d: KubeObject): DeploymentSpec => d.spec ?? {};
export const rsSpec = (rs: KubeObject): ReplicaSetSpec => rs.spec ?? {};
export const rsStatus = (rs: KubeObject): ReplicaSetStatus => rs.status ?? { replicas: 0 };

export const desiredReplicas = (d: KubeObject): number => deploymentSpec(d).replicas ?? 1;
export const rsReplicas = (rs: KubeObject): number => rsSpec(rs).replicas ?? 1;

export function isRollingUpdate(d: KubeObject): boolean {
  return (deploymentSpec(d).strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const percent = parsePercent(v);
  if (percent === undefined) {
    const n = Number(v);
    if (Number.isInteger(n)) return n;
    throw new Error(`invalid value for IntOrString: invalid value "${v}"`);
  }
  const x = (percent * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** The number of a `<n>%` string, else undefined; remembered, as a sync resolves '25%' several times. */
function parsePercent(v: string): number | undefined {
  if (percents.has(v)) return percents.get(v);
  const m = /^(-?\d+)%$/.exec(v);
  const percent = m ? Number(m[1]) : undefined;
  if (percents.size < MAX_PERCENTS) percents.set(v, percent);
  return percent;
}

const percents = new Map<string, number | undefined>();
/** Bounds the memo: values come from user input. */
const MAX_PERCENTS = 1000;

/** ResolveFenceposts: [maxSurge, maxUnavailable] for `desired` replicas. */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

function fenceposts(d: KubeObject): [number, number] {
  const ru = deploymentSpec(d).strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', desiredReplicas(d));
}

export function maxSurge(d: KubeObject): number {
  return isRollingUpdate(d) ? fenceposts(d)[0] : 0;
}

export function maxUnavailable(d: KubeObject): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(fenceposts(d)[1], desired);
}

/** Sum of spec.replicas (GetReplicaCountForReplicaSets). */
export const specReplicaSum = (sets: KubeObject[]): number => sets.reduce((n, rs) => n + rsReplicas(rs), 0);
/** Sum of status.replicas (GetActualReplicaCountForReplicaSets). */
export const actualReplicaSum = (sets: KubeObject[]): number => sets.reduce((n, rs) => n + (rsStatus(rs).replicas ?? 0), 0);
export const readyReplicaSum = (sets: KubeObject[]): number => sets.reduce((n, rs) => n + (rsStatus(rs).readyReplicas ?? 0), 0);
export const availableReplicaSum = (sets: KubeObject[]): number => sets.reduce((n, rs) => n + (rsStatus(rs).availableReplicas ?? 0), 0);

/** FilterActiveReplicaSets: those with spec.replicas > 0. */
export const activeReplicaSets = (sets: (KubeObject | undefined)[]): KubeObject[] => sets.filter((rs): rs is KubeObject => !!rs && rsReplicas(rs) > 0);

function created(rs: KubeObject): number {
  return timestampMs(rs.metadata.creationTimestamp) ?? Infinity;
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  return created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
}

/** ReplicaSetsBySizeOlder / ReplicaSetsBySizeNewer: larger first, ties by age. */
export const bySizeOlder = (a: KubeObject, b: KubeObject): number => rsReplicas(b) - rsReplicas(a) || byCreation(a, b);
export const bySizeNewer = (a: KubeObject, b: KubeObject): number => rsReplicas(b) - rsReplicas(a) || byCreation(b, a);

/** NewRSNewReplicas: the size the new ReplicaSet may grow to now. */
export function newRSNewReplicas(d: KubeObject, allRSs: KubeObject[], newRS: KubeObject): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d)) return desired;
  const maxTotal = desired + maxSurge(d);
  const current = specReplicaSum(allRSs);
  if (current >= maxTotal) return rsReplicas(newRS);
  return rsReplicas(newRS) + Math.min(maxTotal - current, desired - rsReplicas(newRS));
}

function intAnnotation(rs: KubeObject, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

export const desiredReplicasAnnotation = (rs: KubeObject) => intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);

/** IsSaturated: the new ReplicaSet has all desired replicas and all of them are available. */
export function isSaturated(d: KubeObject, rs: KubeObject | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicas(d);
  return rsReplicas(rs) === desired && desiredReplicasAnnotation(rs) === desired && (rsStatus(rs).availableReplicas ?? 0) === desired;
}

/** FindActiveOrLatest: the only active ReplicaSet, the newest if none is active, else undefined. */
export function findActiveOrLatest(newRS: KubeObject | undefined, oldRSs: KubeObject[]): KubeObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** GetReplicaSetProportion: this ReplicaSet's share of `toAdd`, given `added` so far. */
export function replicaSetProportion(rs: KubeObject, d: KubeObject, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: KubeObject, d: KubeObject): number {
  const desired = desiredReplicas(d);
  if (desired === 0) return -rsReplicas(rs);
  const maxReplicas = desired + maxSurge(d);
  let before = intAnnotation(rs, MAX_REPLICAS_ANNOTATION);
  if (!before) before = d.status?.replicas ?? 0;
  if (!before) return 0;
  const size = (rsReplicas(rs) * maxReplicas) / before;
  return roundHalfAway(size) - rsReplicas(rs);
}

/** Go's math.Round: halves away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
