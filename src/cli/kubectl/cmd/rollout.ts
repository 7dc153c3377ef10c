/**
 * `kubectl rollout`: status, history, undo, pause, resume and restart — for Deployments (the
 * workloads this sandbox runs today); other kinds get kubectl's "not implemented" answers.
 */
import { kindPrefix } from '../../../engine/api/resources';
import type { ShellEffect } from '../../../engine/shell/types';
import { formatRFC3339 } from '../../../engine/util/time';
import { nameOf, selectObjects, type Found } from '../builder';
import { UsageError, type CommandEnv, type KubectlCommand } from '../command';
import type { Flags } from '../flags';
import { describePodTemplate } from '../describe/podTemplate';
import { tabbedString } from '../describe/writer';
import { rolloutStatus } from './rolloutStatus';
import { ownedReplicaSets, revisionOf, undo } from './rolloutUndo';

function targets(env: CommandEnv, flags: Flags, verb: string): Found[] {
  if (flags.args.length === 0 && !flags.string('selector'))
    throw new Error(`required resource not specified`);
  const sel = selectObjects(env, flags.args, { selector: flags.string('selector') || undefined });
  if (sel.errors.length) throw sel.errors[0];
  if (sel.typesWithoutNames.length) throw new UsageError(`resource(s) were provided, but no name was specified`);
  for (const f of sel.found) {
    if (f.resource !== 'deployments.apps') throw new Error(`${verb} is not supported on ${f.type.plural}.${f.type.group || ''}`.replace(/\.$/, ''));
  }
  return sel.found;
}

const SELECTOR = { name: 'selector', short: 'l', type: 'string' as const, usage: 'Selector (label query) to filter on' };

const status: KubectlCommand = {
  name: 'status',
  short: 'Show the status of the rollout',
  flags: [
    { name: 'watch', short: 'w', type: 'bool', default: true, usage: 'Watch the status of the rollout until it\'s done.' },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before ending watch, zero means never.' },
    { name: 'revision', type: 'int', default: 0, usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
    SELECTOR,
  ],
  *run(flags, env): Generator<ShellEffect, number, unknown> {
    const [f] = targets(env, flags, 'status');
    return yield* rolloutStatus(env, f, { watch: flags.bool('watch'), timeout: flags.string('timeout'), revision: flags.int('revision') });
  },
};

const history: KubectlCommand = {
  name: 'history',
  short: 'View rollout history',
  flags: [{ name: 'revision', type: 'int', default: 0, usage: 'See the details, including podTemplate of the revision specified' }, SELECTOR],
  *run(flags, env) {
    for (const f of targets(env, flags, 'history')) {
      const sets = ownedReplicaSets(env, f.object).sort((a, b) => revisionOf(a) - revisionOf(b));
      if (sets.length === 0) {
        env.out(`No rollout history found.\n`);
        continue;
      }
      const wanted = flags.int('revision');
      if (wanted > 0) {
        const rs = sets.find((r) => revisionOf(r) === wanted);
        if (!rs) throw new Error(`unable to find the specified revision`);
        env.out(`${nameOf(f)} with revision #${wanted}\n${tabbedString((w) => describePodTemplate(rs.spec.template, w))}\n`);
        continue;
      }
      let table = `${nameOf(f)} \n`;
      const rows = [['REVISION', 'CHANGE-CAUSE'], ...sets.map((rs) => [String(revisionOf(rs)), rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'])];
      const width = Math.max(...rows.map((r) => r[0].length)) + 2;
      for (const r of rows) table += r[0].padEnd(width) + r[1] + '\n';
      env.out(table + '\n');
    }
    return 0;
  },
};

const undoCommand: KubectlCommand = {
  name: 'undo',
  short: 'Undo a previous rollout',
  flags: [
    { name: 'to-revision', type: 'int', default: 0, usage: 'The revision to rollback to. Default to 0 (last revision).' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
    SELECTOR,
  ],
  *run(flags, env) {
    for (const f of targets(env, flags, 'undo')) env.out(`${nameOf(f)} ${undo(env, f.object, flags.int('to-revision'))}\n`);
    return 0;
  },
};

function pauseLike(name: 'pause' | 'resume', paused: boolean): KubectlCommand {
  return {
    name,
    short: paused ? 'Mark the provided resource as paused' : 'Resume a paused resource',
    flags: [SELECTOR],
    *run(flags, env) {
      for (const f of targets(env, flags, name)) {
        if (!!f.object.spec?.paused === paused) {
          env.out(`${nameOf(f)} already ${paused ? 'paused' : 'resumed'}\n`);
          continue;
        }
        env.api.patch(f.resource, f.object.metadata.namespace, f.object.metadata.name, 'strategic', { spec: { paused: paused ? true : null } }, { fieldManager: 'kubectl-rollout' });
        env.out(`${nameOf(f)} ${paused ? 'paused' : 'resumed'}\n`);
      }
      return 0;
    },
  };
}

const restart: KubectlCommand = {
  name: 'restart',
  short: 'Restart a resource',
  flags: [SELECTOR],
  *run(flags, env) {
    for (const f of targets(env, flags, 'restart')) {
      if (f.object.spec?.paused) throw new Error(`can't restart paused deployment (run rollout resume first)`);
      env.api.patch(f.resource, f.object.metadata.namespace, f.object.metadata.name, 'strategic', {
        spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': formatRFC3339(env.now()) } } } },
      }, { fieldManager: 'kubectl-rollout' });
      env.out(`${kindPrefix(f.type)}/${f.object.metadata.name} restarted\n`);
    }
    return 0;
  },
};

export const rollout: KubectlCommand = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  flags: [],
  subcommands: [history, pauseLike('pause', true), restart, pauseLike('resume', false), status, undoCommand],
};

