/** kubectl describe replicaset (describeReplicaSet). */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { formatLabelSelector } from '../../../engine/printers';
import { describeEvents, searchEvents } from './events';
import { controlledBy, printAnnotationsMultiline, printLabelsMultiline } from './helpers';
import { describePodTemplate } from './podTemplate';
import type { DescribeSource } from './source';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer';

/** getPodStatusForController: pods controlled by `uid`, counted by phase. */
export function podPhaseCounts(pods: Pod[], uid: string | undefined): string {
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods) {
    const ref = p.metadata?.ownerReferences?.find((r) => r.controller);
    const phase = p.status?.phase as keyof typeof n | undefined;
    if (ref?.uid === uid && phase && phase in n) n[phase]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

export function describeReplicaSet(source: DescribeSource, rs: ReplicaSet): string {
  const pods = source.list('pods', rs.metadata?.namespace) as Pod[];
  const events = searchEvents(source, {
    name: rs.metadata?.name ?? '',
    namespace: rs.metadata?.namespace,
    kind: 'ReplicaSet',
    uid: rs.metadata?.uid ?? '',
  });
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
    const controller = controlledBy(rs.metadata);
    if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${podPhaseCounts(pods, rs.metadata?.uid)}\n`);
    describePodTemplate(rs.spec?.template, w);
    const conditions = rs.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    describeEvents(w, events, source.now);
  });
}
