/**
 * The key facts the inspector shows per kind: one small table from kind to facts, roughly what the
 * first lines of `kubectl describe` say. Unknown kinds get the common facts only.
 */
import type { KubeObject } from '../../engine/objects';
import { nodeView, podView } from '../graph/status';
import { poolOf } from '../graph/model';
import { ageOf } from './age';

export type Fact = [label: string, value: string];

const join = (xs: unknown[] | undefined, none = '<none>') => (xs && xs.length ? xs.map(String).join(', ') : none);
const images = (spec: any) => join((spec?.containers ?? []).map((c: any) => c.image));
const selector = (sel: any): string => {
  const m = sel?.matchLabels ?? sel;
  const parts = Object.entries(m ?? {}).filter(([k]) => k !== 'matchExpressions').map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '<none>';
};
const num = (v: unknown) => String(v ?? 0);

const KIND_FACTS: Record<string, (o: KubeObject) => Fact[]> = {
  Pod: (o) => {
    const v = podView(o);
    return [
      ['Status', v.status],
      ['Ready', `${v.ready}/${v.total}`],
      ['Restarts', String(v.restarts)],
      ['Node', o.spec?.nodeName ?? '<none>'],
      ['IP', o.status?.podIP ?? '<none>'],
      ['QoS Class', o.status?.qosClass ?? '—'],
      ['Images', images(o.spec)],
    ];
  },
  Node: (o) => {
    const v = nodeView(o);
    const info = o.status?.nodeInfo ?? {};
    const ip = (o.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address;
    return [
      ['Status', v.status],
      ['Node pool', poolOf(o)],
      ['Version', info.kubeletVersion ?? '—'],
      ['Internal IP', ip ?? '<none>'],
      ['OS image', info.osImage ?? '—'],
      ['Allocatable', `cpu ${o.status?.allocatable?.cpu ?? '?'}, memory ${o.status?.allocatable?.memory ?? '?'}, pods ${o.status?.allocatable?.pods ?? '?'}`],
      ['Taints', join((o.spec?.taints ?? []).map((t: any) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`))],
    ];
  },
  Deployment: (o) => [
    ['Replicas', `${num(o.spec?.replicas ?? 1)} desired | ${num(o.status?.updatedReplicas)} updated | ${num(o.status?.replicas)} total | ${num(o.status?.availableReplicas)} available`],
    ['Ready', `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas ?? 1)}`],
    ['Strategy', o.spec?.strategy?.type ?? 'RollingUpdate'],
    ['Selector', selector(o.spec?.selector)],
    ['Images', images(o.spec?.template?.spec)],
  ],
  ReplicaSet: (o) => [
    ['Replicas', `${num(o.status?.replicas)} current / ${num(o.spec?.replicas ?? 1)} desired`],
    ['Ready', num(o.status?.readyReplicas)],
    ['Selector', selector(o.spec?.selector)],
    ['Images', images(o.spec?.template?.spec)],
  ],
  StatefulSet: (o) => [
    ['Ready', `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas ?? 1)}`],
    ['Service', o.spec?.serviceName ?? '<none>'],
    ['Selector', selector(o.spec?.selector)],
    ['Images', images(o.spec?.template?.spec)],
  ],
  DaemonSet: (o) => [
    ['Pods', `${num(o.status?.desiredNumberScheduled)} desired | ${num(o.status?.currentNumberScheduled)} current | ${num(o.status?.numberReady)} ready | ${num(o.status?.numberAvailable)} available`],
    ['Selector', selector(o.spec?.selector)],
    ['Images', images(o.spec?.template?.spec)],
  ],
  Job: (o) => [
    ['Completions', `${num(o.status?.succeeded)}/${num(o.spec?.completions ?? 1)}`],
    ['Pods', `${num(o.status?.active)} active | ${num(o.status?.succeeded)} succeeded | ${num(o.status?.failed)} failed`],
    ['Images', images(o.spec?.template?.spec)],
  ],
  CronJob: (o) => [
    ['Schedule', o.spec?.schedule ?? ''],
    ['Suspend', String(o.spec?.suspend ?? false)],
    ['Active', num(o.status?.active?.length)],
  ],
  Service: (o) => [
    ['Type', o.spec?.type ?? 'ClusterIP'],
    ['Cluster IP', o.spec?.clusterIP ?? '<none>'],
    ['External IP', join((o.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip ?? i.hostname), o.spec?.type === 'LoadBalancer' ? '<pending>' : '<none>')],
    ['Ports', join((o.spec?.ports ?? []).map((p: any) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`))],
    ['Selector', selector(o.spec?.selector)],
  ],
  PersistentVolumeClaim: (o) => [
    ['Status', o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? 'Pending')],
    ['Volume', o.spec?.volumeName ?? '<none>'],
    ['Capacity', o.status?.capacity?.storage ?? o.spec?.resources?.requests?.storage ?? '—'],
    ['Access modes', join(o.spec?.accessModes)],
    ['Storage class', o.spec?.storageClassName ?? '<none>'],
  ],
  PersistentVolume: (o) => [
    ['Status', o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? 'Pending')],
    ['Claim', o.spec?.claimRef ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}` : '<none>'],
    ['Capacity', o.spec?.capacity?.storage ?? '—'],
    ['Reclaim policy', o.spec?.persistentVolumeReclaimPolicy ?? 'Retain'],
    ['Storage class', o.spec?.storageClassName ?? '<none>'],
  ],
};

export function keyFacts(o: KubeObject, now?: number): Fact[] {
  const common: Fact[] = [];
  if (o.metadata.namespace) common.push(['Namespace', o.metadata.namespace]);
  if (now !== undefined) common.push(['Age', ageOf(o.metadata.creationTimestamp, now)]);
  else if (o.metadata.creationTimestamp) common.push(['Created', o.metadata.creationTimestamp]);
  const labels = Object.entries(o.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  const specific = KIND_FACTS[o.kind]?.(o) ?? [];
  return [...common, ...specific, ['Labels', labels.length ? labels.join(', ') : '<none>']];
}
