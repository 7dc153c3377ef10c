/**
 * Running a command in a running container (the CRI's ExecSync/Exec): which programs the image
 * has, the environment the command sees, and the shell that runs it — a one-shot `argv`, a script
 * on stdin (`kubectl exec -i web -- sh <<EOF`), or an interactive shell reading lines as they are
 * typed (`kubectl exec -it web -- sh`; see shell/interactive.ts for the stdin protocol).
 *
 * What an image has: busybox-style images (busybox, alpine, `-alpine` tags, curl) have sh and
 * the busybox applets (ls, ps, wget, nslookup…); Debian-based images (nginx, redis, httpd…) have
 * sh, bash and coreutils but no ps, wget or nslookup; distroless images have only their program.
 */
import { coreBuiltins } from '../../shell/builtins';
import { runArgv } from '../../shell/run';
import { runInteractive } from '../../shell/interactive';
import type { Builtin, Dialect, ShellEffect, ShellState } from '../../shell/types';
import type { ImageSpec } from './catalog';
import { id, ls, mkdir, nginxCli, ps, rm, touch, uname, type ProcessEntry, type ToolContext } from './execTools';
import { imageSpec, parseImageRef } from './images';
import { kill } from './killTool';
import { NET_TOOLS } from './netTools';
import { DEFAULT_KERNEL } from './servers';
import { ContainerView, imageDirs, imageFiles, nginxVersion, userlandOf, type FileLayer, type ListableFs, type Userland, type VolumeView } from './rootfs';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ImageLayer {
  files: Record<string, string>;
  dirs: string[];
  userland: Userland;
  /** ENV of the image, PATH first. */
  env: [string, string][];
  /** WORKDIR */
  workingDir: string;
}

function resolve(image: string): { spec: ImageSpec; tag: string } | undefined {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return undefined;
  return { spec: imageSpec(parsed.ref), tag: parsed.ref.tag ?? 'latest' };
}

/** What an image brings to a container's file system and environment. */
export function imageLayer(image: string): ImageLayer {
  const r = resolve(image);
  if (!r) return { files: {}, dirs: [], userland: 'none', env: [['PATH', DEFAULT_PATH]], workingDir: '/' };
  const env: [string, string][] = [['PATH', DEFAULT_PATH]];
  if ('nginx' in r.spec.servers && r.spec.repository.endsWith('/nginx')) {
    const alpine = r.tag.includes('alpine');
    env.push(['NGINX_VERSION', nginxVersion(r.tag)], ['PKG_RELEASE', alpine ? '1' : '1~bookworm']);
  }
  env.push(...(r.spec.env?.(r.tag) ?? []));
  return { files: imageFiles(r.spec, r.tag), dirs: imageDirs(r.spec, r.tag), userland: userlandOf(r.spec, r.tag), env, workingDir: '/' };
}

export interface ExecInput {
  image: string;
  /** The container's command and args: PID 1, as `ps` shows it. */
  command?: string[];
  args?: string[];
  argv: string[];
  /** What the kubelet sets: the container's env and the service links, in order. */
  env: [string, string][];
  hostname: string;
  /** Files the kubelet mounts (/etc/hosts, the service-account token…). */
  mounts: Record<string, string>;
  /** The container process's own files (replayed with it), under the exec layer. */
  processFs?: ListableFs;
  /** The exec layer: plain JSON kept by the kubelet for this container instance. */
  top: FileLayer;
  /** The pod's volumes this container mounts (kubelet/volumes.ts), over everything else. */
  volumes?: VolumeView[];
  /** The node's kernel release. */
  kernelVersion?: string;
  /** The PID this exec's process gets. */
  pid: number;
  now(): number;
  workingDir?: string;
  /** Standard input given whole (a pipe, a heredoc). */
  stdin?: string;
  /** Standard input is a live stream: lines come through `stdin.readLine` calls. */
  live?: boolean;
  tty?: boolean;
}

/** What a container's file view is made of (see rootfs.ts). */
export type FileViewInput = Pick<ExecInput, 'image' | 'mounts' | 'processFs' | 'top' | 'volumes'>;

function containerView(input: FileViewInput): ContainerView {
  const layer = imageLayer(input.image);
  return new ContainerView({ ...layer.files, ...input.mounts }, layer.dirs, input.processFs, input.top, input.volumes);
}

/** A file of the running container, as its own programs (a web server) read it. */
export function readContainerFile(input: FileViewInput, path: string): string | undefined {
  return containerView(input).read(path);
}

export type ExecStart = { ok: true; run: Generator<ShellEffect, number, unknown> } | { ok: false; message: string };

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const SHELLS = new Set(['sh', 'ash', 'bash']);

function tools(spec: ImageSpec, userland: Userland, ctx: ToolContext): Record<string, Builtin> {
  const cmds: Record<string, Builtin> = {};
  if (userland !== 'none') Object.assign(cmds, { ls: ls(ctx), mkdir: mkdir(ctx), rm: rm(ctx), touch: touch(ctx), id, uname: uname(ctx) });
  if (userland === 'busybox') cmds.ps = ps(ctx);
  for (const tool of spec.tools) cmds[tool] = NET_TOOLS[tool];
  if ('nginx' in spec.servers) cmds.nginx = nginxCli(ctx);
  if (userland !== 'none') cmds.kill = kill(ctx);
  return cmds;
}

/** Shell builtins an image has no program for: Debian images lack procps's /bin/kill. */
const builtinOnly = (name: string, userland: Userland) => userland === 'debian' && name === 'kill';

function executable(name: string, userland: Userland, cmds: Record<string, Builtin>): boolean {
  const b = base(name);
  if (Object.hasOwn(cmds, name) || Object.hasOwn(cmds, b)) return true;
  if (userland === 'none') return false;
  if (b === 'sh' || (b === 'bash' && userland === 'debian')) return true;
  return Object.hasOwn(coreBuiltins, b);
}

/** runc's words for a program that is not there. */
function notFound(name: string): string {
  const why = name.includes('/') ? `exec: "${name}": stat ${name}: no such file or directory` : `exec: "${name}": executable file not found in $PATH`;
  return `OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`;
}

function promptFor(userland: Userland, dialect: Dialect, hostname: string, state: ShellState): string {
  const home = state.vars.get('HOME') ?? '/root';
  const cwd = state.cwd === home ? '~' : state.cwd;
  if (dialect === 'bash') return `root@${hostname}:${cwd}# `;
  return userland === 'busybox' ? `${cwd} # ` : '# ';
}

/** PID 1's command line: an entrypoint wrapper that `exec`s its arguments is gone by then. */
function mainCommand(spec: ImageSpec, input: ExecInput): string {
  const argv = input.command?.length ? [...input.command, ...(input.args ?? [])] : [...spec.entrypoint, ...(input.args ?? spec.cmd)];
  const wrapped = argv.length > 1 && spec.wrappers?.some((w) => base(w) === base(argv[0]));
  return (wrapped ? argv.slice(1) : argv).join(' ');
}

/** As containerd builds it: the image's PATH, HOSTNAME, the rest of the image's ENV, the kubelet's, HOME. */
function environment(layer: ImageLayer, input: ExecInput): Map<string, string> {
  const [path, ...rest] = layer.env;
  const env = new Map<string, string>([path, ['HOSTNAME', input.hostname], ...rest]);
  for (const [k, v] of input.env) env.set(k, v);
  if (!env.has('HOME')) env.set('HOME', '/root');
  return env;
}

export function startExec(input: ExecInput): ExecStart {
  const r = resolve(input.image);
  const argv = input.argv;
  if (!r || argv.length === 0) return { ok: false, message: notFound(argv[0] ?? '') };
  const userland = userlandOf(r.spec, r.tag);
  const program = base(argv[0]);
  const isShell = SHELLS.has(program) && userland !== 'none';
  const processes = (): ProcessEntry[] => {
    const list = [{ pid: 1, command: mainCommand(r.spec, input) }, { pid: input.pid, command: argv.join(' ') }];
    if (isShell) list.push({ pid: input.pid + 6, command: 'ps' });
    return list;
  };
  const layer = imageLayer(input.image);
  const view = containerView(input);
  const ctx: ToolContext = { view, userland, processes, tty: !!input.tty, nginxVersion: nginxVersion(r.tag), kernel: input.kernelVersion ?? DEFAULT_KERNEL };
  const cmds = tools(r.spec, userland, ctx);
  if (!executable(argv[0], userland, cmds) || builtinOnly(argv[0], userland)) return { ok: false, message: notFound(argv[0]) };
  const dialect: Dialect = program === 'bash' ? 'bash' : 'ash';
  const env = environment(layer, input);
  const shellCtx = { dialect, env, builtins: cmds, fs: view, now: input.now, cwd: input.workingDir || layer.workingDir, argv0: argv[0] };
  const reads = isShell && !argv.slice(1).some((a) => a === '-c' || !a.startsWith('-'));
  if (input.live && reads) {
    const run = runInteractive({ ...shellCtx, env: new Map(env) }, { tty: !!input.tty, prompt: (st) => promptFor(userland, dialect, input.hostname, st) });
    return { ok: true, run };
  }
  // A one-shot command, or a shell whose script is in -c, a file, or the whole of stdin.
  return { ok: true, run: runArgv(argv, { ...shellCtx, stdin: input.stdin ?? '' }) };
}
