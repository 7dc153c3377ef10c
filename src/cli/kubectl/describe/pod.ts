/** kubectl describe pod (describePod in describe.go, kubectl 1.34). */
import type { EnvVar, Pod } from 'kubernetes-types/core/v1';
import { describeContainers } from './containers';
import { describeEvents, searchEvents } from './events';
import { controlledBy, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123, since } from './helpers';
import { containerResourceValue, podQOS } from './podResources';
import type { DescribeSource } from './source';
import { describeTopologySpread } from './topology';
import { describeVolumes } from './volumes';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './writer';
import { describeResources } from './containers';

/** EnvValueRetriever: the value of a fieldRef env var, read from the pod. */
function podFieldValue(pod: Pod, e: EnvVar): string {
  const path = e.valueFrom?.fieldRef?.fieldPath ?? '';
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return pod.metadata?.[m[1] as 'labels' | 'annotations']?.[m[2]] ?? '';
  const fields: Record<string, string | undefined> = {
    'metadata.name': pod.metadata?.name,
    'metadata.namespace': pod.metadata?.namespace,
    'metadata.uid': pod.metadata?.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.hostIPs': pod.status?.hostIPs?.map((i) => i.ip).join(','),
    'status.podIP': pod.status?.podIP,
    'status.podIPs': pod.status?.podIPs?.map((i) => i.ip).join(','),
  };
  return fields[path] ?? '';
}

function describeHeader(pod: Pod, now: number, w: PrefixWriter): void {
  const spec = pod.spec;
  const status = pod.status;
  w.write(LEVEL_0, `Name:\t${pod.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata?.namespace ?? ''}\n`);
  if (spec?.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec?.nodeName ? `Node:\t${spec.nodeName}/${status?.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status?.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata?.annotations);
  const phase = status?.phase ?? '';
  if (pod.metadata?.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${phase}\n`);
  }
  if (status?.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status?.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status?.podIP ?? ''}\n`);
  const ips = status?.podIPs ?? [];
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controller = controlledBy(pod.metadata);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  if (status?.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const podResources = (spec as { resources?: Parameters<typeof describeResources>[0] } | undefined)?.resources;
  if (podResources) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(podResources, w, LEVEL_1);
  }
}

function describeConditions(pod: Pod, w: PrefixWriter): void {
  const conditions = pod.status?.conditions ?? [];
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const status = conditions.find((c) => c.type === g.conditionType)?.status ?? '<none>';
      w.write(LEVEL_1, `${g.conditionType} \t${status} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
}

export function describePod(source: DescribeSource, pod: Pod): string {
  const now = source.now;
  // Mirror pods carry their source's uid in an annotation; kubectl searches events by it.
  const mirrorUid = pod.metadata?.annotations?.['kubernetes.io/config.mirror'];
  const events = searchEvents(source, {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace,
    uid: mirrorUid ?? pod.metadata?.uid ?? '',
  });
  return tabbedString((w) => {
    describeHeader(pod, now, w);
    const ctx = {
      resolve: (e: EnvVar) => podFieldValue(pod, e),
      resourceValue: containerResourceValue,
    };
    if ((pod.spec?.initContainers ?? []).length > 0) {
      describeContainers('Init Containers', pod.spec?.initContainers, { ...ctx, statuses: pod.status?.initContainerStatuses }, w);
    }
    describeContainers('Containers', pod.spec?.containers, { ...ctx, statuses: pod.status?.containerStatuses }, w);
    describeConditions(pod, w);
    describeVolumes(pod.spec?.volumes, w);
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', pod.spec?.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', pod.spec?.tolerations);
    describeTopologySpread(pod.spec?.topologySpreadConstraints, w);
    describeEvents(w, events, now);
  });
}
