/**
 * Whether a check or prediction command only reads: it must parse, and every command in it must
 * be a kubectl read verb or a text tool. Checks run every time the cluster changes; one that
 * wrote would change what it measures.
 */
import { parseScript } from '../engine/shell/parser';
import { ShellSyntaxError, syntaxMessage } from '../engine/shell/syntaxError';
import type { SimpleCommand } from '../engine/shell/ast';
import { compoundKinds, literalWord, simpleCommands } from './commandAst';

const TEXT_TOOLS = ['grep', 'head', 'tail', 'wc', 'sort', 'cut', 'uniq', 'awk', 'echo', 'tr'];
const KUBECTL_READS = ['get', 'describe', 'logs', 'api-resources', 'api-versions', 'version', 'cluster-info', 'top', 'events', 'explain'];
const KUBECTL_READ_SUBVERBS: Record<string, string[]> = {
  config: ['view', 'current-context', 'get-contexts'],
  rollout: ['status', 'history'],
  auth: ['can-i', 'whoami'],
};
/** kubectl's global flags that take a separate value (`-n shop`). */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '--request-timeout', '-v', '-s', '--server']);

/** Why the command does not parse in the command language, or undefined when it does. */
export function syntaxProblem(command: string): string | undefined {
  try {
    parseScript(command);
    return undefined;
  } catch (e) {
    if (e instanceof ShellSyntaxError) return `does not parse: ${syntaxMessage(e.problem, 'bash')}`;
    throw e;
  }
}

/** Why the command is not an acceptable read-only command, or undefined when it is. */
export function readOnlyProblem(command: string): string | undefined {
  const syntax = syntaxProblem(command);
  if (syntax) return syntax;
  const script = parseScript(command);
  if (script.body.length === 0) return 'is empty';
  const compound = compoundKinds(script);
  if (compound.length) return `uses "${compound[0]}": a check is a pipeline of read-only commands (kubectl get/describe/logs/… | grep, wc, …)`;
  for (const cmd of simpleCommands(script)) {
    const why = commandProblem(cmd);
    if (why) return why;
  }
  return undefined;
}

function commandProblem(cmd: SimpleCommand): string | undefined {
  if (cmd.assigns.length) return `sets a variable (${cmd.assigns[0].name}=…); checks only read`;
  for (const r of cmd.redirects) {
    const target = literalWord(r.target);
    const harmless = r.op === '>&' || r.op === '<<' || r.op === '<<-' || ((r.op === '>' || r.op === '>>') && target === '/dev/null');
    if (!harmless) return `redirects to a file (${r.op} ${r.target.raw}); checks only read`;
  }
  if (cmd.words.length === 0) return undefined;
  const name = literalWord(cmd.words[0]);
  if (name === undefined) return `runs a command whose name is computed (${cmd.words[0].raw}); name it plainly`;
  if (name === 'kubectl' || name === 'k') return kubectlProblem(cmd.words.slice(1).map((w) => literalWord(w) ?? w.raw));
  if (TEXT_TOOLS.includes(name)) return undefined;
  return `runs "${name}", which a check may not: use kubectl read verbs (${KUBECTL_READS.join(', ')}, config view, rollout status|history, auth can-i) and text tools (${TEXT_TOOLS.join(', ')})`;
}

function kubectlProblem(args: string[]): string | undefined {
  const positionals: string[] = [];
  for (let i = 0; i < args.length && positionals.length < 2; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      if (VALUE_FLAGS.has(a)) i++;
      continue;
    }
    positionals.push(a);
  }
  const [verb, sub] = positionals;
  if (verb === undefined) return 'runs kubectl without a verb';
  if (KUBECTL_READS.includes(verb)) return undefined;
  const subs = KUBECTL_READ_SUBVERBS[verb];
  if (subs && sub !== undefined && subs.includes(sub)) return undefined;
  if (subs) return `runs "kubectl ${verb}${sub ? ` ${sub}` : ''}", which changes things; of ${verb} only ${subs.join(', ')} may be used in a check`;
  return `runs "kubectl ${verb}", which is not a read: a check may use kubectl ${KUBECTL_READS.join(', ')}, config view, rollout status|history, auth can-i`;
}
