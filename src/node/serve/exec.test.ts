import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server';
import { call, serveForTest } from './testing';

let s: RunningServer;
beforeAll(async () => {
  s = await serveForTest();
  const pod = (name: string, image: string, command?: string[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name, image, command }] } });
  for (const p of [pod('box', 'busybox', ['sleep', '3600']), pod('crash', 'busybox', ['false'])]) {
    expect((await call(s.url, 'POST', '/api/v1/namespaces/default/pods', { body: p })).status).toBe(201);
  }
  s.clock.advance(30_000);
});
afterAll(() => s.close());

/** A masked client frame on channel `ch` (v5.channel.k8s.io). */
function clientFrame(ch: number, data: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from([ch]), data]);
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
  return Buffer.concat([Buffer.from([0x82, 0x80 | payload.length]), mask, masked]);
}

/** Opens exec as kubectl 1.34 does; sends `input` on stdin, then closes stdin; collects channels until close. */
function wsExec(query: string, input?: string): Promise<{ status: number; body?: string; channels: Record<number, string> }> {
  return new Promise((done, reject) => {
    const req = request(new URL(`/api/v1/namespaces/default/pods/${query}`, s.url), {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), 'Sec-WebSocket-Protocol': 'v5.channel.k8s.io, v4.channel.k8s.io' },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body, channels: {} }));
    });
    req.on('upgrade', (res, socket: Socket, head: Buffer) => {
      expect(res.headers['sec-websocket-protocol']).toBe('v5.channel.k8s.io');
      const channels: Record<number, string> = {};
      let buf = Buffer.alloc(0);
      // Server frames are unmasked, under 64 KiB here.
      const receive = (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        for (;;) {
          if (buf.length < 2) return;
          const long = (buf[1] & 0x7f) === 126;
          const at = long ? 4 : 2;
          const len = long ? buf.readUInt16BE(2) : buf[1] & 0x7f;
          if (buf.length < at + len) return;
          const payload = buf.subarray(at, at + len);
          if ((buf[0] & 0x0f) === 0x2) channels[payload[0]] = (channels[payload[0]] ?? '') + payload.subarray(1).toString();
          buf = buf.subarray(at + len);
        }
      };
      receive(head);
      socket.on('data', receive);
      socket.on('close', () => done({ status: 101, channels }));
      if (input !== undefined) socket.write(Buffer.concat([clientFrame(0, Buffer.from(input)), clientFrame(255, Buffer.from([0]))]));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('pods/exec over WebSocket', () => {
  it('streams stdout and stderr and ends with the exit status', async () => {
    const ok = await wsExec('box/exec?command=hostname&container=box&stdout=true&stderr=true');
    expect(ok.channels).toEqual({ 1: 'box\n', 3: '{"metadata":{},"status":"Success"}' });
    const failed = await wsExec('box/exec?command=sh&command=-c&command=echo+oops+%3E%262%3B+exit+3&container=box&stdout=true&stderr=true');
    expect(failed.channels[2]).toBe('oops\n');
    expect(JSON.parse(failed.channels[3])).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } });
  });

  it('reads stdin until the client closes it', async () => {
    const r = await wsExec('box/exec?command=sh&container=box&stdin=true&stdout=true&stderr=true', 'echo piped\nhostname\n');
    expect(r.channels[1]).toBe('piped\nbox\n');
  });

  it('answers errors where a real cluster does', async () => {
    expect(JSON.parse((await wsExec('box/exec?command=ls&container=nope&stdout=true')).body!)).toMatchObject({ code: 400, message: 'container nope is not valid for pod box' });
    expect(await wsExec('crash/exec?command=ls&container=crash&stdout=true')).toMatchObject({ status: 500, body: 'container not found ("crash")' });
    const missing = await wsExec('box/exec?command=bash&container=box&stdout=true');
    expect(JSON.parse(missing.channels[3])).toMatchObject({ status: 'Failure', reason: 'InternalError', code: 500 });
    expect((await call(s.url, 'POST', '/api/v1/namespaces/default/pods/box/exec?command=ls')).json()).toMatchObject({ code: 400, message: 'Upgrade request required' });
  });
});
