/** `pilothouse serve` and `pilothouse exec`: argument parsing and process lifetime. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { BOOT_AGE_MS, createCluster, identityOf, restoreCluster, type ProfileName } from '../../engine/cluster/create';
import type { SimulationSnapshot } from '../../engine/sim/simulation';
import { kubeconfigFor, serverOfKubeconfig } from './kubeconfig';
import { startApiServer } from './server';

const SERVE_HELP = `Usage: pilothouse serve [--port 6443] [--profile aks|plain] [--seed N] [--speed 1|10|60|0]
                       [--start-time now|sim|RFC3339] [--snapshot FILE] [--kubeconfig-out FILE] [--verbose]

Puts a simulated cluster behind the Kubernetes REST API on 127.0.0.1 and writes a kubeconfig for
it, so the real kubectl (and other clients) can use it:

  kubectl --kubeconfig FILE get nodes

--speed is virtual seconds per wall second; 0 pauses time (it then moves only through
'pilothouse exec -- sleep 30s' or the sandbox endpoint). --port 0 picks a free port.
`;

const EXEC_HELP = `Usage: pilothouse exec [--kubeconfig FILE | --port N | --server URL] -- COMMAND [ARGS...]

Runs one command of the sandbox's language on a running 'pilothouse serve':
  pilothouse exec -- sim node fail aks-nodepool1-12345678-vmss000001
  pilothouse exec -- sleep 5m
`;

function fail(cmd: string, message: string): number {
  process.stderr.write(`pilothouse ${cmd}: ${message}\n`);
  return 2;
}

export async function serveCommand(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '6443' },
        profile: { type: 'string', default: 'aks' },
        seed: { type: 'string', default: '1' },
        speed: { type: 'string', default: '1' },
        snapshot: { type: 'string' },
        'start-time': { type: 'string', default: 'now' },
        'kubeconfig-out': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    return fail('serve', (e as Error).message);
  }
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const profile = values.profile as ProfileName;
  if (profile !== 'aks' && profile !== 'plain') return fail('serve', `unknown profile "${values.profile}" (aks or plain)`);
  const seed = Number(values.seed);
  const port = Number(values.port);
  const speed = values.speed === 'paused' ? 0 : Number(values.speed);
  if (!Number.isInteger(seed)) return fail('serve', '--seed needs an integer');
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail('serve', '--port needs a port number');
  if (!Number.isFinite(speed) || speed < 0) return fail('serve', '--speed needs a number ≥ 0');
  let sim;
  try {
    const startTime = startTimeOf(values['start-time']!);
    sim = values.snapshot ? restoreCluster(JSON.parse(readFileSync(values.snapshot, 'utf8')) as SimulationSnapshot) : createCluster({ profile, seed, startTime });
  } catch (e) {
    return fail('serve', `cannot start the cluster: ${(e as Error).message}`);
  }
  let running;
  try {
    running = await startApiServer({ sim, speed, log: values.verbose ? (l) => process.stderr.write(`${l}\n`) : undefined }, port);
  } catch (e) {
    return fail('serve', `cannot listen on 127.0.0.1:${port}: ${(e as Error).message}`);
  }
  const out = resolve(values['kubeconfig-out'] ?? join(tmpdir(), 'pilothouse', `kubeconfig-${running.port}`));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, kubeconfigFor(identityOf(sim).context, running.url), { mode: 0o600 });
  process.stdout.write(
    `pilothouse serve: listening on ${running.url} (profile ${identityOf(sim).profile}, seed ${seed}, speed ${speed === 0 ? 'paused' : `${speed}x`})\n` +
      `kubeconfig: ${out}\n  kubectl --kubeconfig ${out} get nodes\n`,
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await running.close();
  return 0;
}

/**
 * When the simulated cluster was created: `now` (default) makes virtual time match the wall clock
 * when serving starts, so the ages real clients compute themselves (describe's events) read right;
 * `sim` is the engine's fixed start (2026-01-05 09:00 UTC), as `pilothouse run` uses; or RFC 3339.
 */
function startTimeOf(value: string): number | undefined {
  if (value === 'sim') return undefined;
  if (value === 'now') return Math.floor((Date.now() - BOOT_AGE_MS) / 1000) * 1000;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`--start-time: not a time: ${value}`);
  return t;
}

/** POSTs JSON to a running server and returns the parsed answer. */
export function postJson(base: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  return new Promise((done, reject) => {
    const url = new URL(path, base);
    const text = JSON.stringify(body);
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => {
        try {
          done({ status: res.statusCode ?? 0, body: JSON.parse(data) });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

export async function execCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kubeconfig: { type: 'string' },
        port: { type: 'string' },
        server: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return fail('exec', (e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    process.stdout.write(EXEC_HELP);
    return values.help ? 0 : 2;
  }
  let server = values.server ?? (values.port ? `http://127.0.0.1:${values.port}` : undefined);
  if (!server && values.kubeconfig) {
    try {
      server = serverOfKubeconfig(parseYaml(readFileSync(values.kubeconfig, 'utf8')));
    } catch (e) {
      return fail('exec', `cannot read ${values.kubeconfig}: ${(e as Error).message}`);
    }
    if (!server) return fail('exec', `no server in the current context of ${values.kubeconfig}`);
  }
  server ??= 'http://127.0.0.1:6443';
  try {
    const { status, body } = await postJson(server, '/sandbox/v1/exec', { argv: positionals });
    if (status !== 200) return fail('exec', body?.message ?? `the server answered ${status}`);
    process.stdout.write(body.stdout);
    process.stderr.write(body.stderr);
    return body.exitCode;
  } catch (e) {
    return fail('exec', `cannot reach ${server}: ${(e as Error).message}`);
  }
}
