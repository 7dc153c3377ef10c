/**
 * Tab completion for the terminal, computed where the cluster lives: command names, kubectl verbs
 * and subcommands, resource kinds, flags, and the names of live objects. Pure: it reads what it is
 * given (a `CompletionSource`) and returns candidates; the page decides how to show them.
 */
import { completionWords } from '../engine/shell';
import type { ResourceType } from '../engine/api/resources';
import type { KubectlCommand } from '../cli/kubectl/command';
import type { FlagSpec } from '../cli/kubectl/flags';
import type { Completion } from '../protocol/messages';

export interface CompletionSource {
  /** Commands the shell knows (builtins and host commands). */
  commands: string[];
  kubectl: KubectlCommand[];
  globalFlags: FlagSpec[];
  resourceTypes: ResourceType[];
  /** Names of live objects of a resource (qualified name), in a namespace or cluster-wide. */
  names(resource: string, namespace: string | undefined): string[];
  /** The namespace kubectl uses without `-n`. */
  namespace: string;
  /** Files `-f` can read (the editor's buffers). */
  files(): string[];
}

/** Verbs whose first argument is a resource type (or TYPE/NAME) and the rest object names. */
const TYPED_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'status', 'history', 'undo', 'pause', 'resume', 'restart', 'image', 'env', 'resources']);
/** Verbs whose arguments are names of one resource. */
const NAMED_VERBS: Record<string, string> = { logs: 'pods', cordon: 'nodes', uncordon: 'nodes', drain: 'nodes' };
const OUTPUT_FORMATS = ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml'];

export function complete(line: string, cursor: number, src: CompletionSource): Completion {
  const { words, partial, start } = completionWords(line.slice(0, cursor));
  const pick = (all: Iterable<string>) => ({ start, candidates: [...new Set(all)].filter((c) => c.startsWith(partial)).sort() });
  if (words.length === 0) return pick(src.commands);
  const [cmd, ...args] = words;
  if (cmd === 'kubectl' || cmd === 'k') return pick(kubectlCandidates(args, partial, src));
  if (cmd === 'sim') return pick(simCandidates(args, src));
  return pick(src.files());
}

function kubectlCandidates(args: string[], partial: string, src: CompletionSource): string[] {
  const { command, positional, flagValueOf, namespace } = walk(args, src);
  const flags = [...(command?.flags ?? []), ...src.globalFlags].filter((f) => !f.hidden);
  if (flagValueOf) return flagValues(flagValueOf, src);
  if (partial.startsWith('-')) return flags.map((f) => `--${f.name}`);
  if (!command) return src.kubectl.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  if (command.subcommands && positional.length === 0) return command.subcommands.map((c) => c.name);
  const named = NAMED_VERBS[command.name];
  if (named) return src.names(named, named === 'nodes' ? undefined : namespace);
  if (!TYPED_VERBS.has(command.name)) return [];
  if (positional.length === 0) {
    const slash = partial.indexOf('/');
    if (slash < 0) return typeWords(src.resourceTypes);
    const typeWord = partial.slice(0, slash);
    const type = findType(typeWord, src.resourceTypes);
    return type ? namesOf(type, src, namespace).map((n) => `${typeWord}/${n}`) : [];
  }
  if (positional[0].includes('/')) return [];
  const type = findType(positional[0], src.resourceTypes);
  return type ? namesOf(type, src, namespace).filter((n) => !positional.includes(n)) : [];
}

/** Follows the words typed so far: which (sub)command, its positional arguments, a pending flag value. */
function walk(args: string[], src: CompletionSource) {
  let command: KubectlCommand | undefined;
  let list = src.kubectl;
  const positional: string[] = [];
  let namespace = src.namespace;
  let flagValueOf: FlagSpec | undefined;
  for (const a of args) {
    if (flagValueOf) {
      if (flagValueOf.name === 'namespace') namespace = a;
      flagValueOf = undefined;
      continue;
    }
    if (a.startsWith('-')) {
      const spec = findFlag(a, [...(command?.flags ?? []), ...src.globalFlags]);
      const eq = a.indexOf('=');
      if (spec?.name === 'namespace' && eq > 0) namespace = a.slice(eq + 1);
      if (spec && spec.type !== 'bool' && spec.noOptDefault === undefined && eq < 0 && !/^-[a-zA-Z]./.test(a)) flagValueOf = spec;
      continue;
    }
    const sub = positional.length === 0 ? list.find((c) => c.name === a || c.aliases?.includes(a)) : undefined;
    if (sub) {
      command = sub;
      list = sub.subcommands ?? [];
      continue;
    }
    positional.push(a);
  }
  return { command, positional, flagValueOf, namespace };
}

function findFlag(arg: string, specs: FlagSpec[]): FlagSpec | undefined {
  if (arg.startsWith('--')) {
    const name = arg.slice(2).split('=')[0];
    return specs.find((s) => s.name === name);
  }
  return specs.find((s) => s.short === arg[1]);
}

function flagValues(flag: FlagSpec, src: CompletionSource): string[] {
  if (flag.name === 'namespace') return src.names('namespaces', undefined);
  if (flag.name === 'output') return OUTPUT_FORMATS;
  if (flag.name === 'filename') return src.files();
  return [];
}

function simCandidates(args: string[], src: CompletionSource): string[] {
  if (args.length === 0) return ['node', 'time'];
  if (args[0] === 'node' && args.length === 1) return ['fail', 'recover'];
  if (args[0] === 'node' && args.length === 2) return src.names('nodes', undefined);
  return [];
}

function typeWords(types: ResourceType[]): string[] {
  return types.flatMap((t) => [t.plural, t.singular, ...t.shortNames]);
}

function findType(word: string, types: ResourceType[]): ResourceType | undefined {
  const w = word.toLowerCase();
  return types.find((t) => t.plural === w || t.singular === w || t.shortNames.includes(w) || `${t.plural}.${t.group}` === w || t.kind.toLowerCase() === w);
}

function namesOf(type: ResourceType, src: CompletionSource, namespace: string): string[] {
  const qualified = type.group ? `${type.plural}.${type.group}` : type.plural;
  return src.names(qualified, type.namespaced ? namespace : undefined);
}
