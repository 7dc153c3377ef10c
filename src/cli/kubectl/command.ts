/**
 * The shape of a kubectl command. Each verb lives in its own file under `cmd/`, declares its
 * flags (one spec for parsing, completion and help) and runs as a generator: output goes through
 * `env.out`/`env.err`, and a command that waits yields `sleep` effects so the host can let virtual
 * time flow (headless: advance the simulation; in the page: real time at the chosen speed).
 */
import type { ApiServer } from '../../engine/api/server';
import type { ShellEffect, ShellFs } from '../../engine/shell/types';
import type { Simulation } from '../../engine/sim/simulation';
import type { FlagSpec, Flags } from './flags';

/** What kubectl needs from the place it runs in. */
export interface KubectlHost {
  sim: Simulation;
  /** The namespace of the current context. */
  namespace(): string;
  setNamespace(ns: string): void;
  /** The profile's names: context, cluster and user of the kubeconfig. */
  context: { name: string; cluster: string; user: string; server: string };
  fs: ShellFs;
  /** A person at a terminal (the page): watches run until Ctrl+C rather than until quiet. */
  interactive?: boolean;
  /** Entries of a directory for `-f DIR`, or undefined when `path` is not a directory. */
  listDir?(path: string): string[] | undefined;
  /** Runs a command line in the session's shell language (`kubectl edit` starts `$KUBE_EDITOR FILE`). */
  runShell?(command: string, env: ReadonlyMap<string, string>): Generator<ShellEffect, number, unknown>;
}

export interface CommandEnv {
  host: KubectlHost;
  api: ApiServer;
  sim: Simulation;
  /** `-n` or the context's namespace. */
  namespace: string;
  /** Whether `-n` was given explicitly. */
  namespaceExplicit: boolean;
  stdin: string;
  /** Standard input is the page's terminal: lines are read with `stdin.readLine` calls (kubectl exec -i). */
  stdinTerminal?: boolean;
  /** The environment kubectl was started with (KUBE_EDITOR, EDITOR). */
  vars?: ReadonlyMap<string, string>;
  /** The command path for messages: `kubectl get`. */
  path: string;
  out(text: string): void;
  err(text: string): void;
  now(): number;
}

export type CommandRun = (flags: Flags, env: CommandEnv) => Generator<ShellEffect, number, unknown>;

export interface KubectlCommand {
  name: string;
  aliases?: string[];
  short: string;
  flags: FlagSpec[];
  run?: CommandRun;
  subcommands?: KubectlCommand[];
}

/** Thrown by commands for a usage error: printed with the `See '… -h'` hint, exit 1. */
export class UsageError extends Error {}

/** Waits one virtual second; commands that poll yield this between checks. */
export function* tick(ms = 1000): Generator<ShellEffect, void, unknown> {
  yield { type: 'sleep', ms };
}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'kubeconfig', type: 'string', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'context', type: 'string', usage: 'The name of the kubeconfig context to use' },
  { name: 'cluster', type: 'string', usage: 'The name of the kubeconfig cluster to use' },
  { name: 'user', type: 'string', usage: 'The name of the kubeconfig user to use' },
  { name: 'request-timeout', type: 'string', default: '0', usage: 'The length of time to wait before giving up on a single server request.' },
  { name: 'v', short: 'v', type: 'string', default: '0', usage: 'number for the log level verbosity' },
  { name: 'help', short: 'h', type: 'bool', usage: 'help for this command' },
];

/**
 * Lets virtual time flow until `done()` holds or `deadline` passes; returns whether it held.
 * Each step sleeps just until the simulation's next scheduled activity (at most `maxStep`), so
 * a wait ends at the instant the condition becomes true, and costs nothing while nothing happens.
 */
export function* waitFor(env: CommandEnv, done: () => boolean, deadline: number, maxStep = 60_000): Generator<ShellEffect, boolean, unknown> {
  for (;;) {
    // What the command just wrote (a create, a delete) is acted on at this instant first, so
    // the next activity is known before choosing how far to sleep.
    env.sim.settle();
    if (done()) return true;
    const now = env.now();
    if (now >= deadline) return false;
    const next = env.sim.nextActivity();
    const target = Math.min(deadline, now + maxStep, next !== undefined ? Math.max(next, now + 1) : now + maxStep);
    yield { type: 'sleep', ms: Math.max(1, target - now) };
  }
}
