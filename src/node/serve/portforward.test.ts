import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { inflateSync, constants } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeaderWriter, SPDY3_DICTIONARY, TUNNELED_PORTFORWARD } from './portforward';
import type { RunningServer } from './server';
import { call, serveForTest } from './testing';
import { readFrame } from './websocket';

let s: RunningServer;
beforeAll(async () => {
  s = await serveForTest();
  const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'boot' }, spec: { containers: [{ name: 'boot', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1' }] } };
  expect((await call(s.url, 'POST', '/api/v1/namespaces/default/pods', { body })).status).toBe(201);
  s.clock.advance(30_000);
});
afterAll(() => s.close());

/** A masked binary client frame. */
function clientFrame(data: Buffer): Buffer {
  const mask = randomBytes(4);
  const n = data.length;
  const head = n < 126 ? Buffer.from([0x82, 0x80 | n]) : Buffer.from([0x82, 0x80 | 126, n >> 8, n & 0xff]);
  return Buffer.concat([head, mask, Buffer.from(data.map((b, i) => b ^ mask[i % 4]))]);
}

function control(type: number, flags: number, data: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8003, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE(data.length, 4);
  h[4] = flags;
  return Buffer.concat([h, data]);
}

function data(stream: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(stream, 0);
  h.writeUInt32BE(payload.length, 4);
  h[4] = flags;
  return Buffer.concat([h, payload]);
}

/** Opens the tunnelled port-forward and plays kubectl's part for one connection to `port`. */
function forward(port: number, send: string): Promise<{ frames: { control: boolean; type: number; stream: number; flags: number; body: Buffer }[] }> {
  return new Promise((done, reject) => {
    const req = request(new URL('/api/v1/namespaces/default/pods/boot/portforward', s.url), {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), 'Sec-WebSocket-Protocol': TUNNELED_PORTFORWARD },
    });
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('upgrade', (res, socket: Socket) => {
      expect(res.headers['sec-websocket-protocol']).toBe(TUNNELED_PORTFORWARD);
      const headers = new HeaderWriter();
      const syn = (id: number, type: string) => control(1, 0, Buffer.concat([Buffer.from([0, 0, 0, id, 0, 0, 0, 0, 0, 0]), headers.block([['streamtype', type], ['port', String(port)], ['requestid', '0']])]));
      socket.write(clientFrame(Buffer.concat([syn(1, 'error'), data(1, 1, Buffer.alloc(0)), syn(3, 'data'), data(3, 0, Buffer.from(send))])));
      socket.write(clientFrame(control(6, 0, Buffer.from([0, 0, 0, 1]))));
      let ws = Buffer.alloc(0);
      let spdy = Buffer.alloc(0);
      const frames: { control: boolean; type: number; stream: number; flags: number; body: Buffer }[] = [];
      socket.on('data', (d: Buffer) => {
        ws = Buffer.concat([ws, d]);
        for (let f = readFrame(ws); f; f = readFrame(ws)) {
          ws = ws.subarray(f.size);
          spdy = Buffer.concat([spdy, f.payload]);
        }
        while (spdy.length >= 8 && spdy.length >= 8 + (spdy.readUInt32BE(4) & 0xffffff)) {
          const len = spdy.readUInt32BE(4) & 0xffffff;
          const isControl = (spdy[0] & 0x80) !== 0;
          frames.push({ control: isControl, type: isControl ? spdy.readUInt16BE(2) : 0, stream: isControl ? 0 : spdy.readUInt32BE(0), flags: spdy[4], body: spdy.subarray(8, 8 + len) });
          spdy = spdy.subarray(8 + len);
        }
        const fin = frames.filter((f) => !f.control && f.flags & 1).map((f) => f.stream);
        const answered = frames.some((f) => !f.control && f.stream === 3 && f.body.length > 0);
        if ((fin.includes(3) && fin.includes(1)) || (answered && frames.some((f) => f.type === 6))) {
          socket.destroy();
          done({ frames });
        }
      });
    });
    req.end();
  });
}

describe('pods/NAME/portforward (SPDY/3.1 over WebSocket)', () => {
  it('replies to both streams, answers HTTP on the data stream and echoes pings', async () => {
    const { frames } = await forward(8080, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const replies = frames.filter((f) => f.control && f.type === 2).map((f) => f.body.readUInt32BE(0));
    expect(replies).toEqual([1, 3]);
    // Our header blocks are one zlib stream with the SPDY/3 dictionary: an empty header list each.
    const blocks = Buffer.concat(frames.filter((f) => f.control && f.type === 2).map((f) => f.body.subarray(4)));
    expect(inflateSync(blocks, { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH })).toEqual(Buffer.alloc(8));
    const response = frames.filter((f) => !f.control && f.stream === 3).map((f) => f.body.toString()).join('');
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\nContent-Type: text\/plain\r\nDate: .* GMT\r\nConnection: keep-alive\r\nContent-Length: 52\r\n\r\nHello Kubernetes bootcamp! \| Running on: boot \| v=1\n$/);
    expect(frames.find((f) => f.control && f.type === 6)?.body).toEqual(Buffer.from([0, 0, 0, 1]));
  });

  it('reports a port nothing listens on on the error stream, then closes both', async () => {
    const { frames } = await forward(9999, '');
    const error = frames.filter((f) => !f.control && f.stream === 1).map((f) => f.body.toString()).join('');
    expect(error).toMatch(/^error forwarding port 9999 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace .*dial tcp4 127\.0\.0\.1:9999: connect: connection refused/);
  });

  it('refuses SPDY without the WebSocket tunnel, and unknown pods', async () => {
    const spdy = await call(s.url, 'POST', '/api/v1/namespaces/default/pods/boot/portforward', { headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'portforward.k8s.io' } });
    expect(spdy.status).toBe(400);
    expect(spdy.json().message).toMatch(/port-forward over WebSocket \(SPDY\/3\.1\+portforward\.k8s\.io\) only/);
    const ghost = await call(s.url, 'POST', '/api/v1/namespaces/default/pods/ghost/portforward', { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'x', 'Sec-WebSocket-Protocol': TUNNELED_PORTFORWARD } });
    expect(ghost.json()).toMatchObject({ code: 404, message: 'pods "ghost" not found' });
  });
});
