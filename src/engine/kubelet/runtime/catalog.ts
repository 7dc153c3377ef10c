/**
 * The images the sandbox knows, keyed by repository (`docker.io/library/nginx`). Sizes are
 * compressed linux/amd64 (windows/amd64 for Windows) download sizes of recent tags; CPU and
 * memory are what an idle instance uses, for `kubectl top` and eviction.
 */
import * as S from './servers';
import type { ServerModel } from './servers';

export type NetTool = 'nc' | 'wget' | 'curl' | 'nslookup';

/** Which tags exist: named tags, and versions `MAJOR[.MINOR[.PATCH]][-SUFFIX]` with MINOR ≤ the map's value. */
export interface TagRule {
  named: string[];
  versions?: Record<number, number>;
  suffixes?: string[];
  /** Any syntactically valid tag exists (images we cannot enumerate). */
  any?: boolean;
}

export interface ImageSpec {
  repository: string;
  os: 'linux' | 'windows';
  /** Has /bin/sh and the usual utilities (busybox applets or coreutils). */
  shell: boolean;
  entrypoint: string[];
  cmd: string[];
  /** The server program the entrypoint runs, by command name (`nginx`, `redis-server`). */
  servers: Record<string, ServerModel>;
  /** Entrypoint wrappers that `exec "$@"` anything that is not their server (`docker-entrypoint.sh`). */
  wrappers?: string[];
  tools: NetTool[];
  ports: number[];
  readySeconds: number;
  sizeBytes: number;
  /** Size of `-alpine` variants. */
  alpineSizeBytes?: number;
  cpuMillis: number;
  memoryBytes: number;
  tags: TagRule;
  /** Files the image ships beyond the userland's (`/server.js`), by tag. */
  files?(tag: string): Record<string, string>;
  /** The image's ENV after PATH (`NODE_VERSION`), by tag. */
  env?(tag: string): [string, string][];
}

const MB = 1_000_000;
const MiB = 1024 * 1024;
const BUSYBOX_TOOLS: NetTool[] = ['nc', 'wget', 'nslookup'];

type Defaulted = 'os' | 'shell' | 'tools' | 'ports' | 'servers' | 'entrypoint' | 'cmd' | 'readySeconds';
type ImageInput = Omit<ImageSpec, Defaulted> & Partial<Pick<ImageSpec, Defaulted>>;

function image(spec: ImageInput): ImageSpec {
  return { os: 'linux', shell: true, tools: [], ports: [], servers: {}, entrypoint: [], cmd: [], readySeconds: 1, ...spec };
}

const DEBIAN_SUFFIXES = ['alpine', 'bookworm', 'bullseye', 'slim', 'alpine3.20', 'alpine3.21', 'perl', 'alpine-slim', 'management', 'management-alpine'];

/** The Kubernetes basics tutorial's app: node 6.3.1 (Debian jessie) running /server.js on 8080. */
const bootcamp = (repository: string): ImageSpec => image({
  repository, cmd: ['/bin/sh', '-c', 'node server.js'], servers: { node: S.kubernetesBootcamp }, tools: ['curl', 'wget'], ports: [8080],
  sizeBytes: 83 * MB, cpuMillis: 1, memoryBytes: 12 * MiB, tags: { named: ['v1', 'v2'] },
  files: (tag) => ({ '/server.js': S.bootcampServerJs(tag) }),
  env: () => [['NPM_CONFIG_LOGLEVEL', 'info'], ['NODE_VERSION', '6.3.1']],
});

export const CATALOG: ImageSpec[] = [
  bootcamp('gcr.io/google-samples/kubernetes-bootcamp'),
  bootcamp('docker.io/jocatalin/kubernetes-bootcamp'),
  image({
    repository: 'docker.io/library/nginx', entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'],
    servers: { nginx: S.nginx }, wrappers: ['/docker-entrypoint.sh'], ports: [80], readySeconds: 1,
    sizeBytes: 72 * MB, alpineSizeBytes: 20 * MB, cpuMillis: 1, memoryBytes: 4 * MiB,
    tags: { named: ['latest', 'stable', 'mainline', 'alpine', 'alpine-slim', 'perl', 'bookworm', 'stable-alpine', 'mainline-alpine'], versions: { 1: 29 }, suffixes: DEBIAN_SUFFIXES },
  }),
  image({
    repository: 'docker.io/library/redis', entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'],
    servers: { 'redis-server': S.redis }, wrappers: ['docker-entrypoint.sh'], ports: [6379], readySeconds: 1,
    sizeBytes: 45 * MB, alpineSizeBytes: 17 * MB, cpuMillis: 2, memoryBytes: 8 * MiB,
    tags: { named: ['latest', 'alpine', 'bookworm'], versions: { 2: 8, 3: 2, 4: 0, 5: 0, 6: 2, 7: 4, 8: 0 }, suffixes: DEBIAN_SUFFIXES },
  }),
  image({
    repository: 'registry.k8s.io/redis', cmd: ['redis-server'], servers: { 'redis-server': S.redis }, ports: [6379],
    sizeBytes: 36 * MB, cpuMillis: 2, memoryBytes: 8 * MiB, tags: { named: ['e2e'] },
  }),
  image({
    repository: 'gcr.io/google_samples/gb-redisslave', cmd: ['/run.sh'], servers: { '/run.sh': S.redis }, ports: [6379],
    sizeBytes: 38 * MB, cpuMillis: 2, memoryBytes: 8 * MiB, tags: { named: ['v1', 'v2', 'v3'] },
  }),
  image({
    repository: 'gcr.io/google-samples/gb-frontend', entrypoint: ['apache2-foreground'], servers: { 'apache2-foreground': S.guestbookFrontend },
    ports: [80], readySeconds: 2, sizeBytes: 139 * MB, cpuMillis: 1, memoryBytes: 20 * MiB, tags: { named: ['v4', 'v5', 'v6'] },
  }),
  image({
    repository: 'mcr.microsoft.com/oss/bitnami/redis', entrypoint: ['/opt/bitnami/scripts/redis/entrypoint.sh'],
    cmd: ['/opt/bitnami/scripts/redis/run.sh'], servers: { '/opt/bitnami/scripts/redis/run.sh': S.bitnamiRedis },
    wrappers: ['/opt/bitnami/scripts/redis/entrypoint.sh'], ports: [6379], readySeconds: 2,
    sizeBytes: 35 * MB, cpuMillis: 2, memoryBytes: 8 * MiB, tags: { named: ['6.0.8', '6.0.16', '7.0.5'] },
  }),
  image({
    repository: 'mcr.microsoft.com/azuredocs/azure-vote-front', entrypoint: ['/entrypoint.sh'], cmd: ['/start.sh'],
    servers: { '/start.sh': S.uwsgiNginx }, wrappers: ['/entrypoint.sh'], ports: [80], readySeconds: 3,
    sizeBytes: 364 * MB, cpuMillis: 2, memoryBytes: 48 * MiB, tags: { named: ['v1', 'v2', 'v3'] },
  }),
  image({
    repository: 'ghcr.io/azure-samples/aks-store-demo/order-service', cmd: ['node', 'index.js'], servers: { node: S.fastify },
    ports: [3000], readySeconds: 2, sizeBytes: 58 * MB, cpuMillis: 1, memoryBytes: 40 * MiB, tags: { named: ['latest'], versions: { 1: 5, 2: 2 } },
  }),
  image({
    repository: 'ghcr.io/azure-samples/aks-store-demo/product-service', shell: false, entrypoint: ['/app/product-service'],
    servers: { '/app/product-service': S.productService }, ports: [3002], readySeconds: 1,
    sizeBytes: 7 * MB, cpuMillis: 1, memoryBytes: 3 * MiB, tags: { named: ['latest'], versions: { 1: 5, 2: 2 } },
  }),
  image({
    repository: 'ghcr.io/azure-samples/aks-store-demo/store-front', entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'],
    servers: { nginx: S.nginx }, wrappers: ['/docker-entrypoint.sh'], ports: [8080], readySeconds: 1,
    sizeBytes: 25 * MB, cpuMillis: 1, memoryBytes: 6 * MiB, tags: { named: ['latest'], versions: { 1: 5, 2: 2 } },
  }),
  image({
    repository: 'docker.io/library/httpd', cmd: ['httpd-foreground'], servers: { 'httpd-foreground': S.httpd }, ports: [80],
    sizeBytes: 58 * MB, alpineSizeBytes: 22 * MB, cpuMillis: 1, memoryBytes: 8 * MiB,
    tags: { named: ['latest', 'alpine', 'bookworm'], versions: { 2: 4 }, suffixes: DEBIAN_SUFFIXES },
  }),
  image({
    repository: 'docker.io/library/postgres', entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], servers: { postgres: S.postgres },
    wrappers: ['docker-entrypoint.sh'], ports: [5432], readySeconds: 4, sizeBytes: 153 * MB, alpineSizeBytes: 104 * MB,
    cpuMillis: 3, memoryBytes: 40 * MiB, tags: { named: ['latest', 'alpine', 'bookworm'], versions: { 9: 6, 10: 23, 11: 22, 12: 22, 13: 18, 14: 15, 15: 10, 16: 6, 17: 2 }, suffixes: DEBIAN_SUFFIXES },
  }),
  image({
    repository: 'docker.io/library/mysql', entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], servers: { mysqld: S.mysql },
    wrappers: ['docker-entrypoint.sh'], ports: [3306, 33060], readySeconds: 15, sizeBytes: 170 * MB, cpuMillis: 5, memoryBytes: 360 * MiB,
    tags: { named: ['latest', 'lts', 'innovation', 'oracle', 'debian'], versions: { 5: 7, 8: 4, 9: 1 }, suffixes: ['oracle', 'debian', 'bookworm'] },
  }),
  image({
    repository: 'docker.io/library/mongo', entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'], servers: { mongod: S.mongo },
    wrappers: ['docker-entrypoint.sh'], ports: [27017], readySeconds: 3, sizeBytes: 285 * MB, cpuMillis: 5, memoryBytes: 90 * MiB,
    tags: { named: ['latest', 'jammy', 'noble'], versions: { 4: 4, 5: 0, 6: 0, 7: 0, 8: 0 }, suffixes: ['jammy', 'noble', 'focal'] },
  }),
  image({
    repository: 'docker.io/library/rabbitmq', entrypoint: ['docker-entrypoint.sh'], cmd: ['rabbitmq-server'],
    servers: { 'rabbitmq-server': S.rabbitmq }, wrappers: ['docker-entrypoint.sh'], ports: [5672, 15672], readySeconds: 12,
    sizeBytes: 110 * MB, alpineSizeBytes: 98 * MB, cpuMillis: 6, memoryBytes: 110 * MiB,
    tags: { named: ['latest', 'alpine', 'management', 'management-alpine'], versions: { 3: 13, 4: 3 }, suffixes: DEBIAN_SUFFIXES },
  }),
  image({
    repository: 'docker.io/library/memcached', entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'], servers: { memcached: S.silent },
    wrappers: ['docker-entrypoint.sh'], ports: [11211], sizeBytes: 30 * MB, alpineSizeBytes: 4 * MB, cpuMillis: 1, memoryBytes: 2 * MiB,
    tags: { named: ['latest', 'alpine', 'bookworm'], versions: { 1: 6 }, suffixes: DEBIAN_SUFFIXES },
  }),
  image({
    repository: 'docker.io/library/busybox', cmd: ['sh'], tools: BUSYBOX_TOOLS, sizeBytes: 2_200_000, cpuMillis: 0, memoryBytes: 300_000,
    tags: { named: ['latest', 'stable', 'musl', 'glibc', 'uclibc'], versions: { 1: 37 }, suffixes: ['musl', 'glibc', 'uclibc'] },
  }),
  image({
    repository: 'docker.io/library/alpine', cmd: ['/bin/sh'], tools: BUSYBOX_TOOLS, sizeBytes: 3_600_000, cpuMillis: 0, memoryBytes: 400_000,
    tags: { named: ['latest', 'edge'], versions: { 3: 21 } },
  }),
  image({
    repository: 'docker.io/library/ubuntu', cmd: ['/bin/bash'], sizeBytes: 29_700_000, cpuMillis: 0, memoryBytes: 600_000,
    tags: { named: ['latest', 'rolling', 'jammy', 'noble', 'focal', 'oracular'], versions: { 18: 4, 20: 4, 22: 10, 24: 10 } },
  }),
  image({
    repository: 'docker.io/library/debian', cmd: ['bash'], sizeBytes: 48_500_000, cpuMillis: 0, memoryBytes: 600_000,
    tags: { named: ['latest', 'stable', 'bookworm', 'bullseye', 'trixie', 'bookworm-slim', 'bullseye-slim', 'stable-slim'], versions: { 10: 13, 11: 11, 12: 9 } },
  }),
  image({
    repository: 'docker.io/curlimages/curl', entrypoint: ['/entrypoint.sh'], cmd: ['curl'], wrappers: ['/entrypoint.sh'],
    tools: ['curl', 'nc', 'wget', 'nslookup'], sizeBytes: 9_800_000, cpuMillis: 0, memoryBytes: 500_000,
    tags: { named: ['latest'], versions: { 7: 88, 8: 11 } },
  }),
  image({
    repository: 'docker.io/polinux/stress', entrypoint: [], cmd: ['stress', '--help'], sizeBytes: 4_200_000, cpuMillis: 0, memoryBytes: 300_000,
    tags: { named: ['latest', '1.0.4'] },
  }),
  image({
    repository: 'docker.io/library/hello-world', shell: false, cmd: ['/hello'], servers: { '/hello': S.helloWorld },
    sizeBytes: 3_000, cpuMillis: 0, memoryBytes: 100_000, tags: { named: ['latest', 'linux', 'nanoserver'] },
  }),
  image({
    repository: 'registry.k8s.io/pause', shell: false, entrypoint: ['/pause'], servers: { '/pause': S.silent },
    sizeBytes: 320_000, cpuMillis: 0, memoryBytes: 300_000, tags: { named: ['latest'], versions: { 3: 10 } },
  }),
  image({
    repository: 'docker.io/hashicorp/http-echo', shell: false, entrypoint: ['/http-echo'], servers: { '/http-echo': S.httpEcho },
    ports: [5678], sizeBytes: 4_300_000, cpuMillis: 0, memoryBytes: 2 * MiB, tags: { named: ['latest'], versions: { 0: 2, 1: 0 } },
  }),
  image({
    repository: 'mcr.microsoft.com/dotnet/samples', shell: true, entrypoint: ['dotnet', 'aspnetapp.dll'], servers: { dotnet: S.aspnetCore },
    ports: [8080], readySeconds: 2, sizeBytes: 95 * MB, cpuMillis: 2, memoryBytes: 60 * MiB, tags: { named: ['aspnetapp', 'dotnetapp', 'latest'] },
  }),
  image({
    repository: 'mcr.microsoft.com/dotnet/framework/samples', os: 'windows', shell: false, entrypoint: ['C:\\ServiceMonitor.exe', 'w3svc'],
    servers: { 'C:\\ServiceMonitor.exe': S.silent }, ports: [80], readySeconds: 25, sizeBytes: 2_650 * MB, cpuMillis: 30, memoryBytes: 180 * MiB,
    tags: { named: ['aspnetapp', 'dotnetapp', 'wcfservice', 'wcfclient', 'aspnetapp-windowsservercore-ltsc2022', 'aspnetapp-windowsservercore-ltsc2019'] },
  }),
  image({
    repository: 'mcr.microsoft.com/windows/servercore/iis', os: 'windows', shell: false, entrypoint: ['C:\\ServiceMonitor.exe', 'w3svc'],
    servers: { 'C:\\ServiceMonitor.exe': S.silent }, ports: [80], readySeconds: 20, sizeBytes: 2_200 * MB, cpuMillis: 20, memoryBytes: 120 * MiB,
    tags: { named: ['latest', 'windowsservercore-ltsc2022', 'windowsservercore-ltsc2019', 'windowsservercore-ltsc2025'] },
  }),
  image({
    repository: 'mcr.microsoft.com/windows/servercore', os: 'windows', shell: false, cmd: ['c:\\windows\\system32\\cmd.exe'],
    sizeBytes: 1_650 * MB, cpuMillis: 0, memoryBytes: 60 * MiB, tags: { named: ['ltsc2019', 'ltsc2022', 'ltsc2025'] },
  }),
  image({
    repository: 'mcr.microsoft.com/windows/nanoserver', os: 'windows', shell: false, cmd: ['c:\\windows\\system32\\cmd.exe'],
    sizeBytes: 120 * MB, cpuMillis: 0, memoryBytes: 30 * MiB, tags: { named: ['ltsc2019', 'ltsc2022', 'ltsc2025'] },
  }),
];

const BY_REPOSITORY = new Map(CATALOG.map((s) => [s.repository, s]));

export function catalogEntry(repository: string): ImageSpec | undefined {
  return BY_REPOSITORY.get(repository);
}

/** Does this tag exist for a catalogued repository? */
export function tagExists(rule: TagRule, tag: string): boolean {
  if (rule.any || rule.named.includes(tag)) return true;
  if (!rule.versions) return false;
  const m = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?(?:-([a-z0-9.-]+))?$/.exec(tag);
  if (!m) return false;
  const maxMinor = rule.versions[Number(m[1])];
  if (maxMinor === undefined) return false;
  if (m[2] !== undefined && Number(m[2]) > maxMinor) return false;
  if (m[3] !== undefined && Number(m[3]) > 40) return false;
  return m[4] === undefined || (rule.suffixes ?? []).some((s) => m[4] === s || m[4].startsWith(`${s}`));
}
