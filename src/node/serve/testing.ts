/** Test helpers: a served cluster on 127.0.0.1 (ephemeral port) and a small HTTP client. */
import { request } from 'node:http';
import { createCluster } from '../../engine/cluster/create';
import { startApiServer, type RunningServer } from './server';

export async function serveForTest(opts: { bookmarkMs?: number; speed?: number } = {}): Promise<RunningServer> {
  return startApiServer({ sim: createCluster({ profile: 'aks', seed: 1 }), speed: opts.speed ?? 0, bookmarkMs: opts.bookmarkMs, tickMs: 20, idleMs: 50 });
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

export function call(base: string, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((done, reject) => {
    const raw = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
    const headers: Record<string, string> = { ...(raw ? { 'Content-Type': 'application/json', 'Content-Length': String(raw.length) } : {}), ...opts.headers };
    const req = request(new URL(path, base), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        done({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(raw);
  });
}

/** Opens a streaming GET and collects its lines until `stop()`. */
export function stream(base: string, path: string, headers: Record<string, string> = {}): { lines: string[]; status: Promise<number>; stop(): void; until(pred: (lines: string[]) => boolean, ms?: number): Promise<void> } {
  const lines: string[] = [];
  let buffer = '';
  let resolveStatus!: (n: number) => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const req = request(new URL(path, base), { headers }, (res) => {
    resolveStatus(res.statusCode ?? 0);
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      buffer += c;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts.filter((p) => p !== ''));
    });
    res.on('error', () => undefined);
  });
  req.on('error', () => undefined);
  req.end();
  return {
    lines,
    status,
    stop: () => req.destroy(),
    until: async (pred, ms = 3000) => {
      const deadline = Date.now() + ms;
      while (!pred(lines)) {
        if (Date.now() > deadline) throw new Error(`timed out; lines so far:\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}
