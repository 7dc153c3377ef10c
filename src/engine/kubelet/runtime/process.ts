/**
 * The container process model: what a container *does* once the kubelet starts it.
 *
 * Contract (determinism and replay): `startProcess(options)` is a pure generator. Given the
 * same options — image, command, args, env, hostname, start time `now`, and a `random`
 * source that returns the same sequence — and the same replies to its `call` effects, it
 * yields the same effects in the same order and returns the same result. Its clock is `now`
 * plus the sleeps it has yielded, so the host must resume it exactly when a sleep ends.
 * The kubelet can therefore drop a process from a snapshot and rebuild its state (logs,
 * readiness, usage, exit) by replaying it from the container's start time, feeding back the
 * `call` replies it recorded.
 *
 * Effects:
 * - `log`: one line of output (no trailing newline), in order across both streams.
 * - `sleep`: resume after `ms` of virtual time (`Infinity`: until killed).
 * - `ready`: the server is listening — what tcpSocket/httpGet probes see from now on (on
 *   `readyPorts`, when the host gives them).
 * - `usage`: the process now uses this much CPU and memory.
 * - `call`: a host service (net.connect, net.http, dns.lookup; see netTools.ts).
 * The return value is the exit; a server never returns unless killed.
 */
import { hostCommand, runArgv } from '../../shell/run';
import { coreBuiltins } from '../../shell/builtins';
import type { Builtin, ShellEffect, ShellFs } from '../../shell/types';
import { imageSpec, parseImageRef, type ImageSpec, type ParsedImage } from './images';
import { NET_TOOLS } from './netTools';
import { DEFAULT_KERNEL, type LogLine, type ServerContext, type ServerModel } from './servers';
import { stress } from './stress';

export type ProcessEffect =
  | { type: 'log'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'sleep'; ms: number }
  | { type: 'ready'; ports?: number[] }
  | { type: 'usage'; cpuMillis: number; memoryBytes: number }
  | { type: 'call'; name: string; payload?: unknown };

export interface ExitResult {
  exitCode: number;
  /** The container's terminated reason as the kubelet reports it. */
  reason: 'Completed' | 'Error' | 'OOMKilled' | 'StartError';
  message?: string;
}

export type EnvInput = Record<string, string> | ReadonlyMap<string, string> | { name: string; value?: string }[];

export interface ProcessOptions {
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvInput;
  hostname: string;
  /** Start time, epoch milliseconds of virtual time. */
  now: number;
  /** Seeded source in [0, 1); give each container start its own so replays match. */
  random: () => number;
  podIP?: string;
  /** The node's kernel release, as the container sees it (uname, server banners). */
  kernelVersion?: string;
  /** When usage exceeds it, the process ends OOMKilled (exit 137), as the kernel's OOM killer would. */
  memoryLimitBytes?: number;
  /** The container's files (ConfigMap/Secret mounts); a private in-memory one by default. */
  fs?: ShellFs;
  /** The ports a `ready` effect reports as listening (the image's and the container's). */
  readyPorts?: number[];
}

type Gen<T> = Generator<ProcessEffect, T, unknown>;

/** Docker/Kubernetes semantics: `command` replaces ENTRYPOINT (and drops CMD), `args` replaces CMD. */
export function containerArgv(spec: Pick<ImageSpec, 'entrypoint' | 'cmd'>, command?: string[], args?: string[]): string[] {
  if (command && command.length) return [...command, ...(args ?? [])];
  return [...spec.entrypoint, ...(args ?? spec.cmd)];
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Images whose shell is busybox's or alpine's, whatever their tag: no bash there. */
const NO_BASH_REPOSITORY = /busybox|alpine|curl|stress/;

/** Drop an entrypoint wrapper that would just `exec "$@"`, and map bash to the shell. */
function effectiveArgv(spec: ImageSpec, argv: string[], tag: string): string[] {
  const wrapped = isWrapper(spec.wrappers, argv[0]);
  const out = wrapped && argv.length > 1 ? argv.slice(1) : argv;
  const hasBash = spec.shell && !tag.includes('alpine') && !NO_BASH_REPOSITORY.test(spec.repository);
  if (hasBash && base(out[0] ?? '') === 'bash') return ['sh', ...out.slice(1)];
  return out;
}

/** Whether `program` is one of the image's entrypoint wrappers (a loop: no closure per start). */
function isWrapper(wrappers: readonly string[] | undefined, program: string | undefined): boolean {
  if (!wrappers) return false;
  const name = base(program ?? '');
  for (const w of wrappers) if (w === program || base(w) === name) return true;
  return false;
}

function envMap(env: EnvInput | undefined, opts: ProcessOptions): Map<string, string> {
  // Set one by one: a Map built from a list of pairs goes through the iterator protocol.
  const m = new Map<string, string>();
  m.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  m.set('HOSTNAME', opts.hostname);
  m.set('HOME', '/root');
  if (Array.isArray(env)) for (const e of env) m.set(e.name, e.value ?? '');
  else if (env instanceof Map) for (const [k, v] of env) m.set(k, v);
  else if (env) for (const [k, v] of Object.entries(env as Record<string, string>)) m.set(k, v);
  return m;
}

/**
 * Parsing a reference is a pure function of it, asked on every container start: answers are
 * remembered (a bounded cache; callers only read them).
 */
const parsedImages = new Map<string, ParsedImage>();
const PARSED_MAX = 1024;

export function parseImage(image: string): ParsedImage {
  let parsed = parsedImages.get(image);
  if (!parsed) {
    if (parsedImages.size >= PARSED_MAX) parsedImages.clear();
    parsed = parseImageRef(image);
    parsedImages.set(image, parsed);
  }
  return parsed;
}

/** A command of the image: one of its servers (a model, bound to a start when it runs) or a tool. */
type ImageCommand = ServerModel | Builtin;

/** The same for every start of an image (specs are shared and read-only), so made once per spec. */
const commandTables = new WeakMap<ImageSpec, Record<string, ImageCommand>>();

/** The commands that exist in this image, by name; a tool of a server's name wins, as on PATH. */
function imageCommands(spec: ImageSpec): Record<string, ImageCommand> {
  let table = commandTables.get(spec);
  if (!table) {
    table = {};
    for (const [name, model] of Object.entries(spec.servers)) table[name] = model;
    for (const tool of spec.tools) table[tool] = NET_TOOLS[tool];
    if (spec.repository.endsWith('/stress')) table.stress = stress;
    commandTables.set(spec, table);
  }
  return table;
}

/** The image's commands as shell builtins, its servers bound to this start. */
function shellCommands(table: Record<string, ImageCommand>, spec: ImageSpec, opts: ProcessOptions, tag: string): Record<string, Builtin> {
  const cmds: Record<string, Builtin> = {};
  for (const [name, command] of Object.entries(table)) cmds[name] = typeof command === 'object' ? serverProgram(command, spec, opts, tag) : command;
  return cmds;
}

/** The server argv[0] names, when the shell would run it as it is (no `sh`, `exec`…, nothing else of that name). */
function directServer(name: string, table: Record<string, ImageCommand>): ServerModel | undefined {
  const found = hostCommand(name, table, 'ash');
  const command = found === undefined ? undefined : table[found];
  return typeof command === 'object' ? command : undefined;
}

function executable(name: string, spec: ImageSpec, cmds: Record<string, ImageCommand>): boolean {
  if (Object.hasOwn(cmds, name) || Object.hasOwn(cmds, base(name))) return true;
  return spec.shell && (base(name) === 'sh' || Object.hasOwn(coreBuiltins, base(name)));
}

function startError(name: string): ExitResult {
  return {
    exitCode: 128,
    reason: 'StartError',
    message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${name}": executable file not found in $PATH: unknown`,
  };
}

/**
 * The container's process. Set up at once (the steps before its first effect are pure), so that
 * the generator that runs it keeps only what it needs between effects.
 */
export function startProcess(opts: ProcessOptions): Gen<ExitResult> {
  const parsed = parseImage(opts.image);
  if (!parsed.ok) return exit({ exitCode: 128, reason: 'StartError', message: parsed.message });
  const tag = parsed.ref.tag ?? 'latest';
  const spec = imageSpec(parsed.ref);
  const argv = effectiveArgv(spec, containerArgv(spec, opts.command, opts.args), tag);
  if (argv.length === 0) return exit({ exitCode: 128, reason: 'StartError', message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown' });
  const table = imageCommands(spec);
  if (!executable(argv[0], spec, table)) return exit(startError(argv[0]));
  const clock = new Clock(opts.now);
  // Bound rather than an arrow function: tsx names every named closure it makes (a defineProperty per start).
  const now = readClock.bind(clock);
  const env = envMap(opts.env, opts);
  const server = directServer(argv[0], table);
  // The image's server as PID 1 (nginx, redis…) needs no shell: it would only look the command
  // up and pass its effects through, so the server runs directly, as the shell would run it.
  const program: Generator<ServerStep, number, unknown> = server
    ? serve(server, serverContext(opts, tag, argv, env, now), spec, opts.random)
    : runArgv(argv, { dialect: 'ash', env, builtins: shellCommands(table, spec, opts, tag), now, fs: opts.fs, cwd: '/' });
  return run(program, clock, opts);
}

function* exit(result: ExitResult): Gen<ExitResult> {
  return result;
}

/** The program's steps as process effects: output as whole log lines, the clock moved by its sleeps. */
function* run(program: Generator<ServerStep, number, unknown>, clock: Clock, opts: ProcessOptions): Gen<ExitResult> {
  const lines = new LineSplitter();
  let reply: unknown;
  for (;;) {
    const r = program.next(reply);
    reply = undefined;
    if (r.done) {
      yield* lines.flush();
      return { exitCode: r.value, reason: r.value === 0 ? 'Completed' : 'Error' };
    }
    const e = r.value;
    if (e.type === 'print') {
      for (let i = 0; i < e.lines.length; i++) {
        const l = e.lines[i];
        // A whole line is logged as it is (the line is its own effect), rather than written with a
        // newline and split again.
        if (lines.idle(l.stream) && !l.text.includes('\n')) yield l;
        else for (const text of lines.push(l.stream, l.text + '\n')) yield { type: 'log', stream: l.stream, text };
      }
    } else if (e.type === 'stdout' || e.type === 'stderr') {
      for (const text of lines.push(e.type, e.text)) yield { type: 'log', stream: e.type, text };
    } else if (e.type === 'sleep') {
      clock.ms += e.ms;
      yield e;
    } else if (e.name === 'process.ready') yield opts.readyPorts ? { type: 'ready', ports: opts.readyPorts } : { type: 'ready' };
    else if (e.name === 'process.usage') {
      const usage = e.payload as { cpuMillis: number; memoryBytes: number };
      yield { type: 'usage', ...usage };
      if (opts.memoryLimitBytes !== undefined && usage.memoryBytes > opts.memoryLimitBytes) {
        yield* lines.flush();
        return { exitCode: 137, reason: 'OOMKilled' };
      }
    } else reply = yield e;
  }
}

/** The process's clock: its start time plus the sleeps it has yielded. */
class Clock {
  constructor(public ms: number) {}
}

function readClock(this: Clock): number {
  return this.ms;
}

/** Turns output chunks into whole lines per stream, as the CRI log format records them. */
class LineSplitter {
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };

  /** Nothing of this stream is waiting for its newline. */
  idle(stream: 'stdout' | 'stderr'): boolean {
    return !this.partial[stream];
  }

  /** The lines this chunk completes. */
  push(stream: 'stdout' | 'stderr', text: string): string[] {
    const pending = this.partial[stream];
    // The usual chunk is exactly one whole line (a server's log line, `echo`): no split needed.
    if (!pending && text.indexOf('\n') === text.length - 1 && text.length > 0) return [text.slice(0, -1)];
    const parts = (pending + text).split('\n');
    this.partial[stream] = parts.pop() as string;
    return parts;
  }

  *flush(): Gen<void> {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) yield { type: 'log', stream, text: this.partial[stream] };
      this.partial[stream] = '';
    }
  }
}

const NO_LINES: LogLine[] = [];

/** A batch of a server's output lines: one step for all of them. */
interface Print {
  type: 'print';
  lines: LogLine[];
}

/** What a server does: shell effects, with its output as whole lines. */
type ServerStep = ShellEffect | Print;

function serverContext(opts: ProcessOptions, tag: string, argv: string[], env: ReadonlyMap<string, string>, now: () => number): ServerContext {
  return { env, hostname: opts.hostname, podIP: opts.podIP ?? '10.244.0.5', kernel: opts.kernelVersion ?? DEFAULT_KERNEL, now, tag, args: argv.slice(1) };
}

/** A server: its start lines, `ready` after the image's startup time, then it serves until killed. */
function* serve(model: ServerModel, ctx: ServerContext, spec: ImageSpec, random: () => number): Generator<ServerStep, number, unknown> {
  const failure = model.fail?.(ctx);
  if (failure) {
    yield { type: 'print', lines: failure.lines };
    return failure.exitCode;
  }
  // Nothing to print is no step (printing is not an effect of its own).
  const started = model.start?.(ctx) ?? NO_LINES;
  if (started.length) yield { type: 'print', lines: started };
  if (model.exitCode !== undefined) return model.exitCode;
  yield { type: 'call', name: 'process.usage', payload: { cpuMillis: spec.cpuMillis, memoryBytes: spec.memoryBytes } };
  // Startup time varies a little between starts (±20%), drawn from the seeded source.
  yield { type: 'sleep', ms: Math.round(spec.readySeconds * 1000 * (0.8 + random() * 0.4)) };
  yield READY;
  const ready = model.ready?.(ctx) ?? NO_LINES;
  if (ready.length) yield { type: 'print', lines: ready };
  yield SLEEP_UNTIL_KILLED;
  return 0;
}

// Steps every server takes alike: one object for all (effects are only read).
const READY: ShellEffect = { type: 'call', name: 'process.ready' };
const SLEEP_UNTIL_KILLED: ShellEffect = { type: 'sleep', ms: Infinity };

/** A server as a shell command (`sh -c 'nginx …'`): its lines become output. */
function serverProgram(model: ServerModel, spec: ImageSpec, opts: ProcessOptions, tag: string): Builtin {
  return function* (argv, io) {
    const steps = serve(model, serverContext(opts, tag, argv, io.env, io.now), spec, opts.random);
    let reply: unknown;
    for (;;) {
      const r = steps.next(reply);
      reply = undefined;
      if (r.done) return r.value;
      if (r.value.type !== 'print') reply = yield r.value;
      else for (const l of r.value.lines) yield { type: l.stream, text: l.text + '\n' };
    }
  };
}
