/**
 * `kubectl logs`: reads what the node's kubelet kept for a container, with kubectl's and the
 * kubelet's messages for pods that have no logs yet. `-f` follows until the container stops (or,
 * headless, until the cluster is quiet).
 */
import { badRequest } from '../../../engine/api/errors';
import type { KubeObject } from '../../../engine/objects';
import type { ShellEffect } from '../../../engine/shell/types';
import { parseGoDuration } from '../../../engine/util/duration';

import { UsageError, type CommandEnv, type KubectlCommand } from '../command';
import type { Flags } from '../flags';
import { resolveResource } from '../resolve';

/** What kubectl logs needs from the kubelets (the `kubelet` component). */
export interface LogSource {
  logs(namespace: string, pod: string, container: string, opts: { previous?: boolean; tailLines?: number; sinceTime?: number; timestamps?: boolean }): string[];
}

const USAGE = `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.
POD or TYPE/NAME is a required argument for the logs command`;

export const logs: KubectlCommand = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'container', short: 'c', type: 'string', usage: 'Print the logs of this container' },
    { name: 'follow', short: 'f', type: 'bool', usage: 'Specify if the logs should be streamed.' },
    { name: 'previous', short: 'p', type: 'bool', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'tail', type: 'int', default: -1, usage: 'Lines of recent log file to display.' },
    { name: 'timestamps', type: 'bool', usage: 'Include timestamps on each line in the log output' },
    { name: 'since', type: 'string', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h.' },
    { name: 'all-containers', type: 'bool', usage: 'Get all containers\' logs in the pod(s).' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
    { name: 'prefix', type: 'bool', usage: 'Prefix each log line with the log source (pod name and container name)' },
  ],
  run: runLogs,
};

function* runLogs(flags: Flags, env: CommandEnv): Generator<ShellEffect, number, unknown> {
  const args = flags.args;
  if (args.length === 0 && !flags.string('selector')) throw new UsageError(USAGE);
  if (args.length > 2) throw new UsageError(USAGE);
  let pods: KubeObject[];
  if (flags.string('selector')) {
    pods = env.api.list('pods', { namespace: env.namespace, labelSelector: flags.string('selector') }).items;
    if (pods.length === 0) {
      env.err(`No resources found in ${env.namespace} namespace.\n`);
      return 0;
    }
  } else pods = [podFor(env, args[0])];
  const opts = {
    previous: flags.bool('previous'),
    tail: flags.int('tail'),
    timestamps: flags.bool('timestamps'),
    since: flags.string('since') ? parseGoDuration(flags.string('since')) ?? undefined : undefined,
  };
  const containerFlag = flags.string('container') || args[1];
  for (const pod of pods) {
    const names = containersOf(pod);
    let containers: string[];
    if (flags.bool('all-containers')) containers = names;
    else if (containerFlag) {
      if (!names.includes(containerFlag)) throw badRequest(`container ${containerFlag} is not valid for pod ${pod.metadata.name}`);
      containers = [containerFlag];
    } else {
      const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
      containers = [annotated && names.includes(annotated) ? annotated : names[0]];
      if (names.length > 1 && !annotated) env.err(`Defaulted container "${containers[0]}" out of: ${names.join(', ')}\n`);
    }
    for (const c of containers) {
      const prefix = flags.bool('prefix') ? `[pod/${pod.metadata.name}/${c}] ` : '';
      env.out(containerLogs(env, pod, c, opts).map((l) => prefix + l).join(''));
    }
  }
  if (flags.bool('follow') && pods.length === 1) {
    // Headless, a follow is bounded: until the container stops, the cluster is quiet, or
    // --request-timeout (one minute of virtual time when not given).
    const limit = parseGoDuration(flags.string('request-timeout')) || 60_000;
    yield* follow(env, pods[0], containerFlag || containersOf(pods[0])[0], opts.timestamps, env.now() + limit);
  }
  return 0;
}

/** The pod a `logs` argument names: `web`, `pod/web`, `deployment/web`, `rs/web-x`. */
function podFor(env: CommandEnv, arg: string): KubeObject {
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const pod = env.api.tryGet('pods', env.namespace, arg);
    // kubectl logs words a missing pod its own way (polymorphichelpers.AttachablePodForObject).
    if (!pod) throw new Error(`error from server (NotFound): pods "${arg}" not found in namespace "${env.namespace}"`);
    return pod;
  }
  const type = resolveResource(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (type.plural === 'pods') return env.api.get('pods', env.namespace, name);
  const owner = env.api.get(type.group ? `${type.plural}.${type.group}` : type.plural, env.namespace, name);
  const selector = owner.spec?.selector?.matchLabels as Record<string, string> | undefined;
  const labelSelector = selector ? Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',') : '';
  const pods = env.api.list('pods', { namespace: env.namespace, labelSelector }).items.filter((p) => !p.metadata.deletionTimestamp);
  if (pods.length === 0) throw new Error(`timed out waiting for the condition`);
  // kubectl picks by its attachable-pod sort (running and ready first, then newest).
  const sorted = [...pods].sort((a, b) => rank(a) - rank(b));
  if (pods.length > 1) env.err(`Found ${pods.length} pods, using pod/${sorted[0].metadata.name}\n`);
  return sorted[0];
}

function rank(p: KubeObject): number {
  const running = p.status?.phase === 'Running' ? 0 : 1;
  const ready = (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True') ? 0 : 1;
  return running * 2 + ready;
}

function containersOf(pod: KubeObject): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c: { name: string }) => c.name);
}

export interface LogOptions {
  previous: boolean;
  tail?: number;
  timestamps?: boolean;
  since?: number;
}

function source(env: CommandEnv): LogSource {
  const kubelet = env.sim.component('kubelet') as unknown as LogSource | undefined;
  if (!kubelet) throw new Error('no kubelet is running in this cluster');
  return kubelet;
}

/** A container's log lines (each ending in a newline); the kubelet answers with the apiserver's errors. */
export function containerLogs(env: CommandEnv, pod: KubeObject, container: string | undefined, opts: LogOptions): string[] {
  const name = container ?? containersOf(pod)[0];
  return source(env)
    .logs(pod.metadata.namespace!, pod.metadata.name, name, {
      previous: opts.previous,
      tailLines: opts.tail,
      sinceTime: opts.since !== undefined ? env.now() - opts.since : undefined,
      timestamps: opts.timestamps,
    })
    .map((l) => l + '\n');
}

function* follow(env: CommandEnv, pod: KubeObject, container: string, timestamps: boolean, deadline: number): Generator<ShellEffect, void, unknown> {
  const read = () => {
    try {
      return source(env).logs(pod.metadata.namespace!, pod.metadata.name, container, { timestamps });
    } catch {
      return [];
    }
  };
  let seen = read().length;
  for (;;) {
    const live = env.api.tryGet('pods', pod.metadata.namespace, pod.metadata.name);
    const lines = read();
    env.out(lines.slice(seen).map((l) => l + '\n').join(''));
    seen = lines.length;
    const st = live?.status?.containerStatuses?.find((s: any) => s.name === container);
    if (!live || live.metadata.uid !== pod.metadata.uid || st?.state?.terminated) return;
    if (!env.host.interactive && (env.sim.isQuiet() || env.now() >= deadline)) return;
    const next = env.sim.nextActivity();
    const until = Math.min(env.now() + 60_000, next ?? env.now() + 1000, env.host.interactive ? Infinity : deadline);
    yield { type: 'sleep', ms: Math.max(1, until - env.now()) };
  }
}
