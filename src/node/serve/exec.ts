/**
 * `pods/<name>/exec` for real clients: kubectl 1.34 opens it as a WebSocket speaking
 * `v5.channel.k8s.io` (v4 is accepted too). Each binary message starts with its channel: 0 stdin,
 * 1 stdout, 2 stderr, 3 the final metav1.Status, 4 resize (ignored), 255 "close this channel"
 * (v5: the client's end of stdin). The command runs through the node's kubelet as our kubectl's
 * does (engine kubelet/exec.ts).
 *
 * Errors come where a real cluster gives them: the apiserver's (pod or container not found, no
 * node) as a Status before the upgrade; the kubelet's ("container not found") as a plain-text 500
 * — kubectl then retries over SPDY, gets the same answer and prints `unable to upgrade connection:
 * …`; the runtime's (no such program) as an InternalError status on channel 3, and a non-zero exit
 * as a NonZeroExitCode status. SPDY itself is not served.
 *
 * With a TTY the terminal's line discipline is the server's job: typed characters are echoed,
 * Backspace erases, Enter sends the line, Ctrl+D on an empty line ends input, Ctrl+C starts a new
 * line; output newlines become CR LF.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isApiError } from '../../engine/api/errors';
import { BackendError, ExecStreamError, type ExecStarter } from '../../engine/kubelet/exec';
import { STDIN_READ_LINE } from '../../engine/shell';
import type { ShellEffect } from '../../engine/shell/types';
import type { ServeContext } from './context';
import { servePortForward } from './portforward';
import { parseApiPath } from './routes';
import { acceptKey, frame, readFrame, respond } from './websocket';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

interface Opener {
  openExec(namespace: string, pod: string, container: string): ExecStarter;
}

function status(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

/** The apiserver's default when the client names no container (kubectl always names one). */
function containerOf(ctx: ServeContext, ns: string, name: string, requested: string | null): string {
  if (requested) return requested;
  const pod = ctx.sim.api.get('pods', ns, name);
  const names = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
  if (names.length === 1) return names[0];
  throw Object.assign(new Error(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`), { badRequest: true });
}

/** An `upgrade` event of the HTTP server: exec's or port-forward's WebSocket, else a refusal. */
export function serveUpgrade(ctx: ServeContext, req: IncomingMessage, socket: Duplex): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const parsed = parseApiPath(url.pathname.replace(/\/+$/, ''));
  if (parsed.kind === 'resource' && parsed.route.subresource === 'portforward' && parsed.route.type.plural === 'pods' && parsed.route.name) {
    return servePortForward(ctx, req, socket, parsed.route.namespace ?? 'default', parsed.route.name);
  }
  if (parsed.kind !== 'resource' || parsed.route.subresource !== 'exec' || parsed.route.type.plural !== 'pods' || !parsed.route.name) {
    return respond(socket, 404, status(404, 'NotFound', 'the server could not find the requested resource'), 'application/json');
  }
  const { namespace = 'default', name } = parsed.route;
  const q = url.searchParams;
  const tty = q.get('tty') === 'true';
  const stdin = q.get('stdin') === 'true';
  let start: ExecStarter;
  try {
    ctx.sim.settle();
    const kubelet = ctx.sim.component('kubelet') as unknown as Opener;
    start = kubelet.openExec(namespace, name, containerOf(ctx, namespace, name, q.get('container')));
  } catch (e) {
    if (isApiError(e)) return respond(socket, e.code, JSON.stringify(e.toStatus()), 'application/json');
    if (e instanceof ExecStreamError) return respond(socket, 500, e.message, 'text/plain; charset=utf-8');
    if (e instanceof BackendError) return respond(socket, 500, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, code: 500 }), 'application/json');
    if ((e as { badRequest?: boolean }).badRequest) return respond(socket, 400, status(400, 'BadRequest', (e as Error).message), 'application/json');
    throw e;
  }
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') {
    return respond(socket, 400, status(400, 'BadRequest', 'this server serves exec over WebSocket (v5.channel.k8s.io) only, not SPDY'), 'application/json');
  }
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const protocol = offered.find((p) => PROTOCOLS.includes(p));
  if (!protocol) return respond(socket, 400, status(400, 'BadRequest', `unsupported streaming protocols: ${offered.join(', ')}`), 'application/json');
  const accept = acceptKey(String(req.headers['sec-websocket-key'] ?? ''));
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`);
  const session = new ExecSocket(ctx, socket, tty);
  void session.run(start, q.getAll('command'), stdin);
}

/** One exec stream: frames in and out, stdin as lines, the command driven in virtual time. */
class ExecSocket {
  private buf = Buffer.alloc(0);
  private lines: string[] = [];
  private partial = '';
  private eof = false;
  private closed = false;
  private wake: (() => void) | undefined;
  private escape = 0;

  constructor(
    private readonly ctx: ServeContext,
    private readonly socket: Duplex,
    private readonly tty: boolean,
  ) {
    socket.on('data', (d: Buffer) => this.receive(d));
    socket.on('close', () => {
      this.closed = true;
      this.eof = true;
      this.notify();
    });
    socket.on('error', () => socket.destroy());
  }

  async run(start: ExecStarter, command: string[], stdin: boolean): Promise<void> {
    let code: number;
    try {
      // Without a TTY, a pipe's input is given whole, as the command would read it to its end.
      if (stdin && !this.tty) {
        while (!this.eof) await this.next();
        const text = this.lines.map((l) => l + '\n').join('') + this.partial;
        code = await this.drive(start(command, { stdin: text }));
      } else code = await this.drive(start(command, stdin ? { live: true, tty: this.tty } : {}));
    } catch (e) {
      if (!(e instanceof ExecStreamError)) throw e;
      return this.finish(status(500, 'InternalError', e.message));
    }
    if (code === 0) return this.finish(JSON.stringify({ metadata: {}, status: 'Success' }));
    const message = `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`;
    this.finish(JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } }));
  }

  private async drive(gen: Generator<ShellEffect, number, unknown>): Promise<number> {
    let reply: unknown;
    for (;;) {
      if (this.closed) {
        gen.return(130);
        return 130;
      }
      const r = gen.next(reply);
      reply = undefined;
      if (r.done) return r.value;
      const e = r.value;
      if (e.type === 'stdout' || e.type === 'stderr') this.send(e.type === 'stderr' && !this.tty ? 2 : 1, this.tty ? e.text.replace(/\r?\n/g, '\r\n') : e.text);
      else if (e.type === 'sleep') await this.sleep(e.ms);
      else if (e.type === 'call' && e.name === STDIN_READ_LINE) {
        while (this.lines.length === 0 && !this.eof) await this.next();
        reply = this.lines.shift() ?? (this.partial && this.eof ? this.takePartial() : undefined);
      }
    }
  }

  private takePartial(): string {
    const p = this.partial;
    this.partial = '';
    return p;
  }

  /** Lets virtual time pass: at once when the clock is paused, else as the clock runs. */
  private async sleep(ms: number): Promise<void> {
    const target = this.ctx.sim.now() + ms;
    if (this.ctx.clock.speed === 0) return this.ctx.clock.advanceTo(target);
    await new Promise<void>((resolve) => {
      const stop = this.ctx.clock.onAdvance(() => {
        if (this.ctx.sim.now() < target && !this.closed) return;
        stop();
        resolve();
      });
    });
  }

  private next(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private send(channel: number, text: string): void {
    if (!this.closed && text) this.socket.write(frame(0x2, Buffer.concat([Buffer.from([channel]), Buffer.from(text)])));
  }

  private finish(statusJson: string): void {
    if (this.closed) return;
    this.send(3, statusJson);
    this.socket.write(frame(0x8, Buffer.from([0x03, 0xe8])));
    this.socket.end();
  }

  private receive(data: Buffer): void {
    this.buf = Buffer.concat([this.buf, data]);
    for (;;) {
      const f = readFrame(this.buf);
      if (!f) break;
      this.buf = this.buf.subarray(f.size);
      if (f.opcode === 0x8) {
        this.eof = true;
        this.socket.end();
      } else if (f.opcode === 0x9) this.socket.write(frame(0xa, f.payload));
      else if ((f.opcode === 0x2 || f.opcode === 0x1) && f.payload.length > 0) this.channel(f.payload[0], f.payload.subarray(1));
    }
    this.notify();
  }

  private channel(ch: number, data: Buffer): void {
    if (ch === 255 && data[0] === 0) this.endInput();
    else if (ch === 0) this.input(data.toString());
  }

  private endInput(): void {
    this.eof = true;
    if (this.partial) this.lines.push(this.takePartial());
  }

  private input(text: string): void {
    if (!this.tty) {
      const parts = (this.partial + text).split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts);
      return;
    }
    for (const ch of text) this.key(ch);
  }

  /** The TTY's line discipline (canonical mode with echo). */
  private key(ch: string): void {
    if (this.escape > 0) {
      // Arrow keys and the like (ESC [ X): not line editing a cooked tty does.
      if (this.escape === 1 && ch === '[') this.escape = 2;
      else this.escape = /[A-Za-z~]/.test(ch) || this.escape === 1 ? 0 : this.escape;
      return;
    }
    if (ch === '\x1b') this.escape = 1;
    else if (ch === '\r' || ch === '\n') {
      this.send(1, '\r\n');
      this.lines.push(this.takePartial());
    } else if (ch === '\x7f' || ch === '\b') {
      if (this.partial) {
        this.partial = this.partial.slice(0, -1);
        this.send(1, '\b \b');
      }
    } else if (ch === '\x03') {
      this.send(1, '^C\r\n');
      this.partial = '';
      this.lines.push('');
    } else if (ch === '\x04') {
      if (!this.partial) this.eof = true;
    } else if (ch >= ' ' || ch === '\t') {
      this.partial += ch;
      this.send(1, ch);
    }
  }
}
