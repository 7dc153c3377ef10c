/** Help text in kubectl's layout: a short description, then the flags. */
import type { KubectlCommand } from './command';

const GROUPS: [string, string[]][] = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
  ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale', 'autoscale']],
  ['Cluster Management Commands', ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events']],
  ['Advanced Commands', ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize']],
  ['Settings Commands', ['label', 'annotate', 'completion']],
  ['Other Commands', ['api-resources', 'api-versions', 'config', 'plugin', 'version']],
];

export function topLevelHelp(commands: KubectlCommand[]): string {
  const lines = ['kubectl controls the Kubernetes cluster manager.', '', ' Find more information at: https://kubernetes.io/docs/reference/kubectl/', ''];
  for (const [title, names] of GROUPS) {
    const present = names.map((n) => commands.find((c) => c.name === n)).filter((c): c is KubectlCommand => !!c);
    if (present.length === 0) continue;
    lines.push(`${title}:`);
    for (const c of present) lines.push(`  ${c.name.padEnd(14)}  ${c.short}`);
    lines.push('');
  }
  lines.push('Usage:', '  kubectl [flags] [options]', '', 'Use "kubectl <command> --help" for more information about a given command.');
  return lines.join('\n') + '\n';
}

export function helpText(path: string, command: KubectlCommand): string {
  const lines = [command.short, ''];
  if (command.subcommands) {
    lines.push('Available Commands:');
    for (const c of command.subcommands) lines.push(`  ${c.name.padEnd(14)}  ${c.short}`);
    lines.push('');
  }
  const flags = command.flags.filter((f) => !f.hidden);
  if (flags.length) {
    lines.push('Options:');
    for (const f of flags) {
      const names = f.short ? `-${f.short}, --${f.name}` : `    --${f.name}`;
      const def = f.default !== undefined && f.type !== 'bool' && f.default !== '' ? `=${Array.isArray(f.default) ? '[]' : f.default}` : f.type === 'bool' ? '=false' : '';
      lines.push(`    ${names}${def}:`, `\t${f.usage ?? ''}`, '');
    }
  }
  lines.push('Usage:', `  ${path} [options]`, '', 'Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return lines.join('\n') + '\n';
}
