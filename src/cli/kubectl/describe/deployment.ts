/** kubectl describe deployment (describeDeployment) and its ReplicaSet lookup (pkg/util/deployment). */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { selectorString } from '../../../engine/printers';
import { parseTime } from '../../../engine/util/time';
import { describeEvents, searchEvents } from './events';
import { goSortBy, printAnnotationsMultiline, printLabelsMultiline, rfc1123 } from './helpers';
import { describePodTemplate } from './podTemplate';
import type { DescribeSource } from './source';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer';

const HASH_LABEL = 'pod-template-hash';

/** Deep equality treating absent and undefined fields alike (apiequality.Semantic for plain JSON). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** equalIgnoreHash: templates equal once the pod-template-hash label is dropped. */
function equalIgnoreHash(t1: PodTemplateSpec | undefined, t2: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels[HASH_LABEL];
    return { ...t, metadata: { ...t?.metadata, labels } };
  };
  return jsonEqual(strip(t1), strip(t2));
}

/** GetAllReplicaSetsInChunks: the new ReplicaSet and all old ones, oldest first. */
export function deploymentReplicaSets(source: DescribeSource, d: Deployment): { oldRSs: ReplicaSet[]; newRS?: ReplicaSet } {
  const owned = (source.list('replicasets', d.metadata?.namespace) as ReplicaSet[]).filter((rs) =>
    rs.metadata?.ownerReferences?.some((r) => r.controller && r.uid === d.metadata?.uid),
  );
  const created = (rs: ReplicaSet) => parseTime(rs.metadata?.creationTimestamp ?? '') ?? 0;
  goSortBy(owned, (a, b) =>
    created(a) === created(b) ? (a.metadata?.name ?? '') < (b.metadata?.name ?? '') : created(a) < created(b),
  );
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  return { oldRSs: owned.filter((rs) => rs !== newRS), newRS };
}

/** printReplicaSetsByLabels: `name (x/y replicas created), ...` or `<none>`. */
const replicaSetList = (list: ReplicaSet[]): string =>
  list.map((rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') ||
  '<none>';

export function describeDeployment(source: DescribeSource, d: Deployment): string {
  const { oldRSs, newRS } = deploymentReplicaSets(source, d);
  const events = searchEvents(source, {
    name: d.metadata?.name ?? '',
    namespace: d.metadata?.namespace,
    kind: 'Deployment',
    uid: d.metadata?.uid ?? '',
  });
  return tabbedString((w) => {
    const spec = d.spec;
    const st = d.status;
    w.write(LEVEL_0, `Name:\t${d.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(d.metadata?.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata?.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec?.selector)}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${spec?.replicas ?? 0} desired | ${st?.updatedReplicas ?? 0} updated | ${st?.replicas ?? 0} total | ` +
        `${st?.availableReplicas ?? 0} available | ${st?.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
    const ru = spec?.strategy?.rollingUpdate;
    if (ru) {
      const s = (v: number | string | undefined) => (v === undefined ? '0' : String(v));
      w.write(LEVEL_0, `RollingUpdateStrategy:\t${s(ru.maxUnavailable)} max unavailable, ${s(ru.maxSurge)} max surge\n`);
    }
    describePodTemplate(spec?.template, w);
    const conditions = st?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (oldRSs.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetList(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetList(newRS ? [newRS] : [])}\n`);
    }
    describeEvents(w, events, source.now);
  });
}
