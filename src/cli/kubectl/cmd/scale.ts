import { isApiError } from '../../../engine/api/errors';
import { conflict } from '../../../engine/api/errors';
import { nameOf, selectObjects } from '../builder';
import { UsageError, type KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import { dryRunSuffix } from './cordon';

const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'replicationcontrollers']);

export const scale: KubectlCommand = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  flags: [
    { name: 'replicas', type: 'int', default: -1, usage: 'The new desired number of replicas. Required.' },
    { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size.' },
    { name: 'resource-version', type: 'string', usage: 'Precondition for resource version.' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on' },
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files identifying the resource to set a new size' },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before giving up on a scale operation.' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: name.' },
  ],
  *run(flags, env) {
    if (!flags.changed('replicas')) throw new Error('required flag(s) "replicas" not set');
    const replicas = flags.int('replicas');
    if (replicas < 0) throw new UsageError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    if (flags.args.length === 0) throw new UsageError('Required resource not specified.');
    const sel = selectObjects(env, flags.args, { selector: flags.string('selector') || undefined, all: flags.bool('all') });
    if (sel.typesWithoutNames.length) throw new UsageError('resource(s) were provided, but no name was specified');
    let status = 0;
    // kubectl's builder stops at a missing object: nothing is scaled, and the error says so.
    if (sel.errors.length) throw new Error(`no objects passed to scale ${(sel.errors[0] as Error).message}`);
    const dry = dryRunSuffix(flags.string('dry-run'));
    for (const f of sel.found) {
      try {
        if (!SCALABLE.has(f.resource)) throw new Error(`cannot scale ${nameOf(f)}: the server could not find the requested resource`);
        const current = f.object.spec?.replicas ?? 1;
        if (flags.int('current-replicas') >= 0 && flags.int('current-replicas') !== current) {
          throw new Error(`Expected replicas to be ${flags.int('current-replicas')}, was ${current}`);
        }
        const rv = flags.string('resource-version');
        if (rv && rv !== f.object.metadata.resourceVersion) throw conflict(f.resource, f.object.metadata.name, 'the object has been modified; please apply your changes to the latest version and try again');
        if (!dry) env.api.patch(f.resource, f.object.metadata.namespace, f.object.metadata.name, 'merge', { spec: { replicas } }, { fieldManager: 'kubectl', fieldSubresource: 'scale' });
        env.out(flags.string('output') === 'name' ? `${nameOf(f)}\n` : `${nameOf(f)} scaled${dry}\n`);
      } catch (e) {
        if (!(e instanceof Error) && !isApiError(e)) throw e;
        env.err(kubectlErrorText(e) + '\n');
        status = 1;
      }
    }
    return status;
  },
};
