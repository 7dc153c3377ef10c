/**
 * The shell interpreter: a generator that walks the syntax tree and yields effects (output,
 * sleeps, host calls) instead of doing I/O, so it runs in virtual time and can be replayed.
 *
 * Limitations, by design:
 * - Pipelines run their stages one after another, each in a subshell, buffering a stage's
 *   whole output as the next stage's input. A stage that never ends (`while true; do echo;
 *   sleep 1; done | grep x`) therefore never feeds the next one.
 * - `&` runs the command in the foreground (treated as `;`); there is no job control.
 * - No globbing, no `trap`, no signals. Everything yielded reaches the host in program order.
 * - CPU time: after every BUSY_COMMANDS commands without a sleep the interpreter yields a
 *   1 ms sleep, so a busy loop (`while :; do :; done`) advances virtual time instead of
 *   hanging the host; hosts bound how much time they let one process consume.
 */
import type { Command, List, Pipeline, Script, AndOr } from './ast';
import { runCase, runFor, runIf, runLoop, type ListRunner } from './compound';
import { expandWord, expandWords } from './expand';
import { ExitSignal, Input, LoopSignal, ReturnSignal, ShellError, writeTo, type Frame, type Sink } from './io';
import { applyRedirects } from './redirect';
import { findIntrinsic } from './intrinsics';
import type { Builtin, BuiltinIO, ShellEffect, ShellFs, ShellState } from './types';

type Gen<T> = Generator<ShellEffect, T, unknown>;

export const BUSY_COMMANDS = 1000;

/** What every shell of one run shares: commands, file system, clock. */
export interface ShellHost {
  /** The host's own commands; they take precedence over `core`. */
  builtins: Record<string, Builtin>;
  /** The core builtins (shared by every shell, never copied per shell). */
  core: Readonly<Record<string, Builtin>>;
  fs: ShellFs;
  now: () => number;
}

/** The name a command is found under among the builtins (host's or core), if it is one. */
export function builtinName(name: string, builtins: Commands, core: Commands): string | undefined {
  if (hasCommand(name, builtins, core)) return name;
  // `/bin/sleep 5` finds the `sleep` builtin, as PATH lookup would find the binary.
  const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : undefined;
  return base && hasCommand(base, builtins, core) ? base : undefined;
}

type Commands = Readonly<Record<string, unknown>>;

function hasCommand(name: string, builtins: Commands, core: Commands): boolean {
  return Object.hasOwn(builtins, name) || Object.hasOwn(core, name);
}

export class Shell implements ListRunner {
  /** Depth of conditions being evaluated: `set -e` is off inside them. */
  private conditionDepth = 0;
  private busy = 0;
  /** Status of the last command substitution, for `x=$(false)`. */
  private subStatus = 0;
  /** Frame of the command being expanded (command substitutions write their stderr there). */
  private expanding?: Frame;

  constructor(
    public state: ShellState,
    readonly host: ShellHost,
  ) {}

  /** A subshell: a copy of the state, the same host. */
  fork(): Shell {
    const s = this.state;
    return new Shell(
      {
        ...s,
        vars: new Map(s.vars),
        exported: new Set(s.exported),
        functions: new Map(s.functions),
        positional: [...s.positional],
        options: { ...s.options },
      },
      this.host,
    );
  }

  /** Run a list as a whole script or subshell: `exit` and fatal errors end it with a status. */
  *runIsolated(list: List, frame: Frame): Gen<number> {
    try {
      return yield* this.runList(list, frame);
    } catch (err) {
      return yield* this.statusOf(err, frame);
    }
  }

  *statusOf(err: unknown, frame: Frame): Gen<number> {
    if (err instanceof ExitSignal || err instanceof ReturnSignal) return err.status;
    // `break` outside a loop: nothing to break out of.
    if (err instanceof LoopSignal) return this.state.lastStatus;
    if (err instanceof ShellError) {
      yield* writeTo(frame.err, err.message + '\n', this.host.fs);
      return err.status;
    }
    throw err;
  }

  *runList(list: List, frame: Frame): Gen<number> {
    let status = 0;
    for (const item of list) status = yield* this.runAndOr(item, frame);
    return status;
  }

  *runCondition(list: List, frame: Frame): Gen<number> {
    this.conditionDepth++;
    try {
      return yield* this.runList(list, frame);
    } finally {
      this.conditionDepth--;
    }
  }

  private *runAndOr(item: AndOr, frame: Frame): Gen<number> {
    const pipelines = [item.first, ...item.rest.map((r) => r.pipeline)];
    let status = 0;
    let ran = -1;
    for (let i = 0; i < pipelines.length; i++) {
      const op = i > 0 ? item.rest[i - 1].op : undefined;
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      const last = i === pipelines.length - 1;
      if (!last) this.conditionDepth++;
      try {
        status = yield* this.runPipeline(pipelines[i], frame);
      } finally {
        if (!last) this.conditionDepth--;
      }
      ran = i;
    }
    const final = pipelines[pipelines.length - 1];
    const errexit = this.state.options.errexit && this.conditionDepth === 0;
    if (errexit && status !== 0 && ran === pipelines.length - 1 && !final.negated) throw new ExitSignal(status);
    return status;
  }

  private *runPipeline(p: Pipeline, frame: Frame): Gen<number> {
    if (p.negated) this.conditionDepth++;
    let status = 0;
    try {
      if (p.commands.length === 1) status = yield* this.runCommand(p.commands[0], frame);
      else status = yield* this.runStages(p.commands, frame);
    } finally {
      if (p.negated) this.conditionDepth--;
    }
    if (p.negated) status = status === 0 ? 1 : 0;
    this.state.lastStatus = status;
    return status;
  }

  /** Each stage in its own subshell; its buffered output is the next stage's input. */
  private *runStages(commands: Command[], frame: Frame): Gen<number> {
    let input = frame.input;
    let status = 0;
    for (let i = 0; i < commands.length; i++) {
      const last = i === commands.length - 1;
      const out: Sink = last ? frame.out : { kind: 'buffer', chunks: [] };
      const sub = this.fork();
      try {
        status = yield* sub.runCommand(commands[i], { input, out, err: frame.err });
      } catch (err) {
        status = yield* sub.statusOf(err, frame);
      }
      if (out.kind === 'buffer') input = new Input(out.chunks.join(''));
    }
    return status;
  }

  *runCommand(cmd: Command, frame: Frame): Gen<number> {
    if (cmd.kind === 'simple') return yield* this.runSimple(cmd, frame);
    if (cmd.kind === 'function') {
      this.state.functions.set(cmd.name, cmd.body);
      return 0;
    }
    this.expanding = frame;
    const f = yield* applyRedirects(cmd.redirects, frame, this);
    if (!f) return 1;
    let status: number;
    switch (cmd.kind) {
      case 'if': status = yield* runIf(this, cmd, f); break;
      case 'while': case 'until': status = yield* runLoop(this, cmd, f); break;
      case 'for': status = yield* runFor(this, cmd, f); break;
      case 'case': status = yield* runCase(this, cmd, f); break;
      case 'group': status = yield* this.runList(cmd.body, f); break;
      case 'subshell': status = yield* this.fork().runIsolated(cmd.body, f); break;
    }
    this.state.lastStatus = status;
    return status;
  }

  private *runSimple(cmd: Extract<Command, { kind: 'simple' }>, frame: Frame): Gen<number> {
    if (++this.busy >= BUSY_COMMANDS) {
      this.busy = 0;
      yield { type: 'sleep', ms: 1 };
    }
    this.expanding = frame;
    this.subStatus = 0;
    const argv = yield* expandWords(cmd.words, this);
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) assigns.push([a.name, yield* expandWord(a.value, this)]);
    const f = yield* applyRedirects(cmd.redirects, frame, this);
    if (!f) return (this.state.lastStatus = 1);
    if (argv.length === 0) {
      for (const [name, value] of assigns) this.state.vars.set(name, value);
      return (this.state.lastStatus = this.subStatus);
    }
    if (this.state.options.xtrace) yield* writeTo(f.err, `+ ${argv.join(' ')}\n`, this.host.fs);
    const status = yield* this.invoke(argv, assigns, f);
    this.state.lastStatus = status;
    return status;
  }

  /** Run argv as a command: function, intrinsic, host builtin, core builtin, else not found. */
  *invoke(argv: string[], assigns: [string, string][], frame: Frame): Gen<number> {
    const name = argv[0];
    const fn = this.state.functions.get(name) as Command | undefined;
    if (fn) return yield* this.callFunction(fn, argv, frame);
    const intrinsic = findIntrinsic(name, this.state.dialect);
    if (intrinsic) return yield* intrinsic(this, argv, frame);
    const builtin = this.findBuiltin(name);
    if (!builtin) {
      const msg = this.state.dialect === 'bash' ? `bash: ${name}: command not found` : `sh: ${name}: not found`;
      yield* writeTo(frame.err, msg + '\n', this.host.fs);
      return 127;
    }
    const env = new Map<string, string>();
    for (const n of this.state.exported) {
      const v = this.state.vars.get(n);
      if (v !== undefined) env.set(n, v);
    }
    for (const [n, v] of assigns) env.set(n, v);
    return yield* this.drive(builtin(argv, this.io(env, frame)), frame);
  }

  findBuiltin(name: string): Builtin | undefined {
    const found = builtinName(name, this.host.builtins, this.host.core);
    return found === undefined ? undefined : this.builtin(found);
  }

  private builtin(name: string): Builtin | undefined {
    return Object.hasOwn(this.host.builtins, name) ? this.host.builtins[name] : this.host.core[name];
  }

  private io(env: Map<string, string>, frame: Frame): BuiltinIO {
    return new CommandIO(this, frame, env);
  }

  resolve(path: string): string {
    if (path.startsWith('/')) return path;
    const base = this.state.cwd.endsWith('/') ? this.state.cwd : this.state.cwd + '/';
    return base + path;
  }

  private *callFunction(body: Command, argv: string[], frame: Frame): Gen<number> {
    const saved = this.state.positional;
    this.state.positional = argv.slice(1);
    try {
      return yield* this.runCommand(body, frame);
    } catch (err) {
      if (err instanceof ReturnSignal) return err.status;
      throw err;
    } finally {
      this.state.positional = saved;
    }
  }

  /** Pump a command's generator: output goes to the frame's sinks, other effects to the host. */
  *drive(gen: Generator<ShellEffect, number, unknown>, frame: Frame): Gen<number> {
    let reply: unknown;
    for (;;) {
      const r = gen.next(reply);
      reply = undefined;
      if (r.done) return r.value;
      const e = r.value;
      if (e.type === 'stdout' || e.type === 'stderr') {
        const sink = e.type === 'stdout' ? frame.out : frame.err;
        // Output for the host (the usual sink) goes as it is, without a writeTo generator per chunk.
        if (sink.kind !== 'yield') yield* writeTo(sink, e.text, this.host.fs);
        else if (e.text) yield sink.stream === e.type ? e : { type: sink.stream, text: e.text };
      } else {
        if (e.type === 'sleep') this.busy = 0;
        reply = yield e;
      }
    }
  }

  *substitute(script: Script): Gen<string> {
    const out: Sink = { kind: 'buffer', chunks: [] };
    const err = this.expanding?.err ?? { kind: 'yield', stream: 'stderr' };
    const sub = this.fork();
    this.subStatus = yield* sub.runIsolated(script.body, { input: new Input(''), out, err });
    return out.chunks.join('');
  }
}

/** What a builtin sees of its shell: a class, as one is made for every command run. */
class CommandIO implements BuiltinIO {
  readonly stdinTerminal: boolean;
  readonly shell: ShellState;
  readonly dialect: ShellState['dialect'];
  readonly fs: ShellFs;
  readonly now: () => number;

  constructor(
    private readonly sh: Shell,
    private readonly frame: Frame,
    readonly env: Map<string, string>,
  ) {
    this.stdinTerminal = frame.input.terminal;
    this.shell = sh.state;
    this.dialect = sh.state.dialect;
    this.fs = sh.host.fs;
    this.now = sh.host.now;
  }

  get stdin(): string {
    return this.frame.input.rest();
  }

  readLine(): string | undefined {
    return this.frame.input.line();
  }

  resolve(path: string): string {
    return this.sh.resolve(path);
  }
}
