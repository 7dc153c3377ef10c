/**
 * A terminal session over one simulated cluster: the shell language with the sandbox's commands
 * (kubectl and its alias k, sim, history, clear) as builtins, variables and history kept between
 * lines. The same session serves the page's terminal, lesson steps and headless scripts.
 */
import { runScript } from '../engine/shell';
import type { Builtin, ShellEffect, ShellFs } from '../engine/shell/types';
import { identityOf } from '../engine/cluster/create';
import type { Simulation } from '../engine/sim/simulation';
import type { KubectlHost } from './kubectl/command';
import { kubectlBuiltin } from './kubectl/kubectl';
import { simBuiltin } from './sim/sim';

export interface SessionOptions {
  fs: ShellFs;
  listDir?(path: string): string[] | undefined;
  /** Starting variables (HOME, USER, ...). */
  env?: Record<string, string>;
  /** The shell's working directory (headless: the process's, so relative paths work). */
  cwd?: string;
  /** A person at a terminal: waiting commands run until interrupted rather than until quiet. */
  interactive?: boolean;
}

export class Session {
  readonly env: Map<string, string>;
  readonly exported = new Set<string>();
  readonly history: string[] = [];
  private namespace = 'default';
  /** `$?` between inputs. */
  private lastStatus = 0;
  private readonly builtins: Record<string, Builtin>;

  constructor(
    readonly sim: Simulation,
    private readonly opts: SessionOptions,
  ) {
    this.env = new Map(Object.entries({ HOME: '/home/learner', USER: 'learner', SHELL: '/bin/bash', PATH: '/usr/local/bin:/usr/bin:/bin', ...opts.env }));
    for (const k of this.env.keys()) this.exported.add(k);
    const host: KubectlHost = {
      sim,
      namespace: () => this.namespace,
      setNamespace: (ns) => (this.namespace = ns),
      context: identityOf(sim).context,
      interactive: opts.interactive,
      fs: opts.fs,
      listDir: opts.listDir,
      runShell: (command, env) => this.runShell(command, env),
    };
    const kubectl = kubectlBuiltin(host);
    this.builtins = {
      kubectl,
      k: kubectl,
      sim: simBuiltin(sim),
      history: this.historyBuiltin(),
      clear: function* () {
        yield { type: 'call', name: 'clear' };
        return 0;
      },
    };
  }

  /** The namespace kubectl uses without `-n` (the context's namespace). */
  setNamespace(ns: string): void {
    this.namespace = ns;
  }

  getNamespace(): string {
    return this.namespace;
  }

  /** Runs one complete input (possibly several lines, e.g. a heredoc) and records it in history. */
  *run(input: string): Generator<ShellEffect, number, unknown> {
    const trimmed = input.trim();
    if (trimmed !== '') this.history.push(input.replace(/\n+$/, ''));
    const status = yield* runScript(input, {
      dialect: 'bash',
      env: this.env,
      exported: this.exported,
      builtins: this.builtins,
      fs: this.opts.fs,
      now: () => this.sim.now(),
      argv0: 'bash',
      cwd: this.opts.cwd ?? this.env.get('HOME'),
      lastStatus: this.lastStatus,
      stdinTerminal: this.opts.interactive,
    });
    // An empty line leaves `$?` alone, as in bash.
    if (trimmed !== '') this.lastStatus = status;
    return status;
  }

  /** A command line run for a command (kubectl edit's editor): its own variables, no history. */
  private *runShell(command: string, env: ReadonlyMap<string, string>): Generator<ShellEffect, number, unknown> {
    return yield* runScript(command, {
      dialect: 'bash',
      env: new Map(env),
      builtins: this.builtins,
      fs: this.opts.fs,
      now: () => this.sim.now(),
      argv0: 'bash',
      cwd: this.opts.cwd ?? this.env.get('HOME'),
    });
  }

  private historyBuiltin(): Builtin {
    const history = this.history;
    return function* (argv) {
      const n = argv[1] ? Number(argv[1]) : history.length;
      const start = Math.max(0, history.length - n);
      const width = String(history.length).length;
      let text = '';
      for (let i = start; i < history.length; i++) text += `${String(i + 1).padStart(Math.max(5, width + 2))}  ${history[i]}\n`;
      yield { type: 'stdout', text };
      return 0;
    };
  }
}
