/**
 * `kubectl config`: the sandbox has one kubeconfig with one context (the profile's cluster);
 * these verbs read it and switch the context's namespace.
 */
import { UsageError, type CommandEnv, type KubectlCommand } from '../command';
import type { Flags } from '../flags';
import { alignText, KUBECTL_GET_TABWRITER } from '../../../engine/util/tabwriter';

function contexts(env: CommandEnv, flags: Flags) {
  const c = env.host.context;
  if (flags.string('output') === 'name') {
    env.out(`${c.name}\n`);
    return 0;
  }
  const header = flags.bool('no-headers') ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
  const ns = env.host.namespace() === 'default' ? '' : env.host.namespace();
  env.out(alignText(`${header}*\t${c.name}\t${c.cluster}\t${c.user}\t${ns}\n`, KUBECTL_GET_TABWRITER));
  return 0;
}

function view(env: CommandEnv) {
  const c = env.host.context;
  const ns = env.host.namespace() === 'default' ? '' : `\n    namespace: ${env.host.namespace()}`;
  env.out(`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: ${c.server}
  name: ${c.cluster}
contexts:
- context:
    cluster: ${c.cluster}${ns}
    user: ${c.user}
  name: ${c.name}
current-context: ${c.name}
kind: Config
preferences: {}
users:
- name: ${c.user}
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
    token: REDACTED
`);
  return 0;
}

function* setContext(flags: Flags, env: CommandEnv) {
  const c = env.host.context;
  const name = flags.args[0];
  if (!flags.bool('current') && !name) throw new UsageError('you must specify a non-empty context name or --current');
  if (name && name !== c.name) throw new Error(`the sandbox has one context, "${c.name}"`);
  if (flags.changed('namespace')) env.host.setNamespace(flags.string('namespace') || 'default');
  env.out(`Context "${c.name}" modified.\n`);
  return 0;
}

const sub = (name: string, short: string, run: KubectlCommand['run'], flags: KubectlCommand['flags'] = []): KubectlCommand => ({ name, short, flags, run });

export const config: KubectlCommand = {
  name: 'config',
  short: 'Modify kubeconfig files',
  flags: [],
  subcommands: [
    sub('current-context', 'Display the current-context', function* (_f, env) {
      env.out(`${env.host.context.name}\n`);
      return 0;
    }),
    sub('get-contexts', 'Describe one or many contexts', function* (f, env) {
      return contexts(env, f);
    }, [
      { name: 'output', short: 'o', type: 'string' },
      { name: 'no-headers', type: 'bool' },
    ]),
    sub('get-clusters', 'Display clusters defined in the kubeconfig', function* (_f, env) {
      env.out(`NAME\n${env.host.context.cluster}\n`);
      return 0;
    }),
    sub('use-context', 'Set the current-context in a kubeconfig file', function* (f, env) {
      const name = f.args[0];
      if (!name) throw new UsageError('Unexpected args: []');
      if (name !== env.host.context.name) throw new Error(`no context exists with the name: "${name}"`);
      env.out(`Switched to context "${name}".\n`);
      return 0;
    }),
    sub('set-context', 'Set a context entry in kubeconfig', setContext, [{ name: 'current', type: 'bool', usage: 'Modify the current context' }]),
    sub('view', 'Display merged kubeconfig settings or a specified kubeconfig file', function* (_f, env) {
      return view(env);
    }, [
      { name: 'minify', type: 'bool' },
      { name: 'raw', type: 'bool' },
    ]),
  ],
};
