/**
 * `kubectl apply -f`: client-side apply with the last-applied-configuration annotation, or
 * `--server-side` (field ownership on the server; `--force-conflicts`, `--field-manager`).
 */
import { UsageError, type KubectlCommand } from '../command';
import { kubectlErrorText } from '../errors';
import { applyFromFiles } from './fromFiles';
import { setLastApplied, viewLastApplied } from './applyLastApplied';

export const apply: KubectlCommand = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'The files that contain the configurations to apply.' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format.' },
    { name: 'kustomize', short: 'k', type: 'string', usage: 'Process a kustomization directory.' },
    { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
    { name: 'force-conflicts', type: 'bool', usage: 'If true, server-side apply will force the changes against conflicts.' },
    { name: 'field-manager', type: 'string', usage: 'Name of the manager used to track field ownership.' },
    { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  ],
  subcommands: [viewLastApplied, setLastApplied],
  *run(flags, env) {
    if (flags.string('kustomize')) throw new Error('kustomize is not available in the sandbox');
    if (flags.strings('filename').length === 0) throw new Error('must specify one of -f and -k');
    if (flags.args.length > 0) throw new UsageError(`Unexpected args: [${flags.args.join(' ')}]`);
    try {
      return applyFromFiles(env, flags);
    } catch (e) {
      env.err(kubectlErrorText(e) + '\n');
      return 1;
    }
  },
};
