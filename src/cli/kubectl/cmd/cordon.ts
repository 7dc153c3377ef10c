import { isApiError } from '../../../engine/api/errors';
import type { KubeObject } from '../../../engine/objects';
import { selectObjects } from '../builder';
import { UsageError, type CommandEnv, type KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import type { Flags } from '../flags';

const FLAGS = [
  { name: 'selector', short: 'l', type: 'string' as const, usage: 'Selector (label query) to filter on' },
  { name: 'dry-run', type: 'string' as const, default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
];

/** Sets spec.unschedulable on the named nodes; shared by cordon, uncordon and drain. */
export function setUnschedulable(env: CommandEnv, flags: Flags, unschedulable: boolean): { nodes: KubeObject[]; status: number } {
  if (flags.args.length === 0 && !flags.string('selector')) throw new UsageError('USAGE: ' + (unschedulable ? 'cordon' : 'uncordon') + ' NODE [flags]');
  const sel = selectObjects(env, ['nodes', ...flags.args], { selector: flags.string('selector') || undefined });
  let status = 0;
  const verb = unschedulable ? 'cordoned' : 'uncordoned';
  const dry = dryRunSuffix(flags.string('dry-run'));
  for (const e of sel.errors) {
    env.err(kubectlErrorText(e) + '\n');
    status = 1;
  }
  const nodes: KubeObject[] = [];
  for (const f of sel.found) {
    const node = f.object;
    nodes.push(node);
    if (!!node.spec?.unschedulable === unschedulable) {
      env.out(`node/${node.metadata.name} already ${verb}${dry}\n`);
      continue;
    }
    try {
      if (!dry) env.api.patch('nodes', undefined, node.metadata.name, 'strategic', { spec: { unschedulable: unschedulable ? true : null } }, { fieldManager: 'kubectl' });
      env.out(`node/${node.metadata.name} ${verb}${dry}\n`);
    } catch (e) {
      if (!isApiError(e)) throw e;
      env.err(kubectlErrorText(e) + '\n');
      status = 1;
    }
  }
  return { nodes, status };
}

export function dryRunSuffix(value: string): string {
  if (value === 'client' || value === 'unchanged') return ' (dry run)';
  if (value === 'server') return ' (server dry run)';
  if (value !== 'none' && value !== '') throw new Error(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  return '';
}

export const cordon: KubectlCommand = {
  name: 'cordon',
  short: 'Mark node as unschedulable',
  flags: FLAGS,
  *run(flags, env) {
    return setUnschedulable(env, flags, true).status;
  },
};

export const uncordon: KubectlCommand = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  flags: FLAGS,
  *run(flags, env) {
    return setUnschedulable(env, flags, false).status;
  },
};
