/** A minimal client for tests of the Worker side: requests with ids, replies as promises, a manual clock. */
import type { Message, ReplyValues, Request, RequestType, WorkerLike } from '../protocol/messages';
import type { Timers } from './host';

type Body<K extends RequestType> = Omit<Extract<Request, { type: K }>, 'id' | 'type'>;

export class TestClient {
  readonly messages: Message[] = [];
  private nextId = 1;
  private waiting = new Map<number, (m: Message) => void>();

  constructor(readonly worker: WorkerLike) {
    worker.onmessage = ({ data }) => {
      this.messages.push(data);
      if (data.type === 'reply') this.waiting.get(data.id)?.(data);
    };
  }

  send<K extends RequestType>(type: K, body: Body<K>): { id: number; reply: Promise<ReplyValues[K]> } {
    const id = this.nextId++;
    const reply = new Promise<ReplyValues[K]>((resolve, reject) => {
      this.waiting.set(id, (m) => {
        if (m.type !== 'reply') return;
        if (m.ok) resolve(m.value as ReplyValues[K]);
        else reject(new Error(m.error.message));
      });
    });
    this.worker.postMessage({ type, id, ...body } as Request);
    return { id, reply };
  }

  request<K extends RequestType>(type: K, body: Body<K>): Promise<ReplyValues[K]> {
    return this.send(type, body).reply;
  }

  /** Everything the command with this id printed so far. */
  output(id: number): string {
    return this.messages.map((m) => (m.type === 'output' && m.id === id ? m.text : '')).join('');
  }
}

/** Timers that move only when the test says so. */
export function manualTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let queue: { at: number; fn: () => void; handle: number }[] = [];
  let handles = 0;
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const handle = ++handles;
      queue.push({ at: now + ms, fn, handle });
      return handle;
    },
    clearTimeout(h) {
      queue = queue.filter((t) => t.handle !== h);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        queue.sort((a, b) => a.at - b.at);
        const t = queue[0];
        if (!t || t.at > end) break;
        queue.shift();
        now = t.at;
        t.fn();
      }
      now = end;
    },
  };
}

export const flushMicrotasks = () => new Promise<void>((r) => setTimeout(r, 0));
