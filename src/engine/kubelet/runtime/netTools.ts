/**
 * Network commands inside containers (busybox nc/wget/nslookup, curl). They do no networking:
 * each asks the host with a `call` effect and prints what the real tool prints for the answer.
 *
 * Call protocol (the host resumes the generator with the reply; `undefined` = "no network
 * model", treated as a name that does not resolve):
 * - `net.connect` {host, port} → {ok: true, address} | {ok: false, error: 'refused'|'unknown-host'|'timeout', address?, elapsedMs?}
 * - `net.http` {url, method} → {ok: true, status, body, address} | {ok: false, error, address?, elapsedMs?}
 * - `dns.lookup` {name} → {server, name, addresses: string[]} (empty addresses = NXDOMAIN)
 */
import type { Builtin, ShellEffect } from '../../shell/types';

type ConnectReply = { ok: true; address: string } | { ok: false; error: 'refused' | 'unknown-host' | 'timeout'; address?: string; elapsedMs?: number };
type HttpReply = { ok: true; status: number; body: string; address: string } | Extract<ConnectReply, { ok: false }>;
interface DnsReply { server: string; name: string; addresses: string[] }

const err = (text: string): ShellEffect => ({ type: 'stderr', text });
const out = (text: string): ShellEffect => ({ type: 'stdout', text });

function* ask<T>(name: string, payload: unknown): Generator<ShellEffect, T | undefined, unknown> {
  return (yield { type: 'call', name, payload }) as T | undefined;
}

/** A failed connection may have taken time (a timeout); the reply says how long. */
function* waitFor(reply: ConnectReply | HttpReply): Generator<ShellEffect, void, unknown> {
  if (!reply.ok && reply.elapsedMs) yield { type: 'sleep', ms: reply.elapsedMs };
}

/** busybox `nc [-z] [-v] [-w SECS] HOST PORT` (only the connect check; no data transfer). */
export const nc: Builtin = function* (argv) {
  const operands = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && all[i - 1] !== '-w');
  const verbose = argv.some((a) => /^-\w*v/.test(a));
  const [host, port] = operands;
  if (!host || !port) {
    yield err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n');
    return 1;
  }
  const reply = (yield* ask<ConnectReply>('net.connect', { host, port: Number(port) })) ?? { ok: false, error: 'unknown-host' as const };
  yield* waitFor(reply);
  if (reply.ok) {
    if (verbose) yield err(`${host} (${reply.address}:${port}) open\n`);
    return 0;
  }
  if (reply.error === 'unknown-host') yield err(`nc: bad address '${host}'\n`);
  else yield err(`nc: ${host} (${reply.address ?? host}:${port}): ${reply.error === 'refused' ? 'Connection refused' : 'Operation timed out'}\n`);
  return 1;
};

function splitUrl(url: string): { host: string; port: number; file: string } {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url) ?? [];
  const file = (m[4] ?? '/').split('/').pop() || 'index.html';
  return { host: m[2] ?? url, port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, file };
}

/** busybox `wget [-q] [-O FILE|-] [-T SECS] URL`. */
export const wget: Builtin = function* (argv, io) {
  const quiet = argv.some((a) => /^-\w*q/.test(a));
  let target: string | undefined;
  let url: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-O') target = argv[++i];
    else if (/^-\w*O./.test(a)) target = a.slice(a.indexOf('O') + 1);
    else if (a === '-T') i++;
    else if (!a.startsWith('-')) url = a;
  }
  if (!url) {
    yield err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] [-T SEC] URL...\n');
    return 1;
  }
  const { host, port, file } = splitUrl(url);
  const reply = (yield* ask<HttpReply>('net.http', { url, method: 'GET' })) ?? { ok: false, error: 'unknown-host' as const };
  yield* waitFor(reply);
  if (!reply.ok) {
    yield err(reply.error === 'unknown-host' ? `wget: bad address '${host}'\n` : `wget: can't connect to remote host (${reply.address ?? host}): ${reply.error === 'refused' ? 'Connection refused' : 'Connection timed out'}\n`);
    return 1;
  }
  if (!quiet) yield err(`Connecting to ${host}${port === 80 ? '' : `:${port}`} (${reply.address}:${port})\n`);
  if (reply.status >= 400) {
    yield err(`wget: server returned error: HTTP/1.1 ${reply.status} ${({ 403: 'Forbidden', 404: 'Not Found' } as Record<number, string>)[reply.status] ?? 'Error'}\n`);
    return 1;
  }
  const dest = target ?? file;
  if (dest === '-') yield out(reply.body);
  else io.fs.write(io.resolve(dest), reply.body, false);
  if (!quiet) yield err(dest === '-' ? 'writing to stdout\n' : `saving to '${dest}'\n`);
  return 0;
};

/** `curl [-s] [-f] [-o FILE] URL`. */
export const curl: Builtin = function* (argv, io) {
  const url = argv.slice(1).find((a, i, all) => !a.startsWith('-') && all[i - 1] !== '-o');
  if (!url) {
    yield err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const { host, port } = splitUrl(url);
  const reply = (yield* ask<HttpReply>('net.http', { url, method: 'GET' })) ?? { ok: false, error: 'unknown-host' as const };
  yield* waitFor(reply);
  if (!reply.ok) {
    if (reply.error === 'unknown-host') yield err(`curl: (6) Could not resolve host: ${host}\n`);
    else if (reply.error === 'refused') yield err(`curl: (7) Failed to connect to ${host} port ${port} after 2 ms: Couldn't connect to server\n`);
    else yield err(`curl: (28) Failed to connect to ${host} port ${port} after ${reply.elapsedMs ?? 0} ms: Timeout was reached\n`);
    return reply.error === 'unknown-host' ? 6 : reply.error === 'refused' ? 7 : 28;
  }
  if (argv.includes('-f') && reply.status >= 400) {
    yield err(`curl: (22) The requested URL returned error: ${reply.status}\n`);
    return 22;
  }
  const o = argv.indexOf('-o');
  if (o >= 0 && argv[o + 1]) io.fs.write(io.resolve(argv[o + 1]), reply.body, false);
  else yield out(reply.body);
  return 0;
};

/** busybox `nslookup NAME`. */
export const nslookup: Builtin = function* (argv) {
  const name = argv[1];
  if (!name) {
    yield err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  const reply = (yield* ask<DnsReply>('dns.lookup', { name })) ?? { server: '10.0.0.10', name, addresses: [] };
  let text = `Server:\t\t${reply.server}\nAddress:\t${reply.server}:53\n\n`;
  if (reply.addresses.length === 0) {
    yield out(text + `** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  text += `Name:\t${reply.name}\n` + reply.addresses.map((a) => `Address: ${a}\n`).join('') + '\n';
  yield out(text);
  return 0;
};

export const NET_TOOLS: Record<string, Builtin> = { nc, wget, curl, nslookup };
