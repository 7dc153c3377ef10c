import { describe, expect, it } from 'vitest';
import { startProcess, type ExitResult, type ProcessEffect, type ProcessOptions } from './process';
import { usageOf } from './usage';

const START = 1704103200000; // 2024-01-01T10:00:00Z

/** Run a process until it returns or sleeps forever (a server), answering calls with `reply`. */
function run(opts: Partial<ProcessOptions> & { image: string }, reply: (e: ProcessEffect) => unknown = () => undefined) {
  const gen = startProcess({ hostname: 'pod-1', now: START, random: () => 0.5, ...opts });
  const effects: ProcessEffect[] = [];
  let input: unknown;
  let exit: ExitResult | undefined;
  for (let i = 0; i < 10_000; i++) {
    const r = gen.next(input);
    input = undefined;
    if (r.done) {
      exit = r.value;
      break;
    }
    effects.push(r.value);
    if (r.value.type === 'call') input = reply(r.value);
    if (r.value.type === 'sleep' && r.value.ms === Infinity) break;
  }
  const logs = effects.flatMap((e) => (e.type === 'log' ? [e.text] : []));
  return { effects, logs, exit };
}

describe('shell-style images', () => {
  it('runs sh -c and exits with its status', () => {
    expect(run({ image: 'busybox', command: ['sh', '-c', 'echo hi'] })).toMatchObject({ logs: ['hi'], exit: { exitCode: 0, reason: 'Completed' } });
    expect(run({ image: 'busybox', command: ['sh', '-c', 'exit 1'] }).exit).toEqual({ exitCode: 1, reason: 'Error' });
  });

  it('exits 0 at once when busybox runs its default sh without a TTY', () => {
    expect(run({ image: 'busybox:1.37.0' })).toMatchObject({ effects: [], exit: { exitCode: 0, reason: 'Completed' } });
  });

  it('sleeps with sleep 3600', () => {
    const gen = startProcess({ image: 'alpine', command: ['sleep', '3600'], hostname: 'p', now: START, random: () => 0.5 });
    expect(gen.next().value).toEqual({ type: 'sleep', ms: 3_600_000 });
    expect(gen.next().value).toEqual({ exitCode: 0, reason: 'Completed' });
  });

  it('keeps the virtual clock across sleeps and logs lines in order', () => {
    const r = run({ image: 'busybox', args: ['sh', '-c', 'while true; do echo "$(date +%T) $HOSTNAME"; sleep 5; done'] });
    const gen = startProcess({ image: 'busybox', args: ['sh', '-c', 'for i in 1 2; do date +%T; sleep 5; done'], hostname: 'p', now: START, random: () => 0.5 });
    const seen = [...(function* () { for (let x = gen.next(); !x.done; x = gen.next()) yield x.value; })()];
    expect(seen).toEqual([
      { type: 'log', stream: 'stdout', text: '10:00:00' },
      { type: 'sleep', ms: 5000 },
      { type: 'log', stream: 'stdout', text: '10:00:05' },
      { type: 'sleep', ms: 5000 },
    ]);
    expect(r.logs[0]).toBe('10:00:00 pod-1');
  });

  it('fails to start a command the image does not have', () => {
    const r = run({ image: 'busybox', command: ['kubectl', 'version'] });
    expect(r.exit).toMatchObject({ exitCode: 128, reason: 'StartError' });
    expect(r.exit?.message).toContain('exec: "kubectl": executable file not found in $PATH');
  });

  it('asks the host for network checks (the aks-store init container)', () => {
    const replies = [{ ok: false, error: 'refused', address: '10.0.5.7' }, { ok: true, address: '10.0.5.7' }];
    const r = run(
      { image: 'busybox:1.37.0', command: ['sh', '-c', 'until nc -zv rabbitmq 5672; do echo waiting for rabbitmq; sleep 2; done;'] },
      () => replies.shift(),
    );
    expect(r.logs).toEqual(['nc: rabbitmq (10.0.5.7:5672): Connection refused', 'waiting for rabbitmq', 'rabbitmq (10.0.5.7:5672) open']);
    expect(r.exit).toEqual({ exitCode: 0, reason: 'Completed' });
  });
});

describe('server images', () => {
  it('logs nginx startup, then becomes ready and serves forever', () => {
    const r = run({ image: 'nginx:1.25' });
    expect(r.logs[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(r.logs).toContain('2024/01/01 10:00:00 [notice] 1#1: nginx/1.25.5');
    const types = r.effects.filter((e) => e.type !== 'log').map((e) => e.type);
    expect(types).toEqual(['usage', 'sleep', 'ready', 'sleep']);
    expect(r.exit).toBeUndefined();
  });

  it('prints redis ready line after its startup time', () => {
    const r = run({ image: 'redis:7.2' });
    expect(r.logs).toContain('1:C 01 Jan 2024 10:00:00.000 * Redis version=7.2.6, bits=64, commit=00000000, modified=0, pid=1, just started');
    expect(r.logs[r.logs.length - 1]).toBe('1:M 01 Jan 2024 10:00:01.000 * Ready to accept connections tcp');
  });

  it('fails postgres without a password, with its real message', () => {
    const r = run({ image: 'postgres:17' });
    expect(r.logs[0]).toBe('Error: Database is uninitialized and superuser password is not specified.');
    expect(r.exit).toEqual({ exitCode: 1, reason: 'Error' });
    expect(run({ image: 'postgres:17', env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }] }).effects.some((e) => e.type === 'ready')).toBe(true);
  });

  it('fails mysql without a password option', () => {
    const r = run({ image: 'mysql:8.4' });
    expect(r.logs).toContain('2024-01-01 10:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified');
    expect(r.exit?.exitCode).toBe(1);
  });

  it('runs a shell instead when the command is overridden', () => {
    const r = run({ image: 'nginx', command: ['sh', '-c', 'echo custom; exit 3'] });
    expect(r).toMatchObject({ logs: ['custom'], exit: { exitCode: 3, reason: 'Error' } });
    expect(run({ image: 'nginx', args: ['echo', 'via wrapper'] }).logs).toEqual(['via wrapper']);
  });

  it('treats unknown images as silent servers that never exit', () => {
    const r = run({ image: 'contoso/api:v2' });
    expect(r.effects.map((e) => e.type)).toEqual(['usage', 'sleep', 'ready', 'sleep']);
  });

  it('prints hello-world and completes', () => {
    const r = run({ image: 'hello-world' });
    expect(r.logs[1]).toBe('Hello from Docker!');
    expect(r.exit).toEqual({ exitCode: 0, reason: 'Completed' });
  });

  it('runs a server as PID 1 exactly as the shell would run it (`sh -c \'exec "$0" "$@"\'`)', () => {
    const wrap = (argv: string[]) => ['sh', '-c', 'exec "$0" "$@"', ...argv];
    const cases: (Partial<ProcessOptions> & { image: string; command: string[] })[] = [
      { image: 'nginx:1.25', command: ['nginx', '-g', 'daemon off;'] },
      { image: 'nginx:alpine', command: ['/usr/sbin/nginx'], readyPorts: [80, 8080] },
      { image: 'redis:7.2', command: ['redis-server'] },
      { image: 'postgres:17', command: ['postgres'] },
      { image: 'postgres:17', command: ['postgres'], env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }] },
      { image: 'contoso/api:v2', command: ['/app/server'], memoryLimitBytes: 1 },
    ];
    for (const c of cases) {
      const direct = run(c);
      expect(direct.effects.length).toBeGreaterThan(0);
      expect(run({ ...c, command: wrap(c.command) })).toEqual(direct);
    }
  });

  it('replays identically from the same inputs', () => {
    const a = run({ image: 'rabbitmq:4.3.2-management-alpine', env: { RABBITMQ_DEFAULT_USER: 'u' } });
    const b = run({ image: 'rabbitmq:4.3.2-management-alpine', env: { RABBITMQ_DEFAULT_USER: 'u' } });
    expect(b.effects).toEqual(a.effects);
  });
});

describe('memory', () => {
  const stress = (bytes: string) => ({ image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', bytes, '--vm-hang', '1'] });

  it('is OOMKilled when stress allocates past the limit (the Kubernetes docs example)', () => {
    const r = run({ ...stress('250M'), memoryLimitBytes: 100 * 1024 * 1024 });
    expect(r.logs).toEqual(['stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd']);
    expect(r.exit).toEqual({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('keeps running within the limit', () => {
    const r = run({ ...stress('150M'), memoryLimitBytes: 200 * 1024 * 1024 });
    expect(r.exit).toBeUndefined();
    expect(r.effects.at(-1)).toEqual({ type: 'sleep', ms: Infinity });
  });

  it('reports usage for the kubelet and metrics', () => {
    expect(usageOf(stress('250M')).memoryBytes).toBe(250 * 1024 * 1024 + 800_000);
    expect(usageOf({ image: 'nginx' })).toEqual({ cpuMillis: 1, memoryBytes: 4 * 1024 * 1024 });
  });
});
