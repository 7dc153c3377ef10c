/** `kubectl create`: from files, or the `deployment` and `namespace` generators. */
import type { KubeObject } from '../../../engine/objects';
import { type CommandEnv, type KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import type { Flags } from '../flags';
import { outputFormat, printObjects } from '../printers/output';
import { dryRunSuffix } from './cordon';
import { deploymentObject } from './generators';
import { createFromFiles } from './fromFiles';
import { createService } from './createService';
import { DATA_GENERATORS } from './createData';

const DRY_RUN = { name: 'dry-run', type: 'string' as const, default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' };
const OUTPUT = { name: 'output', short: 'o', type: 'string' as const, usage: 'Output format.' };

/** Sends a generated object, or prints it for `--dry-run=client -o yaml`. */
export function createGenerated(env: CommandEnv, flags: Flags, resource: string, obj: KubeObject, kindName: string, failVerb?: string): number {
  const dryRun = flags.string('dry-run');
  const suffix = dryRunSuffix(dryRun);
  const o = flags.string('output');
  let result = obj;
  if (dryRun !== 'client' && dryRun !== 'unchanged') {
    try {
      const namespaced = resource !== 'namespaces';
      const toSend = namespaced ? { ...obj, metadata: { ...obj.metadata, namespace: obj.metadata.namespace ?? env.namespace } } : obj;
      result = env.api.create(resource, toSend, { dryRun: dryRun === 'server', fieldManager: 'kubectl-create' });
    } catch (e) {
      // create_deployment.go wraps any error with %v (`failed to create deployment: ...`), so even
      // an Invalid one prints as plain text; create namespace returns the API error as it is.
      if (failVerb && e instanceof Error) {
        env.err(`error: failed to create ${failVerb}: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }
  if (o && o !== 'name') {
    env.out(printObjects([result], true, { format: outputFormat(o), noHeaders: false, showLabels: false, labelColumns: [], showKind: false, withNamespace: false, sortBy: '', now: env.now(), readFile: (p) => env.host.fs.read(p) }));
  } else env.out(o === 'name' ? `${kindName}/${obj.metadata.name}\n` : `${kindName}/${obj.metadata.name} created${suffix}\n`);
  return 0;
}

const createDeployment: KubectlCommand = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  flags: [
    { name: 'image', type: 'stringArray', usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'replicas', short: 'r', type: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
    DRY_RUN,
    OUTPUT,
  ],
  *run(flags, env) {
    if (flags.args.length === 0) throw new Error('NAME is required');
    if (flags.strings('image').length === 0) throw new Error('required flag(s) "image" not set');
    if (flags.args.length > 1 && !flags.dashArgs) throw new Error(`exactly one NAME is required, got ${flags.args.length}`);
    const obj = deploymentObject({
      name: flags.args[0],
      images: flags.strings('image'),
      replicas: flags.int('replicas'),
      port: flags.changed('port') ? flags.int('port') : undefined,
      command: flags.dashArgs,
      namespace: env.namespaceExplicit ? env.namespace : undefined,
    });
    return createGenerated(env, flags, 'deployments.apps', obj, 'deployment.apps', 'deployment');
  },
};

const createNamespace: KubectlCommand = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  flags: [DRY_RUN, OUTPUT],
  *run(flags, env) {
    if (flags.args.length !== 1) throw new Error('exactly one NAME is required, got ' + flags.args.length);
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: flags.args[0] }, spec: {}, status: {} };
    return createGenerated(env, flags, 'namespaces', obj, 'namespace');
  },
};

export const create: KubectlCommand = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files to use to create the resource' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
    DRY_RUN,
    OUTPUT,
  ],
  subcommands: [createDeployment, createNamespace, createService, ...DATA_GENERATORS],
  *run(flags, env) {
    if (flags.strings('filename').length === 0) {
      if (flags.args.length > 0) throw new Error(`unknown command "${flags.args[0]}" for "kubectl create"`);
      env.err(`error: must specify one of -f and -k\n`);
      return 1;
    }
    try {
      return createFromFiles(env, flags);
    } catch (e) {
      env.err(kubectlErrorText(e) + '\n');
      return 1;
    }
  },
};
