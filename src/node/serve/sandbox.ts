/**
 * The sandbox's own endpoint, beside the Kubernetes API (`/sandbox/v1/...`): what a real cluster
 * would need a cloud console, a power cable or a time machine for.
 *   POST /sandbox/v1/exec   {"argv": ["sim","node","fail","NODE"]}  → {stdout, stderr, exitCode}
 *        runs one command of the command language (`sim …`, `sleep 30s`, `kubectl …`) in the
 *        server's own session; `sleep` advances virtual time.
 *   GET  /sandbox/v1/clock  → {now, time, speed, horizon}
 *   POST /sandbox/v1/clock  {"speed"?, "advanceMs"?, "advanceTo"?, "horizon"?} → the same
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from '../../engine/api/errors';
import type { ShellEffect } from '../../engine/shell/types';
import { formatRFC3339 } from '../../engine/util/time';
import { Session } from '../../cli/session';
import { nodeFs } from '../fs';
import type { ServeContext } from './context';
import { methodNotAllowed, notFoundPath, parseJsonBody, readBody, sendJson } from './http';

export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export class Sandbox {
  private session: Session | undefined;

  constructor(private readonly ctx: ServeContext) {}

  /** Runs one command line; output is collected, `sleep` moves the server's clock. */
  exec(line: string): { stdout: string; stderr: string; exitCode: number } {
    const fs = nodeFs(process.cwd());
    this.session ??= new Session(this.ctx.sim, { fs, listDir: fs.listDir, cwd: process.cwd() });
    let stdout = '';
    let stderr = '';
    const gen: Generator<ShellEffect, number, unknown> = this.session.run(line);
    let step = gen.next();
    while (!step.done) {
      const e = step.value;
      if (e.type === 'stdout') stdout += e.text;
      else if (e.type === 'stderr') stderr += e.text;
      else if (e.type === 'sleep') this.ctx.clock.advance(e.ms);
      step = gen.next(undefined);
    }
    this.ctx.sim.settle();
    return { stdout, stderr, exitCode: step.value };
  }

  clockState() {
    const now = this.ctx.sim.now();
    return { now, time: formatRFC3339(now), speed: this.ctx.clock.speed, horizon: this.ctx.clock.getHorizon() ?? null };
  }

  async serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (path === '/sandbox/v1/exec') {
      if (method !== 'POST') throw methodNotAllowed(method);
      const body = parseJsonBody(await readBody(req)) as { argv?: unknown; line?: unknown };
      let line: string;
      if (Array.isArray(body.argv) && body.argv.length && body.argv.every((a) => typeof a === 'string')) line = body.argv.map(shellQuote).join(' ');
      else if (typeof body.line === 'string') line = body.line;
      else throw badRequest('exec needs "argv": a non-empty list of strings (or "line": a command line)');
      return sendJson(res, 200, this.exec(line));
    }
    if (path === '/sandbox/v1/clock') {
      if (method === 'GET') return sendJson(res, 200, this.clockState());
      if (method !== 'POST') throw methodNotAllowed(method);
      const body = parseJsonBody(await readBody(req)) as { speed?: number; advanceMs?: number; advanceTo?: number; horizon?: number | null };
      const clock = this.ctx.clock;
      if (body.speed !== undefined) clock.setSpeed(checkNumber('speed', body.speed));
      if (body.advanceMs !== undefined) clock.advance(checkNumber('advanceMs', body.advanceMs));
      if (body.advanceTo !== undefined) clock.advanceTo(checkNumber('advanceTo', body.advanceTo));
      if (body.horizon !== undefined) clock.setHorizon(body.horizon === null ? undefined : checkNumber('horizon', body.horizon));
      return sendJson(res, 200, this.clockState());
    }
    throw notFoundPath();
  }
}

function checkNumber(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw badRequest(`${name} must be a non-negative number`);
  return v;
}
