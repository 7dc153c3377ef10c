/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] [-q] -- COMMAND [args...]`, as
 * kubectl 1.34's pkg/cmd/exec does it: the pod (or the first active pod of a controller or
 * Service), the default container (the `kubectl.kubernetes.io/default-container` annotation,
 * else the first, with the "Defaulted container" notice), then the pods/exec subresource served
 * by the node's kubelet (engine kubelet/exec.ts). A non-zero exit is reported as
 * `command terminated with exit code N` and becomes kubectl's own exit code.
 *
 * Standard input: with `-i`, a pipe or heredoc is given whole; the page's terminal is read a line
 * at a time (`stdin.readLine` calls the Worker answers), so `-it … -- sh` is an interactive shell.
 * `-t` needs `-i` and a terminal; without one kubectl warns and goes on without a TTY.
 */
import type { KubeObject } from '../../../engine/objects';
import type { ShellEffect } from '../../../engine/shell/types';
import { BackendError, ExecStreamError, type ExecOptions } from '../../../engine/kubelet/exec';
import { UsageError, type CommandEnv, type KubectlCommand } from '../command';
import type { Flags } from '../flags';
import { resolveResource } from '../resolve';

/** What kubectl exec needs from the kubelets (the `kubelet` component). */
export interface ExecTarget {
  exec(namespace: string, pod: string, container: string, command: string[], opts: ExecOptions): Generator<ShellEffect, number, unknown>;
}

export const exec: KubectlCommand = {
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [
    { name: 'container', short: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only print output from the remote session' },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Stdin is a TTY' },
  ],
  run: runExec,
};

function* runExec(flags: Flags, env: CommandEnv): Generator<ShellEffect, number, unknown> {
  const positional = flags.args;
  const command = flags.dashArgs;
  // cobra's ArgsLenAtDash: the operands before `--`; without `--`, kubectl 1.34 refuses extra operands.
  if (command === undefined && positional.length > 1) throw new UsageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  const resource = positional[0];
  if (!resource) throw new Error('pod, type/name or --filename must be specified');
  if (!command || command.length === 0) throw new Error('you must specify at least one command for the container');
  const quiet = flags.bool('quiet');
  const pod = podFor(env, resource);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new Error(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = flags.string('container') || defaultContainer(pod, quiet, env);
  const stdin = flags.bool('stdin');
  let tty = stdin && flags.bool('tty');
  if (tty && !env.stdinTerminal) {
    tty = false;
    if (!quiet) env.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  const opts: ExecOptions = { tty };
  if (stdin && env.stdinTerminal) opts.live = true;
  else if (stdin) opts.stdin = env.stdin;
  const kubelet = env.sim.component('kubelet') as unknown as ExecTarget | undefined;
  if (!kubelet) throw new Error('no kubelet is running in this cluster');
  let status: number;
  try {
    status = yield* relay(kubelet.exec(pod.metadata.namespace!, pod.metadata.name, container, command, opts), tty);
  } catch (e) {
    if (e instanceof ExecStreamError && e.stage === 'upgrade') throw new Error(`unable to upgrade connection: ${e.message}`);
    if (!(e instanceof BackendError)) throw e;
    env.err(`Error from server: ${e.message}\n`);
    return 1;
  }
  if (status !== 0) {
    env.err(`command terminated with exit code ${status}\n`);
    return status;
  }
  return 0;
}

/** Streams the session: with a TTY both streams arrive on stdout, as through a terminal. */
function* relay(session: Generator<ShellEffect, number, unknown>, tty: boolean): Generator<ShellEffect, number, unknown> {
  let reply: unknown;
  for (;;) {
    const r = session.next(reply);
    if (r.done) return r.value;
    const e = r.value;
    reply = yield tty && e.type === 'stderr' ? { type: 'stdout', text: e.text } : e;
  }
}

/** podcmd.FindOrDefaultContainerByName with an empty name. */
function defaultContainer(pod: KubeObject, quiet: boolean, env: CommandEnv): string {
  const containers: { name: string }[] = pod.spec?.containers ?? [];
  if (containers.length === 0) throw new Error(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && containers.some((c) => c.name === annotated)) return annotated;
  const inits: { name: string }[] = pod.spec?.initContainers ?? [];
  const ephemeral: { name: string }[] = pod.spec?.ephemeralContainers ?? [];
  if (!quiet && (containers.length > 1 || inits.length > 0 || ephemeral.length > 0)) {
    const all = [...containers.map((c) => c.name), ...ephemeral.map((c) => `${c.name} (ephem)`), ...inits.map((c) => `${c.name} (init)`)];
    env.err(`Defaulted container "${containers[0].name}" out of: ${all.join(', ')}\n`);
  }
  return containers[0].name;
}

/** The pod to exec into: `web`, `pod/web`, or the most active pod of `deploy/web`, `svc/web`… */
function podFor(env: CommandEnv, arg: string): KubeObject {
  const slash = arg.indexOf('/');
  if (slash < 0) return env.api.get('pods', env.namespace, arg);
  const type = resolveResource(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (type.plural === 'pods') return env.api.get('pods', env.namespace, name);
  const owner = env.api.get(type.group ? `${type.plural}.${type.group}` : type.plural, env.namespace, name);
  const selector = (type.plural === 'services' ? owner.spec?.selector : owner.spec?.selector?.matchLabels) as Record<string, string> | undefined;
  if (!selector || Object.keys(selector).length === 0) throw new Error(`cannot attach to ${owner.kind}: selector for ${arg} not implemented`);
  const labelSelector = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = env.api.list('pods', { namespace: env.namespace, labelSelector }).items.filter((p) => !p.metadata.deletionTimestamp);
  if (pods.length === 0) throw new Error('timed out waiting for the condition');
  return [...pods].sort(mostActiveFirst)[0];
}

/** sort.Reverse(podutils.ActivePods): bound, Running, ready, fewer restarts, older first. */
function mostActiveFirst(a: KubeObject, b: KubeObject): number {
  const rank = (p: KubeObject) => [
    p.spec?.nodeName ? 0 : 1,
    { Running: 0, Unknown: 1, Pending: 2 }[p.status?.phase as string] ?? 3,
    (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True') ? 0 : 1,
    Math.max(0, ...(p.status?.containerStatuses ?? []).map((s: { restartCount: number }) => s.restartCount)),
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
  return (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '');
}
