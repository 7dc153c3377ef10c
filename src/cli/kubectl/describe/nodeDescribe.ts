/** kubectl describe node (describeNode, describeNodeLease, describeNodeResource). */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { nodeRoles } from '../../../engine/printers';
import { type Quantity, formatQuantity, parseQuantity, sumQuantities, toMilli, toValue, ZERO_QUANTITY } from '../../../engine/util/quantity';
import { describeEvents, searchEvents } from './events';
import { printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123, since } from './helpers';
import { podRequestsAndLimits } from './podResources';
import type { DescribeSource } from './source';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './writer';

function describeLease(lease: Lease | undefined, nodeName: string, w: PrefixWriter): void {
  if (!lease) {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${nodeName}" not found\n`);
    return;
  }
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123(lease.spec.renewTime) : '<unset>'}\n`);
}

function describeResourceList(w: PrefixWriter, title: string, list: Record<string, string> | undefined): void {
  const names = Object.keys(list ?? {}).sort();
  if (names.length === 0) return;
  w.write(LEVEL_0, `${title}:\n`);
  for (const n of names) w.write(LEVEL_0, `  ${n}:\t${formatQuantity(parseQuantity(list![n]))}\n`);
}

function describeSystemInfo(node: Node, w: PrefixWriter): void {
  const i = node.status?.nodeInfo;
  const rows: [string, string | undefined][] = [
    ['Machine ID', i?.machineID],
    ['System UUID', i?.systemUUID],
    ['Boot ID', i?.bootID],
    ['Kernel Version', i?.kernelVersion],
    ['OS Image', i?.osImage],
    ['Operating System', i?.operatingSystem],
    ['Architecture', i?.architecture],
    ['Container Runtime Version', i?.containerRuntimeVersion],
    ['Kubelet Version', i?.kubeletVersion],
    ['Kube-Proxy Version', i?.kubeProxyVersion],
  ];
  w.write(LEVEL_0, 'System Info:\n');
  for (const [k, v] of rows) w.write(LEVEL_0, `  ${k}:\t${v ?? ''}\n`);
}

/** `850m (44%)`: the quantity and its integer-truncated share of allocatable. */
function share(q: Quantity | undefined, total: number, value: (q: Quantity) => number): string {
  const used = q ?? ZERO_QUANTITY;
  const pct = total === 0 ? 0 : Math.trunc((value(used) / total) * 100);
  return `${formatQuantity(used)} (${pct}%)`;
}

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');

function describeNodeResource(pods: Pod[], node: Node, now: number, w: PrefixWriter): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status!.allocatable! : (node.status?.capacity ?? {});
  const total = (n: string, value: (q: Quantity) => number) => (alloc[n] === undefined ? 0 : value(parseQuantity(alloc[n])));
  const cpu = total('cpu', toMilli);
  const mem = total('memory', toValue);
  const perPod = pods.map((p) => podRequestsAndLimits(p));
  pods.forEach((p, i) => {
    const { requests: r, limits: l } = perPod[i];
    w.write(
      LEVEL_1,
      `${p.metadata?.namespace ?? ''}\t${p.metadata?.name ?? ''}\t\t${share(r.get('cpu'), cpu, toMilli)}\t${share(l.get('cpu'), cpu, toMilli)}\t` +
        `${share(r.get('memory'), mem, toValue)}\t${share(l.get('memory'), mem, toValue)}\t${since(p.metadata?.creationTimestamp, now)}\n`,
    );
  });
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const sum = (kind: 'requests' | 'limits', n: string) => {
    const values = perPod.map((x) => x[kind].get(n)).filter((q): q is Quantity => q !== undefined);
    return values.length === 0 ? undefined : sumQuantities(values);
  };
  const line = (n: string, totalValue: number, value: (q: Quantity) => number) =>
    w.write(LEVEL_1, `${n}\t${share(sum('requests', n), totalValue, value)}\t${share(sum('limits', n), totalValue, value)}\n`);
  line('cpu', cpu, toMilli);
  line('memory', mem, toValue);
  line('ephemeral-storage', total('ephemeral-storage', toValue), toValue);
  for (const n of Object.keys(alloc).filter(isHugePages).sort()) line(n, total(n, toValue), toValue);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
  for (const n of Object.keys(alloc).filter((n) => !isHugePages(n) && !standard.has(n) && !n.startsWith('requests.') && !n.startsWith('limits.')).sort()) {
    w.write(LEVEL_1, `${n}\t${formatQuantity(sum('requests', n) ?? ZERO_QUANTITY)}\t${formatQuantity(sum('limits', n) ?? ZERO_QUANTITY)}\n`);
  }
}

export function describeNode(source: DescribeSource, node: Node): string {
  const name = node.metadata?.name ?? '';
  const pods = (source.list('pods') as Pod[]).filter(
    (p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const lease = source.get('leases', 'kube-node-lease', name) as Lease | undefined;
  // Controllers record node events under the node's uid, the kubelet under its name.
  const events: Event[] = [
    ...searchEvents(source, { name, kind: 'Node', uid: node.metadata?.uid ?? '' }),
    ...searchEvents(source, { name, kind: 'Node', uid: name }),
  ];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    w.write(LEVEL_0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(node.metadata?.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', node.spec?.taints);
    w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
    describeLease(lease, name, w);
    const conditions = node.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${c.type} \t${c.status} \t${rfc1123(c.lastHeartbeatTime)} \t${rfc1123(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    describeResourceList(w, 'Capacity', node.status?.capacity);
    describeResourceList(w, 'Allocatable', node.status?.allocatable);
    describeSystemInfo(node, w);
    if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if ((node.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${node.spec!.podCIDRs!.join(',')}\n`);
    if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
    describeNodeResource(pods, node, source.now, w);
    describeEvents(w, events, source.now);
  });
}
