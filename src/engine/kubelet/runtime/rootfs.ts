/**
 * What a container's file system looks like from inside (`kubectl exec … -- ls /`): the image's
 * directories and the few files worth reading, the files the kubelet mounts (/etc/hosts,
 * /etc/resolv.conf, the service-account token…), what the container's own process wrote, and
 * on top what exec sessions wrote. Writes go to the top layer only, so they last as long as the
 * container instance does: a restart starts from the image again.
 *
 * Volumes are mounted over all of that: under a volume's mount path the container sees only the
 * volume — an emptyDir's files (kept by the kubelet for the pod, shared by every container that
 * mounts it, plus what those containers' own processes wrote there), or a configMap's/secret's
 * keys as read-only files. A write to a read-only mount fails with EROFS.
 */
import type { ShellFs } from '../../shell/types';
import type { ImageSpec } from './catalog';
import { versionOf } from './servers';

/** Which userland an image ships: busybox applets, a Debian-style coreutils + bash, or nothing (distroless). */
export type Userland = 'busybox' | 'debian' | 'none';

export function userlandOf(spec: ImageSpec, tag: string): Userland {
  if (!spec.shell) return 'none';
  if (tag.includes('alpine') || /\/(busybox|alpine|curl|stress)$/.test(spec.repository)) return 'busybox';
  return 'debian';
}

const TOP_DIRS: Record<Userland, string[]> = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
  debian: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  none: ['dev', 'etc', 'proc', 'sys'],
};

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** The nginx version an image tag runs (`1.27` → `1.27.3`), as its banner and `nginx -v` print it. */
export function nginxVersion(tag: string): string {
  return versionOf(tag, '1.27.3', { '1.25': '1.25.5', '1.26': '1.26.2', '1.27': '1.27.3', '1': '1.27.3' });
}

function osRelease(userland: Userland, tag: string, spec: ImageSpec): Record<string, string> {
  if (userland === 'busybox' && !spec.repository.endsWith('/busybox')) {
    return {
      '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
      '/etc/alpine-release': '3.21.3\n',
    };
  }
  if (userland !== 'debian' || /ubuntu|mongo/.test(spec.repository) || tag.includes('bullseye')) return {};
  return {
    '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
    '/etc/debian_version': '12.9\n',
  };
}

/** Files an image ships that learners look at. */
export function imageFiles(spec: ImageSpec, tag: string): Record<string, string> {
  const userland = userlandOf(spec, tag);
  const files: Record<string, string> = { ...osRelease(userland, tag, spec) };
  if (userland !== 'none') {
    files['/etc/passwd'] = userland === 'busybox'
      ? 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n'
      : 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
  }
  if ('nginx' in spec.servers) {
    files['/etc/nginx/conf.d/default.conf'] = NGINX_DEFAULT_CONF;
    files['/usr/share/nginx/html/index.html'] = NGINX_INDEX;
    files['/usr/share/nginx/html/50x.html'] = '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n';
    files['/docker-entrypoint.sh'] = '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n';
  }
  Object.assign(files, spec.files?.(tag));
  return files;
}

/** The image's top-level directories (plus the ones its files live in). */
export function imageDirs(spec: ImageSpec, tag: string): string[] {
  return TOP_DIRS[userlandOf(spec, tag)].map((d) => `/${d}`);
}

/** A layer that can be listed: a path → content map, `null` marking a removed file. */
export type FileLayer = Record<string, string | null>;

export interface ListableFs extends ShellFs {
  /** Every file path the layer holds. */
  paths?(): string[];
}

/** `/data/`, `data//x/.` → `/data`, `/data/x`: paths as a container's filesystem and mounts key them. */
export function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

/** A volume as one container mounts it. Paths in `files` are relative to the mount (`/key`). */
export interface VolumeView {
  /** The mount path inside the container. */
  path: string;
  /** The volume's own files (JSON, changed in place for a writable emptyDir). */
  files: FileLayer;
  readOnly: boolean;
  /** Processes of the pod's containers that mount it, each with its own mount path. */
  sources?: { fs: ListableFs; path: string }[];
}

/**
 * The container's view: `top` (exec writes, kept in the kubelet's state) over the process's own
 * files over the read-only `base` (image + kubelet mounts). Directories are the image's, those
 * made with mkdir, and every parent of a file.
 */
export class ContainerView implements ShellFs {
  constructor(
    private readonly base: Readonly<Record<string, string>>,
    private readonly baseDirs: readonly string[],
    private readonly process: ListableFs | undefined,
    /** Plain JSON, changed in place: files, `null` for removed ones, `dir:` + path for made directories. */
    readonly top: FileLayer,
    private readonly volumes: readonly VolumeView[] = [],
  ) {}

  /** The volume mounted at or above `p` (the deepest one), with `p` relative to it. */
  private mountOf(p: string): { vol: VolumeView; rel: string } | undefined {
    let found: VolumeView | undefined;
    for (const v of this.volumes) {
      if ((p === v.path || p.startsWith(v.path === '/' ? '/' : v.path + '/')) && (!found || v.path.length > found.path.length)) found = v;
    }
    return found && { vol: found, rel: p.slice(found.path.length).replace(/^(?!\/)/, '/') };
  }

  /** A running process's own writes are the newest; `null` marks a file removed through exec. */
  private volumeRead(vol: VolumeView, rel: string): string | undefined {
    if (vol.files[rel] === null) return undefined;
    for (const s of vol.sources ?? []) {
      // Only what the process wrote: what it was started with may be older than the volume.
      if (s.fs.paths && !s.fs.paths().includes(s.path + rel)) continue;
      const text = s.fs.read(s.path + rel);
      if (text !== undefined) return text;
    }
    return vol.files[rel] ?? undefined;
  }

  private volumeFiles(vol: VolumeView): string[] {
    const rels = new Set<string>();
    for (const s of vol.sources ?? []) for (const f of s.fs.paths?.() ?? []) if (f.startsWith(s.path + '/')) rels.add(f.slice(s.path.length));
    for (const [k, v] of Object.entries(vol.files)) {
      if (k.startsWith('dir:')) continue;
      if (v === null) rels.delete(k);
      else rels.add(k);
    }
    return [...rels].map((r) => (vol.path === '/' ? r : vol.path + r));
  }

  /** Why a write to `path` fails (`Read-only file system`), or undefined when it may. */
  writeError(path: string): string | undefined {
    return this.mountOf(normalisePath(path))?.vol.readOnly ? 'Read-only file system' : undefined;
  }

  read(path: string): string | undefined {
    const p = normalisePath(path);
    const m = this.mountOf(p);
    if (m) return this.volumeRead(m.vol, m.rel);
    if (Object.hasOwn(this.top, p)) return this.top[p] ?? undefined;
    return this.process?.read(p) ?? (Object.hasOwn(this.base, p) ? this.base[p] : undefined);
  }

  write(path: string, text: string, append: boolean): void {
    const p = normalisePath(path);
    const m = this.mountOf(p);
    if (m?.vol.readOnly) return;
    const layer = m ? m.vol.files : this.top;
    layer[m ? m.rel : p] = append ? (this.read(p) ?? '') + text : text;
  }

  remove(path: string): boolean {
    const p = normalisePath(path);
    if (this.read(p) === undefined) return false;
    const m = this.mountOf(p);
    if (m?.vol.readOnly) return false;
    if (m) m.vol.files[m.rel] = null;
    else this.top[p] = null;
    return true;
  }

  mkdir(path: string): void {
    const p = normalisePath(path);
    const m = this.mountOf(p);
    if (m?.vol.readOnly) return;
    if (m) m.vol.files[`dir:${m.rel}`] = '';
    else this.top[`dir:${p}`] = '';
  }

  isDir(path: string): boolean {
    const p = normalisePath(path);
    if (p === '/') return true;
    const m = this.mountOf(p);
    if (m) {
      if (m.rel === '/' || Object.hasOwn(m.vol.files, `dir:${m.rel}`)) return true;
      return this.volumeFiles(m.vol).some((f) => f.startsWith(p + '/'));
    }
    if (this.volumes.some((v) => v.path.startsWith(p + '/'))) return true;
    if (this.baseDirs.includes(p) || Object.hasOwn(this.top, `dir:${p}`)) return true;
    const prefix = p + '/';
    return this.files().some((f) => f.startsWith(prefix));
  }

  /** Names directly inside `dir`, sorted; undefined when it is not a directory. */
  list(dir: string): string[] | undefined {
    const d = normalisePath(dir);
    if (!this.isDir(d)) return undefined;
    const prefix = d === '/' ? '/' : d + '/';
    const names = new Set<string>();
    const add = (path: string) => {
      if (path.startsWith(prefix) && path.length > prefix.length) names.add(path.slice(prefix.length).split('/')[0]);
    };
    const m = this.mountOf(d);
    if (!m) {
      for (const x of this.baseDirs) add(x);
      for (const k of Object.keys(this.top)) if (k.startsWith('dir:')) add(k.slice(4));
    }
    for (const v of this.volumes) {
      add(v.path);
      for (const k of Object.keys(v.files)) if (k.startsWith('dir:')) add(v.path === '/' ? k.slice(4) : v.path + k.slice(4));
    }
    for (const f of this.files()) add(f);
    return [...names].sort();
  }

  private files(): string[] {
    const all = new Set([...Object.keys(this.base), ...(this.process?.paths?.() ?? [])]);
    for (const [k, v] of Object.entries(this.top)) {
      if (k.startsWith('dir:')) continue;
      if (v === null) all.delete(k);
      else all.add(k);
    }
    // A mount hides what the image and the container wrote below its path.
    const shown = [...all].filter((f) => !this.mountOf(f) && this.read(f) !== undefined);
    for (const v of this.volumes) shown.push(...this.volumeFiles(v).filter((f) => this.mountOf(f)?.vol === v && this.read(f) !== undefined));
    return shown;
  }
}
