/**
 * `kubectl drain`: cordon, then evict every pod the filters allow (DaemonSet pods need
 * --ignore-daemonsets, bare pods --force, emptyDir pods --delete-emptydir-data), wait for them to
 * go, and report as kubectl's drain package does.
 */
import { isApiError } from '../../../engine/api/errors';
import type { KubeObject } from '../../../engine/objects';
import type { ShellEffect } from '../../../engine/shell/types';
import { parseGoDuration } from '../../../engine/util/duration';
import { UsageError, waitFor, type CommandEnv, type KubectlCommand } from '../command';
import type { Flags } from '../flags';
import { dryRunSuffix, setUnschedulable } from './cordon';

const DS_FATAL = 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DS_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_FATAL = 'cannot delete Pods with local storage (use --delete-emptydir-data to override)';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

interface Filtered {
  evict: KubeObject[];
  fatal: Map<string, string[]>;
  warnings: Map<string, string[]>;
}

function podsToEvict(env: CommandEnv, node: string, flags: Flags): Filtered {
  const result: Filtered = { evict: [], fatal: new Map(), warnings: new Map() };
  const add = (m: Map<string, string[]>, msg: string, pod: KubeObject) => m.set(msg, [...(m.get(msg) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);
  const pods = env.api.list('pods', { fieldSelector: `spec.nodeName=${node}`, labelSelector: flags.string('pod-selector') || undefined }).items;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      result.evict.push(pod);
      continue;
    }
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (owner?.kind === 'DaemonSet') {
      if (flags.bool('ignore-daemonsets')) add(result.warnings, DS_WARNING, pod);
      else add(result.fatal, DS_FATAL, pod);
      continue;
    }
    if (!owner) {
      if (flags.bool('force')) add(result.warnings, UNMANAGED_WARNING, pod);
      else {
        add(result.fatal, UNMANAGED_FATAL, pod);
        continue;
      }
    }
    if ((pod.spec?.volumes ?? []).some((v: any) => v.emptyDir) && !flags.bool('delete-emptydir-data')) {
      add(result.fatal, LOCAL_FATAL, pod);
      continue;
    }
    result.evict.push(pod);
  }
  return result;
}

const join = (m: Map<string, string[]>) => [...m].map(([msg, pods]) => `${msg}: ${pods.join(', ')}`);

export const drain: KubectlCommand = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  flags: [
    { name: 'ignore-daemonsets', type: 'bool', usage: 'Ignore DaemonSet-managed pods.' },
    { name: 'delete-emptydir-data', type: 'bool', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'force', type: 'bool', usage: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully.' },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before giving up, zero means infinite' },
    { name: 'pod-selector', type: 'string', usage: 'Label selector to filter pods on the node' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on' },
    { name: 'disable-eviction', type: 'bool', usage: 'Force drain to use delete, even if eviction is supported.' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  ],
  run: runDrain,
};

function* runDrain(flags: Flags, env: CommandEnv): Generator<ShellEffect, number, unknown> {
  if (flags.args.length === 0 && !flags.string('selector')) throw new UsageError('USAGE: drain NODE [flags]');
  const { nodes, status } = setUnschedulable(env, flags, true);
  if (status !== 0) return status;
  const pending: string[] = [];
  /** One entry per node that failed: its error, or its aggregate of errors. */
  const fatal: { errs: string[]; aggregate: boolean }[] = [];
  for (const node of nodes) {
    const name = node.metadata.name;
    const f = podsToEvict(env, name, flags);
    if (f.fatal.size > 0) {
      const errs = join(f.fatal);
      env.err(`error: unable to drain node "${name}" due to error: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}, continuing command...\n`);
      pending.push(name);
      fatal.push({ errs, aggregate: true });
      continue;
    }
    for (const w of join(f.warnings)) env.err(`Warning: ${w}\n`);
    const dry = dryRunSuffix(flags.string('dry-run'));
    if (dry) {
      // A dry run only says what it would evict.
      for (const pod of f.evict) env.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}${dry}\n`);
      env.out(`node/${name} drained${dry}\n`);
      continue;
    }
    if (!(yield* evictAll(env, flags, f.evict))) {
      pending.push(name);
      fatal.push({ errs: [`error when waiting for pod eviction`], aggregate: false });
      continue;
    }
    env.out(`node/${name} drained\n`);
  }
  if (pending.length === 0) return 0;
  env.err(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join('')}`);
  // RunDrain returns an aggregate of the nodes' errors; checkErr unwraps an aggregate of one and
  // prints an aggregate's errors one a line, without the `error: ` prefix. A node's pod-listing
  // errors are an aggregate themselves; a failed eviction is a plain error.
  const only = fatal.length === 1 ? fatal[0] : undefined;
  if (only && !only.aggregate) env.err(`error: ${only.errs[0]}\n`);
  else {
    const lines = only ? only.errs : fatal.map((f) => (f.errs.length === 1 ? f.errs[0] : `[${f.errs.join(', ')}]`));
    env.err(lines.map((l) => `${l}\n`).join(''));
  }
  return 1;
}

function* evictAll(env: CommandEnv, flags: Flags, pods: KubeObject[]): Generator<ShellEffect, boolean, unknown> {
  const grace = flags.int('grace-period');
  for (const pod of pods) {
    env.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`);
    try {
      env.api.delete('pods', pod.metadata.namespace, pod.metadata.name, grace >= 0 ? { gracePeriodSeconds: grace } : {});
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }
  const timeout = parseGoDuration(flags.string('timeout')) ?? 0;
  const deadline = env.now() + (timeout > 0 ? timeout : 7 * 24 * 3600 * 1000);
  const gone = new Set<string>();
  const check = () => {
    for (const pod of pods) {
      if (gone.has(pod.metadata.uid!)) continue;
      const live = env.api.tryGet('pods', pod.metadata.namespace, pod.metadata.name);
      if (!live || live.metadata.uid !== pod.metadata.uid) {
        gone.add(pod.metadata.uid!);
        env.out(`pod/${pod.metadata.name} evicted\n`);
      }
    }
    return gone.size === pods.length;
  };
  return yield* waitFor(env, check, deadline);
}
