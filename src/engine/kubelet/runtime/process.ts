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
 * - `ready`: the server is listening — what tcpSocket/httpGet probes see from now on.
 * - `usage`: the process now uses this much CPU and memory.
 * - `call`: a host service (net.connect, net.http, dns.lookup; see netTools.ts).
 * The return value is the exit; a server never returns unless killed.
 */
import { runArgv } from '../../shell/run';
import { coreBuiltins } from '../../shell/builtins';
import type { Builtin, ShellEffect, ShellFs } from '../../shell/types';
import { imageSpec, parseImageRef, type ImageSpec } from './images';
import { NET_TOOLS } from './netTools';
import { DEFAULT_KERNEL, type LogLine, type ServerContext, type ServerModel } from './servers';
import { stress } from './stress';

export type ProcessEffect =
  | { type: 'log'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'sleep'; ms: number }
  | { type: 'ready' }
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
}

type Gen<T> = Generator<ProcessEffect, T, unknown>;

/** Docker/Kubernetes semantics: `command` replaces ENTRYPOINT (and drops CMD), `args` replaces CMD. */
export function containerArgv(spec: Pick<ImageSpec, 'entrypoint' | 'cmd'>, command?: string[], args?: string[]): string[] {
  if (command && command.length) return [...command, ...(args ?? [])];
  return [...spec.entrypoint, ...(args ?? spec.cmd)];
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Drop an entrypoint wrapper that would just `exec "$@"`, and map bash to the shell. */
function effectiveArgv(spec: ImageSpec, argv: string[], tag: string): string[] {
  const wrapped = spec.wrappers?.some((w) => w === argv[0] || base(w) === base(argv[0] ?? ''));
  const out = wrapped && argv.length > 1 ? argv.slice(1) : argv;
  const hasBash = spec.shell && !tag.includes('alpine') && !/busybox|alpine|curl|stress/.test(spec.repository);
  if (hasBash && base(out[0] ?? '') === 'bash') return ['sh', ...out.slice(1)];
  return out;
}

function envMap(env: EnvInput | undefined, opts: ProcessOptions): Map<string, string> {
  const m = new Map<string, string>([
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOSTNAME', opts.hostname],
    ['HOME', '/root'],
  ]);
  if (Array.isArray(env)) for (const e of env) m.set(e.name, e.value ?? '');
  else if (env instanceof Map) for (const [k, v] of env) m.set(k, v);
  else if (env) for (const [k, v] of Object.entries(env as Record<string, string>)) m.set(k, v);
  return m;
}

/** The commands that exist in this image, as shell builtins. */
function imageCommands(spec: ImageSpec, opts: ProcessOptions, tag: string): Record<string, Builtin> {
  const cmds: Record<string, Builtin> = {};
  for (const [name, model] of Object.entries(spec.servers)) cmds[name] = serverProgram(model, spec, opts, tag);
  for (const tool of spec.tools) cmds[tool] = NET_TOOLS[tool];
  if (spec.repository.endsWith('/stress')) cmds.stress = stress;
  return cmds;
}

function executable(name: string, spec: ImageSpec, cmds: Record<string, Builtin>): boolean {
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

export function* startProcess(opts: ProcessOptions): Gen<ExitResult> {
  const parsed = parseImageRef(opts.image);
  if (!parsed.ok) return { exitCode: 128, reason: 'StartError', message: parsed.message };
  const tag = parsed.ref.tag ?? 'latest';
  const spec = imageSpec(parsed.ref);
  const argv = effectiveArgv(spec, containerArgv(spec, opts.command, opts.args), tag);
  if (argv.length === 0) return { exitCode: 128, reason: 'StartError', message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown' };
  const cmds = imageCommands(spec, opts, tag);
  if (!executable(argv[0], spec, cmds)) return startError(argv[0]);
  let clock = opts.now;
  const shell = runArgv(argv, { dialect: 'ash', env: envMap(opts.env, opts), builtins: cmds, now: () => clock, fs: opts.fs, cwd: '/' });
  const lines = new LineSplitter();
  let reply: unknown;
  for (;;) {
    const r = shell.next(reply);
    reply = undefined;
    if (r.done) {
      yield* lines.flush();
      return { exitCode: r.value, reason: r.value === 0 ? 'Completed' : 'Error' };
    }
    const e: ShellEffect = r.value;
    if (e.type === 'stdout' || e.type === 'stderr') yield* lines.push(e.type, e.text);
    else if (e.type === 'sleep') {
      clock += e.ms;
      yield e;
    } else if (e.name === 'process.ready') yield { type: 'ready' };
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

/** Turns output chunks into whole lines per stream, as the CRI log format records them. */
class LineSplitter {
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };

  *push(stream: 'stdout' | 'stderr', text: string): Gen<void> {
    const parts = (this.partial[stream] + text).split('\n');
    this.partial[stream] = parts.pop() as string;
    for (const line of parts) yield { type: 'log', stream, text: line };
  }

  *flush(): Gen<void> {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) yield { type: 'log', stream, text: this.partial[stream] };
      this.partial[stream] = '';
    }
  }
}

/** A server program: its start lines, `ready` after the image's startup time, then it serves until killed. */
function serverProgram(model: ServerModel, spec: ImageSpec, opts: ProcessOptions, tag: string): Builtin {
  return function* (argv, io) {
    const ctx: ServerContext = { env: io.env, hostname: opts.hostname, podIP: opts.podIP ?? '10.244.0.5', kernel: opts.kernelVersion ?? DEFAULT_KERNEL, now: io.now, tag, args: argv.slice(1) };
    const emit = function* (lines: LogLine[]): Generator<ShellEffect, void, unknown> {
      for (const l of lines) yield { type: l.stream, text: l.text + '\n' };
    };
    const failure = model.fail?.(ctx);
    if (failure) {
      yield* emit(failure.lines);
      return failure.exitCode;
    }
    yield* emit(model.start?.(ctx) ?? []);
    if (model.exitCode !== undefined) return model.exitCode;
    yield { type: 'call', name: 'process.usage', payload: { cpuMillis: spec.cpuMillis, memoryBytes: spec.memoryBytes } };
    // Startup time varies a little between starts (±20%), drawn from the seeded source.
    yield { type: 'sleep', ms: Math.round(spec.readySeconds * 1000 * (0.8 + opts.random() * 0.4)) };
    yield { type: 'call', name: 'process.ready' };
    yield* emit(model.ready?.(ctx) ?? []);
    yield { type: 'sleep', ms: Infinity };
    return 0;
  };
}
