/**
 * Commands that look at the container itself, for `kubectl exec`: ls, ps, mkdir, rm, touch, id,
 * and nginx's own CLI (`nginx -v`, `nginx -t`, `nginx -s reload`). They work on the container's
 * view (rootfs.ts) and print what busybox or GNU coreutils print; which image has which is
 * decided in exec.ts.
 */
import { utf8Length } from '../../shell/builtins/util';
import { strftime } from '../../shell/calendar';
import type { Builtin, BuiltinIO, ShellEffect } from '../../shell/types';
import type { ContainerView, Userland } from './rootfs';

type Gen = Generator<ShellEffect, number, unknown>;
const out = (text: string): ShellEffect => ({ type: 'stdout', text });
const err = (text: string): ShellEffect => ({ type: 'stderr', text });

export interface ProcessEntry {
  pid: number;
  command: string;
}

export interface ToolContext {
  view: ContainerView;
  userland: Userland;
  /** The container's processes, PID 1 first; the running exec's own shell and `ps` included. */
  processes(): ProcessEntry[];
  /** Whether stdout is a terminal (`-t`): ls prints columns then. */
  tty: boolean;
  nginxVersion: string;
  /** The node's kernel release: containers share it (`uname -r`). */
  kernel: string;
}

function split(argv: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let dashed = false;
  for (const a of argv.slice(1)) {
    if (!dashed && a === '--') dashed = true;
    else if (!dashed && a.startsWith('-') && a.length > 1) for (const f of a.slice(1)) flags.add(f);
    else operands.push(a);
  }
  return { flags, operands };
}

/** Column-major layout as ls -C does it for an 80-column terminal. */
function columns(names: string[], width = 80): string {
  if (names.length === 0) return '';
  const w = Math.max(...names.map((n) => n.length)) + 2;
  const cols = Math.max(1, Math.floor(width / w));
  const rows = Math.ceil(names.length / cols);
  let text = '';
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < cols && c * rows + r < names.length; c++) row.push(names[c * rows + r]);
    text += row.map((n, i) => (i === row.length - 1 ? n : n.padEnd(w))).join('') + '\n';
  }
  return text;
}

function longLine(ctx: ToolContext, io: BuiltinIO, name: string, path: string): string {
  const dir = ctx.view.isDir(path);
  const size = dir ? 4096 : utf8Length(ctx.view.read(path) ?? '');
  const date = strftime('%b %e %H:%M', io.now());
  const mode = dir ? 'drwxr-xr-x' : '-rw-r--r--';
  return ctx.userland === 'busybox'
    ? `${mode}    ${dir ? 2 : 1} root     root     ${String(size).padStart(9)} ${date} ${name}\n`
    : `${mode} ${dir ? 2 : 1} root root ${String(size).padStart(4)} ${date} ${name}\n`;
}

export function ls(ctx: ToolContext): Builtin {
  return function* (argv, io): Gen {
    const { flags, operands } = split(argv);
    const targets = operands.length ? operands : ['.'];
    let status = 0;
    const blocks: string[] = [];
    const plainFiles: string[] = [];
    for (const t of targets) {
      const path = io.resolve(t);
      if (ctx.view.isDir(path)) continue;
      if (ctx.view.read(path) === undefined) {
        yield err(ctx.userland === 'busybox' ? `ls: ${t}: No such file or directory\n` : `ls: cannot access '${t}': No such file or directory\n`);
        status = ctx.userland === 'busybox' ? 1 : 2;
      } else plainFiles.push(t);
    }
    const render = (names: string[], dir: string) => {
      if (flags.has('l')) return names.map((n) => longLine(ctx, io, n, n === '.' || n === '..' ? dir : `${dir}/${n}`)).join('');
      return ctx.tty && !flags.has('1') ? columns(names) : names.map((n) => n + '\n').join('');
    };
    if (plainFiles.length) blocks.push(render(plainFiles, io.resolve('.')));
    const dirs = targets.filter((t) => ctx.view.isDir(io.resolve(t)));
    for (const t of dirs) {
      const path = io.resolve(t);
      let names = ctx.view.list(path) ?? [];
      if (!flags.has('a')) names = names.filter((n) => !n.startsWith('.'));
      else names = ['.', '..', ...names];
      const head = targets.length > 1 ? `${t}:\n` : '';
      const total = flags.has('l') ? `total ${names.length * 4}\n` : '';
      blocks.push(head + total + render(names, path));
    }
    if (blocks.length) yield out(blocks.join('\n'));
    return status;
  };
}

export function ps(ctx: ToolContext): Builtin {
  return function* (): Gen {
    const rows = ctx.processes().map((p) => `${String(p.pid).padStart(5)} root      0:00 ${p.command}\n`);
    yield out('PID   USER     TIME  COMMAND\n' + rows.join(''));
    return 0;
  };
}

export function mkdir(ctx: ToolContext): Builtin {
  return function* (argv, io): Gen {
    const { flags, operands } = split(argv);
    let status = 0;
    for (const d of operands) {
      const path = io.resolve(d);
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      if (ctx.view.isDir(path) || ctx.view.read(path) !== undefined) {
        if (flags.has('p')) continue;
        yield err(ctx.userland === 'busybox' ? `mkdir: can't create directory '${d}': File exists\n` : `mkdir: cannot create directory '${d}': File exists\n`);
        status = 1;
      } else if (ctx.view.writeError(path)) {
        yield err(ctx.userland === 'busybox' ? `mkdir: can't create directory '${d}': ${ctx.view.writeError(path)}\n` : `mkdir: cannot create directory '${d}': ${ctx.view.writeError(path)}\n`);
        status = 1;
      } else if (!flags.has('p') && !ctx.view.isDir(parent)) {
        yield err(ctx.userland === 'busybox' ? `mkdir: can't create directory '${d}': No such file or directory\n` : `mkdir: cannot create directory '${d}': No such file or directory\n`);
        status = 1;
      } else ctx.view.mkdir(path);
    }
    return status;
  };
}

export function rm(ctx: ToolContext): Builtin {
  return function* (argv, io): Gen {
    const { flags, operands } = split(argv);
    let status = 0;
    for (const f of operands) {
      const path = io.resolve(f);
      if (ctx.view.isDir(path) && !flags.has('r') && !flags.has('R')) {
        yield err(ctx.userland === 'busybox' ? `rm: '${f}' is a directory\n` : `rm: cannot remove '${f}': Is a directory\n`);
        status = 1;
      } else if (ctx.view.read(path) !== undefined && ctx.view.writeError(path)) {
        yield err(ctx.userland === 'busybox' ? `rm: can't remove '${f}': ${ctx.view.writeError(path)}\n` : `rm: cannot remove '${f}': ${ctx.view.writeError(path)}\n`);
        status = 1;
      } else if (!ctx.view.remove(path) && !ctx.view.isDir(path) && !flags.has('f')) {
        yield err(ctx.userland === 'busybox' ? `rm: can't remove '${f}': No such file or directory\n` : `rm: cannot remove '${f}': No such file or directory\n`);
        status = 1;
      }
    }
    return status;
  };
}

export function touch(ctx: ToolContext): Builtin {
  return function* (argv, io): Gen {
    let status = 0;
    for (const f of split(argv).operands) {
      const path = io.resolve(f);
      const why = ctx.view.writeError(path);
      if (why) {
        yield err(ctx.userland === 'busybox' ? `touch: ${f}: ${why}\n` : `touch: cannot touch '${f}': ${why}\n`);
        status = 1;
      } else if (ctx.view.read(path) === undefined && !ctx.view.isDir(path)) ctx.view.write(path, '', false);
    }
    return status;
  };
}

/** `uname [-snrma]`: the node's kernel, the container's hostname. */
export function uname(ctx: ToolContext): Builtin {
  return function* (argv, io): Gen {
    const flags = new Set(argv.slice(1).flatMap((a) => (a.startsWith('-') ? [...a.slice(1)] : [])));
    const host = io.env.get('HOSTNAME') ?? 'localhost';
    const fields: [string, string][] = [['s', 'Linux'], ['n', host], ['r', ctx.kernel], ['v', '#88-Ubuntu SMP'], ['m', 'x86_64']];
    const shown = flags.has('a') ? [...fields.map((f) => f[1]), 'GNU/Linux'] : fields.filter(([f]) => flags.has(f)).map((f) => f[1]);
    yield out((shown.length ? shown : ['Linux']).join(' ') + '\n');
    return 0;
  };
}

export const id: Builtin = function* () {
  yield out('uid=0(root) gid=0(root) groups=0(root)\n');
  return 0;
};

/** nginx's command line inside a running nginx container: the server already holds port 80. */
export function nginxCli(ctx: ToolContext): Builtin {
  return function* (argv, io): Gen {
    const args = argv.slice(1);
    const stamp = strftime('%Y/%m/%d %H:%M:%S', io.now());
    if (args.includes('-v')) {
      yield err(`nginx version: nginx/${ctx.nginxVersion}\n`);
      return 0;
    }
    if (args.includes('-t') || args.includes('-T')) {
      yield err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
      return 0;
    }
    const s = args.indexOf('-s');
    if (s >= 0) {
      // nginx -s sends the master (PID 1) the signal: stop = TERM, quit = QUIT, reload = HUP, reopen = USR1.
      const signal = { stop: 'TERM', quit: 'QUIT', reload: 'HUP', reopen: 'USR1' }[args[s + 1] ?? ''];
      if (!signal) {
        yield err(args[s + 1] === undefined ? 'nginx: option "-s" requires parameter\n' : `nginx: invalid option: "-s ${args[s + 1]}"\n`);
        return 1;
      }
      yield err(`${stamp} [notice] 38#38: signal process started\n`);
      yield { type: 'call', name: 'proc.signal', payload: { pid: 1, signal } };
      return 0;
    }
    const bind = `${stamp} [emerg] 38#38: bind() to 0.0.0.0:80 failed (98: Address already in use)\nnginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n`;
    yield err(bind.repeat(5) + `${stamp} [emerg] 38#38: still could not bind()\nnginx: [emerg] still could not bind()\n`);
    return 1;
  };
}
