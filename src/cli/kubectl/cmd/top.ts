/**
 * `kubectl top node|pod`: resource usage from the metrics API (metrics.k8s.io/v1beta1, served by
 * the engine as metrics-server would: engine/api/metrics.ts), printed as kubectl 1.34's
 * pkg/cmd/top and pkg/metricsutil do — CPU in millicores, memory in Mi, a node's percentages of
 * its allocatable (or capacity), rows sorted by name or by `--sort-by=cpu|memory` (descending),
 * `metrics not available yet` while nothing has been scraped.
 */
import { getNodeMetrics, getPodMetrics, listNodeMetrics, listPodMetrics, type MetricsUsage, type NodeMetrics, type PodMetrics } from '../../../engine/api/metrics';
import type { KubeObject } from '../../../engine/objects';
import { parseTime } from '../../../engine/util/time';
import { toMilli, toValue } from '../../../engine/util/quantity';
import { alignText, KUBECTL_GET_TABWRITER } from '../../../engine/util/tabwriter';
import type { KubectlCommand } from '../command';
import type { Flags } from '../flags';

/** kubectl's metricsCreationDelay: a pod older than this with no metrics is reported by name. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

function validateSortBy(flags: Flags): void {
  const s = flags.string('sort-by');
  if (s && s !== 'cpu' && s !== 'memory') throw new Error('--sort-by accepts only cpu or memory');
}

function cpuMilli(u: Partial<MetricsUsage>): number {
  return u.cpu ? toMilli(u.cpu) : 0;
}

function memoryBytes(u: Partial<MetricsUsage>): number {
  return u.memory ? toValue(u.memory) : 0;
}

function podTotal(m: PodMetrics): { cpu: number; memory: number; memoryMilli: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of m.containers) {
    cpu += cpuMilli(c.usage);
    memory += memoryBytes(c.usage);
  }
  return { cpu, memory, memoryMilli: memory * 1000 };
}

/** printSingleResourceUsage: `12m`, `34Mi` (whole MiB, truncated). */
function usageCells(cpu: number, memory: number): string[] {
  return [`${cpu}m`, `${Math.trunc(memory / (1024 * 1024))}Mi`];
}

function sorter<T>(sortBy: string, cpu: (x: T) => number, memory: (x: T) => number, byName: (a: T, b: T) => number): (a: T, b: T) => number {
  if (sortBy === 'cpu') return (a, b) => cpu(b) - cpu(a);
  if (sortBy === 'memory') return (a, b) => memory(b) - memory(a);
  return byName;
}

function table(rows: string[][]): string {
  return alignText(rows.map((r) => r.map((c) => `${c}\t`).join('') + '\n').join(''), KUBECTL_GET_TABWRITER);
}

/** Go's time.Duration.String for a whole number of milliseconds. */
function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = (rest / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `${neg ? '-' : ''}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

const topPod: KubectlCommand = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'containers', type: 'bool', usage: 'If present, print usage of containers within a pod.' },
    { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='." },
    { name: 'no-headers', type: 'bool', usage: 'If present, print output without headers.' },
    { name: 'selector', short: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'." },
    { name: 'show-swap', type: 'bool', usage: 'Print pod resources related to swap memory.' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." },
    { name: 'sum', type: 'bool', usage: 'Print the sum of the resource usage' },
    { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Enables using protocol-buffers to access Metrics API.' },
  ],
  *run(flags, env) {
    validateSortBy(flags);
    const name = flags.args[0] ?? '';
    const selector = flags.string('selector');
    const fieldSelector = flags.string('field-selector');
    if (name && (selector || fieldSelector)) throw new Error('only one of NAME or selector can be provided');
    const all = flags.bool('all-namespaces');
    const ns = env.namespace;
    let metrics: PodMetrics[] = name ? [getPodMetrics(env.api, ns, name)] : listPodMetrics(env.api, all ? undefined : ns, selector || undefined);
    if (metrics.length && fieldSelector) {
      const keep = new Set(env.api.list('pods', { namespace: all ? undefined : ns, labelSelector: selector || undefined, fieldSelector }).items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
      metrics = metrics.filter((m) => keep.has(`${m.metadata.namespace}/${m.metadata.name}`));
    }
    if (metrics.length === 0) {
      // verifyEmptyMetrics: looks in the context's namespace, even with -A (as kubectl does).
      const pods: KubeObject[] = name ? [env.api.get('pods', ns, name)] : env.api.list('pods', { namespace: ns, labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined }).items;
      if (pods.length > 0) {
        for (const pod of pods) {
          const age = env.now() - (parseTime(pod.metadata.creationTimestamp ?? '') ?? env.now());
          if (age > METRICS_CREATION_DELAY_MS) throw new Error(`Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`);
        }
        throw new Error('metrics not available yet');
      }
      env.err(all ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
      return 0;
    }
    const containers = flags.bool('containers');
    const sortBy = flags.string('sort-by');
    const rows: string[][] = [];
    if (!flags.bool('no-headers')) rows.push([...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const byName = (a: PodMetrics, b: PodMetrics) =>
      all && a.metadata.namespace !== b.metadata.namespace ? (a.metadata.namespace < b.metadata.namespace ? -1 : 1) : a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
    metrics.sort(sorter(sortBy, (m) => podTotal(m).cpu, (m) => podTotal(m).memory, byName));
    let cpuSum = 0;
    let memSum = 0;
    for (const m of metrics) {
      const total = podTotal(m);
      cpuSum += total.cpu;
      memSum += total.memory;
      if (containers) {
        const list = [...m.containers].sort(sorter(sortBy, (c) => cpuMilli(c.usage), (c) => memoryBytes(c.usage), (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
        for (const c of list) rows.push([...(all ? [m.metadata.namespace] : []), m.metadata.name, c.name, ...usageCells(cpuMilli(c.usage), memoryBytes(c.usage))]);
      } else {
        rows.push([...(all ? [m.metadata.namespace] : []), m.metadata.name, ...usageCells(total.cpu, total.memory)]);
      }
    }
    if (flags.bool('sum')) {
      // printPodResourcesSum's width counts the NAMESPACE and POD columns only when headers print.
      const width = 3 + (flags.bool('no-headers') ? 0 : (all ? 1 : 0) + (containers ? 1 : 0));
      rows.push([...Array<string>(width - 2).fill(''), '________', '________']);
      rows.push([...Array<string>(width - 3).fill(''), '', ...usageCells(cpuSum, memSum)]);
    }
    env.out(table(rows));
    return 0;
  },
};

const topNode: KubectlCommand = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  flags: [
    { name: 'no-headers', type: 'bool', usage: 'If present, print output without headers' },
    { name: 'selector', short: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'." },
    { name: 'show-capacity', type: 'bool', usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' },
    { name: 'show-swap', type: 'bool', usage: 'Print node resources related to swap memory.' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'." },
    { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Enables using protocol-buffers to access Metrics API.' },
  ],
  *run(flags, env) {
    validateSortBy(flags);
    const name = flags.args[0] ?? '';
    const selector = flags.string('selector');
    if (name && selector) throw new Error('only one of NAME or --selector can be provided');
    const metrics: NodeMetrics[] = name ? [getNodeMetrics(env.api, name)] : listNodeMetrics(env.api, selector || undefined);
    if (metrics.length === 0) throw new Error('metrics not available yet');
    const nodes = name ? [env.api.get('nodes', undefined, name)] : env.api.list('nodes', { labelSelector: selector || undefined }).items;
    const available = new Map<string, Record<string, string>>(nodes.map((n) => [n.metadata.name, (flags.bool('show-capacity') ? n.status?.capacity : n.status?.allocatable) ?? {}]));
    const sortBy = flags.string('sort-by');
    metrics.sort(sorter(sortBy, (m) => cpuMilli(m.usage), (m) => memoryBytes(m.usage), (a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0)));
    const rows: string[][] = [];
    if (!flags.bool('no-headers')) rows.push(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    const percent = (used: number, avail: string | undefined) => {
      if (avail === undefined) return [];
      const a = toMilli(avail);
      return [`${a === 0 ? 0 : Math.trunc((used / a) * 100)}%`];
    };
    for (const m of metrics) {
      const avail = available.get(m.metadata.name);
      const cpu = cpuMilli(m.usage);
      const mem = memoryBytes(m.usage);
      const [cpuCell, memCell] = usageCells(cpu, mem);
      rows.push([m.metadata.name, cpuCell, ...(avail ? percent(cpu, avail.cpu) : []), memCell, ...(avail ? percent(mem * 1000, avail.memory) : [])]);
      available.delete(m.metadata.name);
    }
    for (const n of [...available.keys()].sort()) rows.push([n, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
    env.out(table(rows));
    return 0;
  },
};

export const top: KubectlCommand = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  flags: [],
  subcommands: [topNode, topPod],
};

