/**
 * What well-known server images print and how they fail, as their real entrypoints do.
 * A ServerModel is data plus small functions of a context (env, time, hostname); process.ts
 * turns it into a running program (logs, then `ready` after the image's startup time).
 */
import { strftime } from '../../shell/calendar';
import bootcampFiles from './files/bootcamp.json';

/**
 * An output line, shaped as the `log` effect it becomes: a process yields a whole line as it is
 * (lines are only read, and a model's lines may be shared between starts: see lastResult).
 */
export interface LogLine {
  type: 'log';
  stream: 'stdout' | 'stderr';
  text: string;
}

/** The kernel a container reports when the host does not say (the AKS node image default). */
export const DEFAULT_KERNEL = '5.15.0-1079-azure';

export interface ServerContext {
  env: ReadonlyMap<string, string>;
  hostname: string;
  podIP: string;
  /** The node's kernel release (`5.15.0-1098-azure`): a container shares its node's kernel. */
  kernel: string;
  /** Virtual time now, epoch milliseconds. */
  now(): number;
  tag: string;
  args: string[];
}

/** A model's lines may be shared between starts (see lastResult): they are only read. */
export interface ServerModel {
  /** Printed at start. */
  start?(ctx: ServerContext): LogLine[];
  /** Printed when the server starts listening (after the image's readySeconds). */
  ready?(ctx: ServerContext): LogLine[];
  /** A configuration error: these lines, then exit with this code, instead of serving. */
  fail?(ctx: ServerContext): { lines: LogLine[]; exitCode: number } | undefined;
  /** A program that does its work and exits (hello-world). */
  exitCode?: number;
}

const out = (text: string): LogLine => ({ type: 'log', stream: 'stdout', text });
const err = (text: string): LogLine => ({ type: 'log', stream: 'stderr', text });

/** Resolve a tag to a full version for banners (`1.25` → `1.25.5`). */
export function versionOf(tag: string, latest: string, known: Record<string, string> = {}): string {
  const base = tag.split('-')[0];
  if (/^\d+\.\d+\.\d+$/.test(base)) return base;
  if (known[base]) return known[base];
  if (/^\d+\.\d+$/.test(base)) return `${base}.0`;
  return latest;
}

export const nginx: ServerModel = {
  // The banner shows time to the second: made once for all the replicas starting within it.
  start: (ctx) => nginxStart(Math.floor(ctx.now() / 1000), ctx.tag, ctx.kernel),
};

const nginxStart = lastResult((second: number, tag: string, kernel: string): LogLine[] => {
  const t = strftime('%Y/%m/%d %H:%M:%S', second * 1000);
  const v = versionOf(tag, '1.27.3', { '1.25': '1.25.5', '1.26': '1.26.2', '1.27': '1.27.3', '1': '1.27.3' });
  const gcc = tag.includes('alpine') ? 'gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309)' : 'gcc 12.2.0 (Debian 12.2.0-14)';
  const e = '/docker-entrypoint.sh';
  const n = (msg: string) => err(`${t} [notice] 1#1: ${msg}`);
  return [
    out(`${e}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`),
    out(`${e}: Looking for shell scripts in /docker-entrypoint.d/`),
    out(`${e}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`),
    out('10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf'),
    out('10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'),
    out(`${e}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`),
    out(`${e}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`),
    out(`${e}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`),
    out(`${e}: Configuration complete; ready for start up`),
    n('using the "epoll" event method'),
    n(`nginx/${v}`),
    n(`built by ${gcc}`),
    n(`OS: Linux ${kernel}`),
    n('getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
    n('start worker processes'),
    n('start worker process 29'),
    n('start worker process 30'),
  ];
});

/** `f`, reusing its last result while it is asked with the same arguments again. */
function lastResult<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | undefined;
  let last: R;
  return (...args) => {
    if (!lastArgs || args.some((a, i) => a !== lastArgs![i])) {
      last = f(...args);
      lastArgs = args;
    }
    return last;
  };
}

function redisBanner(ctx: ServerContext, version: string, extra: LogLine[] = []): LogLine[] {
  const t = strftime('%d %b %Y %H:%M:%S.%N', ctx.now()).slice(0, -6);
  return [
    out(`1:C ${t} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.`),
    out(`1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`),
    out(`1:C ${t} * Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`),
    out(`1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`),
    out(`1:M ${t} * monotonic clock: POSIX clock_gettime`),
    out(`1:M ${t} * Running mode=standalone, port=6379.`),
    out(`1:M ${t} * Server initialized`),
    ...extra,
  ];
}

const redisReady = (ctx: ServerContext) => [
  out(`1:M ${strftime('%d %b %Y %H:%M:%S.%N', ctx.now()).slice(0, -6)} * Ready to accept connections tcp`),
];

export const redis: ServerModel = {
  start: (ctx) => redisBanner(ctx, versionOf(ctx.tag, '7.4.1', { '7': '7.4.1', '7.4': '7.4.1', '7.2': '7.2.6', '6': '6.2.16', '6.2': '6.2.16', '6.0': '6.0.20', e2e: '6.0.5' })),
  ready: redisReady,
};

/** bitnami/redis (azure-vote-back): refuses to start without a password decision. */
export const bitnamiRedis: ServerModel = {
  fail(ctx) {
    if (ctx.env.get('ALLOW_EMPTY_PASSWORD') === 'yes' || ctx.env.get('REDIS_PASSWORD')) return undefined;
    const t = strftime('%H:%M:%S.%N', ctx.now()).slice(0, 11);
    return {
      exitCode: 1,
      lines: [
        out(`redis ${t} ERROR ==> The REDIS_PASSWORD environment variable is empty or not set. Set the environment variable ALLOW_EMPTY_PASSWORD=yes to allow the container to be started with blank passwords. This is recommended only for development.`),
      ],
    };
  },
  start(ctx) {
    const t = strftime('%H:%M:%S.%N', ctx.now()).slice(0, 11);
    const b = (msg: string) => out(`redis ${t} ${msg}`);
    return [
      b(''),
      b('Welcome to the Bitnami redis container'),
      b('Subscribe to project updates by watching https://github.com/bitnami/bitnami-docker-redis'),
      b('Submit issues and feature requests at https://github.com/bitnami/bitnami-docker-redis/issues'),
      b(''),
      b('INFO  ==> ** Starting Redis setup **'),
      ...(ctx.env.get('ALLOW_EMPTY_PASSWORD') === 'yes'
        ? [b('WARN  ==> You set the environment variable ALLOW_EMPTY_PASSWORD=yes. For safety reasons, do not use this flag in a production environment.')]
        : []),
      b('INFO  ==> Initializing Redis'),
      b('INFO  ==> Setting Redis config file'),
      b('INFO  ==> ** Redis setup finished! **'),
      b(''),
      b('INFO  ==> ** Starting Redis **'),
      ...redisBanner(ctx, versionOf(ctx.tag, '6.0.8')),
    ];
  },
  ready: redisReady,
};

const apacheTime = (ctx: ServerContext) => strftime('%a %b %d %H:%M:%S.%N %Y', ctx.now()).replace(/\.(\d{6})\d{3}/, '.$1');

function apache(binary: 'httpd' | 'apache2', banner: string): ServerModel {
  return {
    start(ctx) {
      const fqdn = `AH00558: ${binary}: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
      const t = apacheTime(ctx);
      const mpm = binary === 'httpd' ? 'mpm_event:notice] [pid 1:tid 1' : 'mpm_prefork:notice] [pid 1';
      const core = binary === 'httpd' ? 'core:notice] [pid 1:tid 1' : 'core:notice] [pid 1';
      return [
        err(fqdn),
        err(fqdn),
        err(`[${t}] [${mpm}] AH00489: ${banner} configured -- resuming normal operations`),
        err(`[${t}] [${core}] AH00094: Command line: '${binary} -D FOREGROUND'`),
      ];
    },
  };
}

export const httpd = apache('httpd', 'Apache/2.4.62 (Unix)');
/** gb-frontend: Apache with mod_php serving the guestbook. */
export const guestbookFrontend = apache('apache2', 'Apache/2.4.10 (Debian) PHP/5.6.20');

export const postgres: ServerModel = {
  fail(ctx) {
    if (ctx.env.get('POSTGRES_PASSWORD') || ctx.env.get('POSTGRES_HOST_AUTH_METHOD') === 'trust') return undefined;
    const text = [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ];
    return { exitCode: 1, lines: text.map(err) };
  },
  start: () => [
    out('The files belonging to this database system will be owned by user "postgres".'),
    out('This user must also own the server process.'),
    out(''),
    out('Success. You can now start the database server using:'),
    out(''),
    out('PostgreSQL init process complete; ready for start up.'),
    out(''),
  ],
  ready(ctx) {
    const t = strftime('%Y-%m-%d %H:%M:%S.%N', ctx.now()).slice(0, 23) + ' UTC';
    const v = versionOf(ctx.tag, '17.2', { '17': '17.2', '16': '16.6', '15': '15.10' }).replace(/\.0$/, '');
    return [
      err(`${t} [1] LOG:  starting PostgreSQL ${v} (Debian ${v}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`),
      err(`${t} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`),
      err(`${t} [1] LOG:  listening on IPv6 address "::", port 5432`),
      err(`${t} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`),
      err(`${t} [1] LOG:  database system is ready to accept connections`),
    ];
  },
};

const MYSQL_PASSWORD_VARS = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'];

export const mysql: ServerModel = {
  fail(ctx) {
    if (MYSQL_PASSWORD_VARS.some((v) => ctx.env.get(v))) return undefined;
    const t = strftime('%Y-%m-%d %H:%M:%S+00:00', ctx.now());
    const v = mysqlVersion(ctx.tag);
    return {
      exitCode: 1,
      lines: [
        out(`${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`),
        out(`${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`),
        out(`${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`),
        err(`${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`),
        err('    You need to specify one of the following as an environment variable:'),
        ...MYSQL_PASSWORD_VARS.map((name) => err(`    - ${name}`)),
      ],
    };
  },
  start(ctx) {
    const t = strftime('%Y-%m-%d %H:%M:%S+00:00', ctx.now());
    return [
      out(`${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${mysqlVersion(ctx.tag)}-1.el9 started.`),
      out(`${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`),
      out(`${t} [Note] [Entrypoint]: Initializing database files`),
    ];
  },
  ready(ctx) {
    const t = strftime('%Y-%m-%dT%H:%M:%S.%NZ', ctx.now()).replace(/(\.\d{6})\d{3}Z/, '$1Z');
    const v = mysqlVersion(ctx.tag);
    return [err(`${t} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`)];
  },
};

function mysqlVersion(tag: string): string {
  return versionOf(tag, '9.1.0', { '8': '8.4.3', '8.4': '8.4.3', '8.0': '8.0.40', lts: '8.4.3' });
}

export const mongo: ServerModel = {
  ready(ctx) {
    const t = strftime('%Y-%m-%dT%H:%M:%S.%N', ctx.now()).slice(0, 23) + '+00:00';
    return [
      out(`{"t":{"$date":"${t}"},"s":"I",  "c":"NETWORK",  "id":23015,   "ctx":"listener","msg":"Listening on","attr":{"address":"0.0.0.0"}}`),
      out(`{"t":{"$date":"${t}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}`),
    ];
  },
};

export const rabbitmq: ServerModel = {
  start(ctx) {
    const t = strftime('%Y-%m-%d %H:%M:%S.%N', ctx.now()).slice(0, 26) + '+00:00';
    return [out(`${t} [notice] <0.44.0> Application syslog exited with reason: stopped`), out(`${t} [info] <0.230.0> Starting RabbitMQ ${versionOf(ctx.tag, '4.0.5')} on Erlang 27.2 [jit]`)];
  },
  ready(ctx) {
    const t = strftime('%Y-%m-%d %H:%M:%S.%N', ctx.now()).slice(0, 26) + '+00:00';
    const mgmt = ctx.tag.includes('management');
    const plugins = mgmt ? ['rabbitmq_prometheus', 'rabbitmq_management', 'rabbitmq_web_dispatch', 'rabbitmq_management_agent'] : ['rabbitmq_prometheus', 'rabbitmq_web_dispatch'];
    return [
      out(`${t} [info] <0.648.0> Ready to start client connection listeners`),
      out(`${t} [info] <0.818.0> started TCP listener on [::]:5672`),
      out(` completed with ${plugins.length} plugins.`),
      out(`${t} [info] <0.648.0> Server startup complete; ${plugins.length} plugins started.`),
      ...plugins.map((p) => out(`${t} [info] <0.648.0>  * ${p}`)),
    ];
  },
};

export const aspnetCore: ServerModel = {
  ready: () => [
    out('info: Microsoft.Hosting.Lifetime[14]'),
    out('      Now listening on: http://[::]:8080'),
    out('info: Microsoft.Hosting.Lifetime[0]'),
    out('      Application started. Press Ctrl+C to shut down.'),
    out('info: Microsoft.Hosting.Lifetime[0]'),
    out('      Hosting environment: Production'),
    out('info: Microsoft.Hosting.Lifetime[0]'),
    out('      Content root path: /app'),
  ],
};

/** order-service (Node.js Fastify) logs pino JSON. */
export const fastify: ServerModel = {
  ready: (ctx) => [
    out(`{"level":30,"time":${ctx.now()},"pid":1,"hostname":"${ctx.hostname}","msg":"Server listening at http://0.0.0.0:${ctx.env.get('PORT') ?? '3000'}"}`),
  ],
};

export const productService: ServerModel = {
  ready: () => [out('Listening on http://0.0.0.0:3002')],
};

export const httpEcho: ServerModel = {
  ready: (ctx) => [err(`${strftime('%Y/%m/%d %H:%M:%S', ctx.now())} [INFO] server is listening on :5678`)],
};

/** azure-vote-front (tiangolo/uwsgi-nginx-flask): supervisord starting nginx and uwsgi. */
export const uwsgiNginx: ServerModel = {
  start(ctx) {
    const t = strftime('%Y-%m-%d %H:%M:%S,%N', ctx.now()).slice(0, 23);
    return [
      out('Checking for script in /app/prestart.sh'),
      out('There is no script /app/prestart.sh'),
      out(`${t} CRIT Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.`),
      out(`${t} INFO supervisord started with pid 1`),
      out(`${t} INFO spawned: 'nginx' with pid 9`),
      out(`${t} INFO spawned: 'uwsgi' with pid 10`),
    ];
  },
  ready(ctx) {
    const t = strftime('%Y-%m-%d %H:%M:%S,%N', ctx.now()).slice(0, 23);
    return [
      out(`${t} INFO success: nginx entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)`),
      out(`${t} INFO success: uwsgi entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)`),
    ];
  },
};

const HELLO = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/
`;

export const helloWorld: ServerModel = { start: () => HELLO.split('\n').slice(0, -1).map(out), exitCode: 0 };

/**
 * kubernetes-bootcamp (the Kubernetes basics tutorial's image): `node server.js` on 8080. Its
 * startup line is `console.log`'s join of a string, a Date (ISO), the hostname and a newline.
 */
export const kubernetesBootcamp: ServerModel = {
  ready: (ctx) => [out(`Kubernetes Bootcamp App Started At: ${strftime('%Y-%m-%dT%H:%M:%S.%NZ', ctx.now()).replace(/(\.\d{3})\d{6}Z$/, '$1Z')} | Running On:  ${ctx.hostname} `), out('')],
};

/** What the bootcamp server answers every request with (its server.js). */
export function bootcampReply(hostname: string, tag: string): string {
  return `Hello Kubernetes bootcamp! | Running on: ${hostname} | v=${bootcampVersion(tag)}\n`;
}

const bootcampVersion = (tag: string) => /^v(\d+)$/.exec(tag)?.[1] ?? '1';

/** The image's /server.js (kept as data: it is a file in the image, not code the engine runs). */
export function bootcampServerJs(tag: string): string {
  return bootcampFiles['server.js'].replace('{{VERSION}}', bootcampVersion(tag));
}

/** Servers that print nothing (memcached, pause, IIS's ServiceMonitor, unknown images). */
export const silent: ServerModel = {};
