/**
 * The container runtime the kubelet uses by default: `runtime/` (image catalog and pulls,
 * process models, the shell) adapted to the kubelet's port (runtimePort.ts).
 *
 * SIGTERM is decided here, as the runtime's process model has no signals yet: a server program
 * of the image (nginx, redis, the generic /app/server…) shuts down within a fraction of a second
 * and exits 0; anything else running as PID 1 (a shell, `sleep`, `stress`) has no handler, so
 * the kernel ignores SIGTERM for it and the kubelet's SIGKILL ends it (exit 137).
 */
import type { Container } from 'kubernetes-types/core/v1';
import { runArgv } from '../shell/run';
import { Random } from '../sim/random';
import { containerArgv, imageId, imageSize, imageSpec, parseImageRef, pullImage, startProcess as runtimeProcess } from './runtime';
import { readContainerFile, startExec } from './runtime/exec';
import { parseImage } from './runtime/process';
import type { ContainerProcess, ContainerRuntime, ExecResult, ImageResolution, Platform, ProcEffect, ProcessInput, ProcExit } from './runtimePort';

/** A pull of an image whose layers are all on the node: manifest round trips only. */
const CACHED_PULL_MS: [number, number] = [300, 900];
const SERVER_SHUTDOWN_MS: [number, number] = [50, 250];

/**
 * resolveImage is a pure function of the reference and the node's OS, asked on every pull and
 * container start: answers are remembered (a bounded cache; callers only read them).
 */
const resolved = new Map<string, Map<string, ImageResolution>>();
const RESOLVED_MAX = 1024;

export function resolveImage(image: string, platform: Platform): ImageResolution {
  // By OS, then by reference: no key string to build per ask.
  let forOs = resolved.get(platform.os);
  if (!forOs) resolved.set(platform.os, (forOs = new Map()));
  let r = forOs.get(image);
  if (!r) {
    if (forOs.size >= RESOLVED_MAX) forOs.clear();
    r = resolveImageUncached(image, platform);
    forOs.set(image, r);
  }
  return r;
}

function resolveImageUncached(image: string, platform: Platform): ImageResolution {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return { ok: false, reason: 'InvalidImageName', message: parsed.message };
  const ref = parsed.ref;
  const result = pullImage(ref, () => 0.5);
  if (!result.ok) return { ok: false, reason: 'ErrImagePull', message: result.error };
  if (imageSpec(ref).os !== platform.os) {
    const message = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": no match for platform in manifest: not found`;
    return { ok: false, reason: 'ErrImagePull', message };
  }
  return { ok: true, ref: ref.full, imageID: imageId(ref), size: imageSize(ref) };
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Whether the container's PID 1 is one of the image's servers (which handle SIGTERM). */
function runsServer(container: Container): boolean {
  const parsed = parseImage(container.image ?? '');
  if (!parsed.ok) return false;
  const spec = imageSpec(parsed.ref);
  let argv = containerArgv(spec, container.command, container.args);
  if (spec.wrappers?.some((w) => base(w) === base(argv[0] ?? '')) && argv.length > 1) argv = argv.slice(1);
  const program = base(argv[0] ?? '');
  return Object.keys(spec.servers).some((s) => base(s) === program);
}

function startProcess(input: ProcessInput): ContainerProcess {
  const c = input.container;
  const random = new Random(input.seed);
  const parsed = parseImage(c.image ?? '');
  const ports = parsed.ok ? imageSpec(parsed.ref).ports : NO_PORTS;
  // The runtime's effects are the port's (ProcEffect): the generator is handed over as it is.
  const gen: Generator<ProcEffect, ProcExit, unknown> = runtimeProcess({
    image: c.image ?? '',
    command: c.command,
    args: c.args,
    env: c.env ? c.env.map(envEntry) : NO_ENV,
    hostname: input.pod.spec?.hostname ?? input.pod.metadata.name,
    now: input.now(),
    // Bound rather than a closure: nothing captured but the generator.
    random: random.next.bind(random),
    podIP: input.podIP,
    kernelVersion: input.kernelVersion,
    memoryLimitBytes: input.memoryLimitBytes,
    fs: input.fs,
    readyPorts: ports.length ? readyPorts(ports, c) : undefined,
  });
  return new DefaultProcess(gen, c, random);
}

/** A class rather than closures: one object per container process. */
class DefaultProcess implements ContainerProcess {
  /** Asked only when the container is stopped (a pure function of its spec, which does not change). */
  private server: boolean | undefined;

  constructor(
    readonly gen: Generator<ProcEffect, ProcExit, unknown>,
    private readonly container: Container,
    private readonly random: Random,
  ) {}

  sigterm(): { ms: number; exitCode: number } | 'ignore' {
    return (this.server ??= runsServer(this.container)) ? { ms: SERVER_SHUTDOWN_MS[0] + this.random.int(SERVER_SHUTDOWN_MS[1] - SERVER_SHUTDOWN_MS[0]), exitCode: 0 } : 'ignore';
  }
}

const NO_PORTS: number[] = [];
/** Read only (the runtime only reads the list). */
const NO_ENV: { name: string; value: string }[] = [];

function envEntry(e: { name: string; value?: string }): { name: string; value: string } {
  return { name: e.name, value: e.value ?? '' };
}

/** The image's ports then the container's declared ones, each once, in that order. */
function readyPorts(ports: readonly number[], c: Container): number[] {
  if (!c.ports?.length) return imagePortList(ports);
  const out = distinctPorts(ports);
  for (const p of c.ports) if (!out.includes(p.containerPort)) out.push(p.containerPort);
  return out;
}

function distinctPorts(ports: readonly number[]): number[] {
  const out: number[] = [];
  for (const p of ports) if (!out.includes(p)) out.push(p);
  return out;
}

/**
 * A container that declares no ports listens on its image's: one list per image spec (specs are
 * shared and read only, and so is the list: the kubelet copies what it keeps).
 */
const imagePortLists = new WeakMap<readonly number[], number[]>();

function imagePortList(ports: readonly number[]): number[] {
  let list = imagePortLists.get(ports);
  if (!list) imagePortLists.set(ports, (list = distinctPorts(ports)));
  return list;
}

/** Runs a command to completion (exec probes): sleeps add up, host calls get no answer. */
function exec(argv: string[], fs: ProcessInput['fs'], now: () => number, env: Record<string, string>): ExecResult {
  const start = now();
  let ms = 0;
  let output = '';
  const gen = runArgv(argv, { dialect: 'ash', env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...env }, fs, now: () => start + ms, cwd: '/' });
  for (let steps = 0; steps < 100_000; steps++) {
    const r = gen.next(undefined);
    if (r.done) return { exitCode: r.value, output, ms };
    const e = r.value;
    if (e.type === 'stdout' || e.type === 'stderr') output += e.text;
    else if (e.type === 'sleep') {
      ms += e.ms;
      if (!Number.isFinite(ms)) break;
    }
  }
  return { exitCode: 137, output, ms: Infinity };
}

export function defaultRuntime(): ContainerRuntime {
  return {
    resolveImage,
    pullDuration(image, layersCached, random) {
      if (layersCached) return CACHED_PULL_MS[0] + Math.floor(random() * (CACHED_PULL_MS[1] - CACHED_PULL_MS[0]));
      const parsed = parseImageRef(image.ref);
      return parsed.ok ? pullImage(parsed.ref, random).durationMs : 1000;
    },
    pullFailureDuration(random) {
      return Math.round(400 * (0.75 + random() * 0.5));
    },
    startProcess,
    exec,
    execSession: startExec,
    readFile: readContainerFile,
  };
}
