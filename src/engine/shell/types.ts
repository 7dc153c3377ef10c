/**
 * The shell's contract with its hosts (the terminal, lesson scripts, the kubelet's container
 * processes). The interpreter never does I/O or waits: it yields effects, and the host decides
 * what they mean in virtual time.
 */
import type { Dialect } from './syntaxError';

export type { Dialect };

/**
 * What a running script asks of its host.
 * - `stdout` / `stderr`: text to show or log (the interpreter buffers pipes itself).
 * - `sleep`: resume after `ms` of virtual time.
 * - `call`: a host service (kubectl, DNS, TCP connect, HTTP…); the host resumes the generator
 *   with the result (`gen.next(result)`), or with `undefined` when it does not know the name.
 */
export type ShellEffect =
  | { type: 'stdout'; text: string }
  | { type: 'stderr'; text: string }
  | { type: 'sleep'; ms: number }
  | { type: 'call'; name: string; payload?: unknown };

/** A file system the shell can read and write. Paths are taken as given (after `cd` joining). */
export interface ShellFs {
  read(path: string): string | undefined;
  write(path: string, text: string, append: boolean): void;
  /** Why writing `path` would fail (`Read-only file system`); undefined when it would not. */
  writeError?(path: string): string | undefined;
  /** Deletes a file (kubectl edit's temp file); absent where nothing can be deleted. */
  remove?(path: string): void;
}

export interface ShellOptions {
  /** `set -e` */
  errexit: boolean;
  /** `set -u` */
  nounset: boolean;
  /** `set -x` */
  xtrace: boolean;
}

/** The mutable state of one shell (a subshell gets a copy). */
export interface ShellState {
  vars: Map<string, string>;
  exported: Set<string>;
  functions: Map<string, unknown>;
  positional: string[];
  /** `$0` */
  argv0: string;
  cwd: string;
  options: ShellOptions;
  lastStatus: number;
  dialect: Dialect;
}

/** What a builtin sees. Reading `stdin` consumes the rest of the command's standard input. */
export interface BuiltinIO {
  readonly stdin: string;
  /** One line of standard input without its newline, or undefined at end of input (for `read`). */
  readLine(): string | undefined;
  /**
   * Standard input is the session's terminal: a command that reads what is typed asks the host
   * for each line with a `{ type: 'call', name: 'stdin.readLine' }` effect (see interactive.ts).
   */
  readonly stdinTerminal?: boolean;
  /** The environment this command was started with: exported variables plus prefix assignments. */
  env: ReadonlyMap<string, string>;
  shell: ShellState;
  dialect: Dialect;
  fs: ShellFs;
  /** Virtual wall-clock time in milliseconds since the Unix epoch. */
  now(): number;
  /** Resolve a path against the shell's working directory. */
  resolve(path: string): string;
}

export type Builtin = (argv: string[], io: BuiltinIO) => Generator<ShellEffect, number, unknown>;

export interface ShellContext {
  dialect: Dialect;
  /** Variables; a Map is used (and updated) in place so a terminal session keeps them. */
  env?: Map<string, string> | Record<string, string>;
  /** Names exported to commands; defaults to every name in `env`. Updated in place when given. */
  exported?: Set<string>;
  /** Host commands (kubectl, az, nc…); they take precedence over the core builtins. */
  builtins?: Record<string, Builtin>;
  stdin?: string;
  /** Standard input is a person's terminal (the page), not a pipe or a file: see BuiltinIO.stdinTerminal. */
  stdinTerminal?: boolean;
  /** Defaults to an in-memory file system private to this run. */
  fs?: ShellFs;
  /** Virtual clock for `date`; defaults to the epoch. */
  now?: () => number;
  /** `$0` and positional parameters (`sh -c 'script' argv0 arg1 …`). */
  argv0?: string;
  args?: string[];
  /** `$?` when the script starts (a terminal keeps it from the previous line). */
  lastStatus?: number;
  cwd?: string;
}
