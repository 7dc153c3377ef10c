/**
 * `kubectl run`: generates a Pod and creates it. With `-i` (or `--attach`) it waits for the
 * container, prints its output and, with `--rm`, deletes the pod afterwards — enough for the
 * `kubectl run --rm -i --restart=Never ... -- sh -c '...'` one-liners of the docs.
 */
import { mergePatch } from '../../../engine/api/patch';
import type { KubeObject } from '../../../engine/objects';
import type { ShellEffect } from '../../../engine/shell/types';
import { UsageError, waitFor, type CommandEnv, type KubectlCommand } from '../command';
import type { Flags } from '../flags';
import { outputFormat, printObjects } from '../printers/output';
import { dryRunSuffix } from './cordon';
import { deletedText } from './delete';
import { podObject } from './generators';
import { containerLogs } from './logs';

export const run: KubectlCommand = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  flags: [
    { name: 'image', type: 'string', usage: 'The image for the container to run.' },
    { name: 'restart', type: 'string', default: 'Always', usage: 'The restart policy for this Pod. Legal values [Always, OnFailure, Never].' },
    { name: 'labels', short: 'l', type: 'string', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
    { name: 'port', type: 'string', usage: 'The port that this container exposes.' },
    { name: 'command', type: 'bool', usage: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' },
    { name: 'overrides', type: 'string', usage: 'An inline JSON override for the generated object.' },
    { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container.' },
    { name: 'annotations', type: 'stringArray', usage: 'Annotations to apply to the pod.' },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a TTY for the container in the pod.' },
    { name: 'attach', type: 'bool', usage: 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called.' },
    { name: 'rm', type: 'bool', usage: 'If true, delete the pod after it exits.' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format.' },
  ],
  run: runRun,
};

function* runRun(flags: Flags, env: CommandEnv): Generator<ShellEffect, number, unknown> {
  if (!flags.string('image')) throw new Error('required flag(s) "image" not set');
  const name = flags.args[0];
  if (!name) throw new UsageError('NAME is required for run');
  const restart = flags.string('restart');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new UsageError(`invalid restart policy: ${restart}`);
  const attach = flags.bool('attach') || flags.bool('stdin');
  if (flags.bool('rm') && !attach) throw new UsageError('--rm should only be used for attached containers');
  for (const e of flags.strings('env')) if (!e.includes('=')) throw new Error(`invalid env: ${e}`);
  let labels: Record<string, string> | undefined;
  if (flags.string('labels')) {
    labels = {};
    for (const part of flags.string('labels').split(',')) {
      const i = part.indexOf('=');
      if (i <= 0) throw new Error(`unexpected label spec: ${part}`);
      labels[part.slice(0, i)] = part.slice(i + 1);
    }
  }
  let pod = podObject({
    name,
    image: flags.string('image'),
    labels,
    env: flags.strings('env'),
    port: flags.string('port') || undefined,
    restart,
    command: flags.bool('command'),
    args: [...flags.args.slice(1), ...(flags.dashArgs ?? [])],
    imagePullPolicy: flags.string('image-pull-policy') || undefined,
    namespace: env.namespaceExplicit ? env.namespace : undefined,
    annotations: flags.strings('annotations'),
  });
  if (flags.string('overrides')) {
    let override: unknown;
    try {
      override = JSON.parse(flags.string('overrides'));
    } catch {
      throw new Error(`error: Invalid JSON Patch`);
    }
    pod = mergePatch(pod, override) as KubeObject;
  }
  const dryRun = flags.string('dry-run');
  const o = flags.string('output');
  const print = (obj: KubeObject) =>
    env.out(printObjects([obj], true, { format: outputFormat(o), noHeaders: false, showLabels: false, labelColumns: [], showKind: false, withNamespace: false, sortBy: '', now: env.now(), readFile: (p) => env.host.fs.read(p) }));
  if (dryRun === 'client' || dryRun === 'unchanged') {
    if (o && o !== 'name') print(pod);
    else env.out(`pod/${name} created${dryRunSuffix(dryRun)}\n`);
    return 0;
  }
  const created = env.api.create('pods', { ...pod, metadata: { ...pod.metadata, namespace: pod.metadata.namespace ?? env.namespace } }, { dryRun: dryRun === 'server', fieldManager: 'kubectl-run' });
  if (!attach) {
    if (o && o !== 'name') print(created);
    else env.out(`pod/${name} created${dryRunSuffix(dryRun)}\n`);
    return 0;
  }
  return yield* attachAndWait(env, flags, created);
}

/** `-i`/`--attach`: stream the container's output until it ends, then clean up with `--rm`. */
function* attachAndWait(env: CommandEnv, flags: Flags, pod: KubeObject): Generator<ShellEffect, number, unknown> {
  const ns = pod.metadata.namespace!;
  const name = pod.metadata.name;
  const current = () => env.api.tryGet('pods', ns, name);
  const finished = () => {
    const p = current();
    return !p || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed' || (p.status?.containerStatuses ?? []).some((c: any) => c.state?.terminated || c.lastState?.terminated);
  };
  yield* waitFor(env, finished, env.now() + 24 * 3600 * 1000);
  const p = current();
  if (p) env.out(containerLogs(env, p, undefined, { previous: false }).join(''));
  let status = 0;
  let failure = '';
  const terminated = p?.status?.containerStatuses?.[0]?.state?.terminated ?? p?.status?.containerStatuses?.[0]?.lastState?.terminated;
  if (terminated && terminated.exitCode !== 0) {
    // CodeExitError `pod NS/NAME terminated (REASON)\nMESSAGE`, printed once the deferred --rm is done.
    failure = `pod ${ns}/${name} terminated (${terminated.reason ?? 'Error'})\n${terminated.message ?? ''}`;
    status = terminated.exitCode;
  }
  if (flags.bool('rm') && p) {
    env.api.delete('pods', ns, name);
    yield* waitFor(env, () => current()?.metadata.uid !== p.metadata.uid, env.now() + 5 * 60 * 1000);
    env.out(`pod "${name}" ${deletedText(false, ns)}\n`);
  }
  if (failure) env.err(failure.endsWith('\n') ? failure : `${failure}\n`);
  return status;
}
