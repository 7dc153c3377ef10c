/**
 * `pods/<name>/portforward` as kubectl 1.34 opens it (the PortForwardWebsockets feature): a
 * WebSocket whose subprotocol is `SPDY/3.1+portforward.k8s.io`, carrying a SPDY/3.1 session as
 * a byte stream in binary messages. For every local connection kubectl opens two SPDY streams
 * with headers `streamtype` (`error`, then `data`), `port` and `requestid`; the data stream
 * carries the connection's bytes both ways, the error stream the kubelet's error text.
 *
 * The far end is the pod's own network namespace (`localhost:PORT` inside the pod), reached
 * through the simulated cluster network, which answers HTTP: each request read from the data
 * stream (`GET /path HTTP/1.1` …) gets the HTTP/1.1 response of the container's server. A port
 * nothing listens on gets the kubelet's error on the error stream, as a cluster gives it. Other
 * protocols (redis, postgres) get no answer.
 *
 * SPDY as much as the client needs: SYN_STREAM (headers through zlib with the SPDY/3
 * dictionary), SYN_REPLY (our header blocks use stored deflate blocks, which any inflater
 * reads), DATA with FIN, RST_STREAM, PING (echoed), GOAWAY; SETTINGS and WINDOW_UPDATE are
 * read and ignored (the client does no flow control either).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { constants, inflateSync } from 'node:zlib';
import { isApiError } from '../../engine/api/errors';
import { ClusterNetwork } from '../../engine/network/clusterNetwork';
import type { KubeObject } from '../../engine/objects';
import type { ServeContext } from './context';
import { kubeletOf } from './proxy';
import { acceptKey, frame, readFrame, respond } from './websocket';

export const TUNNELED_PORTFORWARD = 'SPDY/3.1+portforward.k8s.io';

/** The SPDY/3 header-compression dictionary (draft-mbelshe-httpbis-spdy-00 §2.6.10.1). */
export const SPDY3_DICTIONARY: Buffer = (() => {
  const words = [
    'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language', 'accept-ranges', 'age', 'allow',
    'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding', 'content-language', 'content-length', 'content-location', 'content-md5',
    'content-range', 'content-type', 'date', 'etag', 'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range',
    'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer', 'retry-after',
    'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning', 'www-authenticate', 'method', 'get', 'status', '200 OK',
    'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive', 'origin',
  ];
  const tail =
    '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
    '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized403 Forbidden404 Not Found' +
    '500 Internal Server Error501 Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 ' +
    'Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,' +
    'text/plain,text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';
  const parts: Buffer[] = [];
  for (const w of words) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(w.length);
    parts.push(len, Buffer.from(w, 'latin1'));
  }
  parts.push(Buffer.from(tail, 'latin1'));
  return Buffer.concat(parts);
})();

const SYN_STREAM = 1;
const SYN_REPLY = 2;
const RST_STREAM = 3;
const PING = 6;
const GOAWAY = 7;
const FLAG_FIN = 0x01;

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

function adler32(buf: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of buf) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Our side of the header compression: one zlib stream per session, made of stored blocks. */
export class HeaderWriter {
  private started = false;

  block(headers: [string, string][]): Buffer {
    const raw: Buffer[] = [u32(headers.length)];
    for (const [k, v] of headers) raw.push(u32(Buffer.byteLength(k)), Buffer.from(k), u32(Buffer.byteLength(v)), Buffer.from(v));
    const data = Buffer.concat(raw);
    const out: Buffer[] = [];
    if (!this.started) {
      // CMF 0x78, FLG 0x20 (FDICT; 0x7820 is a multiple of 31), then the dictionary's Adler-32.
      out.push(Buffer.from([0x78, 0x20]), u32(adler32(SPDY3_DICTIONARY)));
      this.started = true;
    }
    // One non-final stored block: BFINAL 0, BTYPE 00, LEN, NLEN (little-endian).
    const head = Buffer.alloc(5);
    head[0] = 0;
    head.writeUInt16LE(data.length, 1);
    head.writeUInt16LE(~data.length & 0xffff, 3);
    // Then an empty stored block, as a sync flush ends every block: inflaters release the data on it.
    out.push(head, data, Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]));
    return Buffer.concat(out);
  }
}

/** The client's side: its zlib stream so far, inflated again whole each time (header blocks are few and small). */
class HeaderReader {
  private input = Buffer.alloc(0);
  private used = 0;

  read(block: Buffer): Record<string, string> {
    this.input = Buffer.concat([this.input, block]);
    const all = inflateSync(this.input, { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    const data = all.subarray(this.used);
    this.used = all.length;
    const headers: Record<string, string> = {};
    let at = 4;
    for (let i = 0, n = data.readUInt32BE(0); i < n; i++) {
      const kl = data.readUInt32BE(at);
      const key = data.toString('utf8', at + 4, at + 4 + kl);
      at += 4 + kl;
      const vl = data.readUInt32BE(at);
      headers[key.toLowerCase()] = data.toString('utf8', at + 4, at + 4 + vl);
      at += 4 + vl;
    }
    return headers;
  }
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function controlFrame(type: number, flags: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | 3, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(data.length, 4);
  head[4] = flags;
  return Buffer.concat([head, data]);
}

function dataFrame(stream: number, flags: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(stream & 0x7fffffff, 0);
  head.writeUInt32BE(data.length, 4);
  head[4] = flags;
  return Buffer.concat([head, data]);
}

interface Stream {
  id: number;
  type: string;
  port: number;
  requestId: string;
  /** Bytes of the local connection not yet answered. */
  pending: Buffer;
  closedByClient: boolean;
  closedByUs: boolean;
}

/** An `upgrade` for `pods/<name>/portforward`. */
export function servePortForward(ctx: ServeContext, req: IncomingMessage, socket: Duplex, namespace: string, name: string): void {
  let pod: KubeObject;
  try {
    ctx.sim.settle();
    pod = ctx.sim.api.get('pods', namespace, name);
  } catch (e) {
    if (isApiError(e)) return respond(socket, e.code, JSON.stringify(e.toStatus()), 'application/json');
    throw e;
  }
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (req.headers.upgrade?.toLowerCase() !== 'websocket' || !offered.includes(TUNNELED_PORTFORWARD)) {
    const message = `this server serves port-forward over WebSocket (${TUNNELED_PORTFORWARD}) only, not SPDY`;
    return respond(socket, 400, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 }), 'application/json');
  }
  if (!pod.spec?.nodeName) {
    const message = `pod ${name} does not have a host assigned`;
    return respond(socket, 400, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 }), 'application/json');
  }
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(String(req.headers['sec-websocket-key'] ?? ''))}\r\nSec-WebSocket-Protocol: ${TUNNELED_PORTFORWARD}\r\n\r\n`);
  new PortForwardSession(ctx, socket, pod);
}

class PortForwardSession {
  private ws = Buffer.alloc(0);
  private spdy = Buffer.alloc(0);
  private readonly streams = new Map<number, Stream>();
  private readonly reader = new HeaderReader();
  private readonly writer = new HeaderWriter();
  private closed = false;

  constructor(
    private readonly ctx: ServeContext,
    private readonly socket: Duplex,
    private readonly pod: KubeObject,
  ) {
    socket.on('data', (d: Buffer) => this.receive(d));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => socket.destroy());
  }

  private receive(data: Buffer): void {
    this.ws = Buffer.concat([this.ws, data]);
    for (;;) {
      const f = readFrame(this.ws);
      if (!f) break;
      this.ws = this.ws.subarray(f.size);
      if (f.opcode === 0x8) {
        if (!this.closed) this.socket.end(frame(0x8, Buffer.from([0x03, 0xe8])));
        this.closed = true;
        return;
      }
      if (f.opcode === 0x9) this.socket.write(frame(0xa, f.payload));
      else if (f.opcode === 0x2 || f.opcode === 0x0) this.spdy = Buffer.concat([this.spdy, f.payload]);
    }
    try {
      this.frames();
    } catch (e) {
      process.stderr.write(`pilothouse serve: port-forward: ${(e as Error).message}\n`);
      this.socket.destroy();
    }
  }

  private send(spdyFrame: Buffer): void {
    if (!this.closed) this.socket.write(frame(0x2, spdyFrame));
  }

  private frames(): void {
    while (this.spdy.length >= 8) {
      const len = this.spdy.readUInt32BE(4) & 0xffffff;
      if (this.spdy.length < 8 + len) return;
      const head = this.spdy.subarray(0, 8);
      const body = this.spdy.subarray(8, 8 + len);
      this.spdy = this.spdy.subarray(8 + len);
      const flags = head[4];
      if (head[0] & 0x80) this.control(head.readUInt16BE(2), flags, body);
      else this.data(head.readUInt32BE(0) & 0x7fffffff, flags, body);
    }
  }

  private control(type: number, flags: number, body: Buffer): void {
    switch (type) {
      case SYN_STREAM: {
        const id = body.readUInt32BE(0) & 0x7fffffff;
        const h = this.reader.read(body.subarray(10));
        const s: Stream = { id, type: h.streamtype ?? '', port: Number(h.port), requestId: h.requestid ?? '', pending: Buffer.alloc(0), closedByClient: (flags & FLAG_FIN) !== 0, closedByUs: false };
        this.streams.set(id, s);
        this.send(controlFrame(SYN_REPLY, 0, Buffer.concat([u32(id), this.writer.block([])])));
        if (s.type === 'data') this.opened(s);
        return;
      }
      case RST_STREAM:
        this.streams.delete(body.readUInt32BE(0) & 0x7fffffff);
        return;
      case PING:
        this.send(controlFrame(PING, 0, body));
        return;
      case GOAWAY:
        this.socket.end(frame(0x8, Buffer.from([0x03, 0xe8])));
        this.closed = true;
        return;
      default:
        // SETTINGS, WINDOW_UPDATE, HEADERS: nothing to do.
        return;
    }
  }

  /** The error stream paired with a data stream. */
  private errorStreamOf(s: Stream): Stream | undefined {
    for (const o of this.streams.values()) if (o.type === 'error' && o.requestId === s.requestId) return o;
    return undefined;
  }

  private finish(s: Stream | undefined): void {
    if (!s || s.closedByUs) return;
    s.closedByUs = true;
    this.send(dataFrame(s.id, FLAG_FIN, Buffer.alloc(0)));
  }

  /** A new local connection: fail it now, as the kubelet does, when nothing in the pod listens on the port. */
  private opened(s: Stream): void {
    const r = this.connect(s.port);
    if (r === 'ok') return;
    const uid = this.pod.metadata.uid ?? '';
    const netns = `/var/run/netns/cni-${uid.slice(0, 8)}-${uid.slice(9, 13)}-${uid.slice(14, 18)}-${uid.slice(19, 23)}-${uid.slice(24)}`;
    const why = r === 'refused' ? `dial tcp4 127.0.0.1:${s.port}: connect: connection refused` : `dial tcp4 127.0.0.1:${s.port}: i/o timeout`;
    const message = `error forwarding port ${s.port} to pod ${this.containerId()}, uid : failed to execute portforward in network namespace "${netns}": failed to connect to localhost:${s.port} inside namespace "${this.containerId()}", IPv4: ${why} IPv6 dial tcp6 [::1]:${s.port}: connect: connection refused `;
    const err = this.errorStreamOf(s);
    if (err) {
      this.send(dataFrame(err.id, 0, Buffer.from(message)));
      this.finish(err);
    }
    this.finish(s);
  }

  /** The pod sandbox's id, as the kubelet's message names it (64 hex digits, derived from the pod's uid). */
  private containerId(): string {
    return createHash('sha256').update(`sandbox/${this.pod.metadata.uid ?? ''}`).digest('hex');
  }

  private network(): ClusterNetwork {
    const kubelet = kubeletOf(this.ctx);
    return new ClusterNetwork({ store: this.ctx.sim.store, random: this.ctx.sim.random, serving: (ns, pod, port, path) => kubelet.serving(ns, pod, port, path), nodeUp: (node) => kubelet.kubeletAlive(node) });
  }

  private caller() {
    return { namespace: this.pod.metadata.namespace ?? 'default', pod: this.pod.metadata.name, container: '', node: this.pod.spec?.nodeName ?? '' };
  }

  private connect(port: number): 'ok' | 'refused' | 'timeout' {
    this.ctx.sim.settle();
    const r = this.network().connect('127.0.0.1', port, this.caller());
    return r.ok ? 'ok' : r.error === 'timeout' ? 'timeout' : 'refused';
  }

  private data(id: number, flags: number, body: Buffer): void {
    const s = this.streams.get(id);
    if (!s) return;
    if (body.length) {
      s.pending = Buffer.concat([s.pending, body]);
      if (s.type === 'data') this.answer(s);
    }
    if (flags & FLAG_FIN) {
      s.closedByClient = true;
      if (s.type === 'data') {
        // The local connection closed: close our halves of both streams.
        this.finish(s);
        this.finish(this.errorStreamOf(s));
      }
    }
  }

  /** Answers every whole HTTP request the stream holds, in order. */
  private answer(s: Stream): void {
    for (;;) {
      const end = s.pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = s.pending.toString('latin1', 0, end);
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (s.pending.length < end + 4 + length) return;
      s.pending = s.pending.subarray(end + 4 + length);
      const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]/.exec(head);
      if (!m) {
        this.finish(s);
        return;
      }
      this.ctx.sim.settle();
      const reply = this.network().http(`http://127.0.0.1:${s.port}${m[2].startsWith('/') ? m[2] : '/'}`, this.caller()) as { ok: true; status: number; body: string } | { ok: false };
      if (!reply.ok) {
        // The container stopped listening since the connection opened: the connection resets.
        this.finish(s);
        return;
      }
      const body = m[1] === 'HEAD' ? '' : reply.body;
      const type = /^\s*</.test(reply.body) ? 'text/html' : 'text/plain';
      const date = new Date(this.ctx.sim.now()).toUTCString();
      const response = `HTTP/1.1 ${reply.status} ${STATUS_TEXT[reply.status] ?? 'Unknown'}\r\nContent-Type: ${type}\r\nDate: ${date}\r\nConnection: keep-alive\r\nContent-Length: ${Buffer.byteLength(reply.body)}\r\n\r\n${body}`;
      this.send(dataFrame(s.id, 0, Buffer.from(response)));
    }
  }
}
