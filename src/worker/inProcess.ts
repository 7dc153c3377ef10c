/**
 * The Worker without a Worker: a WorkerHost in this thread behind the same `WorkerLike` interface
 * the page uses, with messages copied (structured clone) and delivered asynchronously as a real
 * Worker's are. For tests, and for measuring the host without a browser.
 */
import type { Message, Request, WorkerLike } from '../protocol/messages';
import { type Timers, WorkerHost } from './host';
import { memoryStorage, type SnapshotStorage } from './storage';

export interface InProcessOptions {
  storage?: SnapshotStorage;
  timers?: Timers;
  tickMs?: number;
}

export function createInProcessWorker(opts: InProcessOptions = {}): WorkerLike & { host: WorkerHost } {
  let terminated = false;
  const worker: WorkerLike & { host: WorkerHost } = {
    onmessage: null,
    onerror: null,
    postMessage(message: Request) {
      const copy = structuredClone(message);
      queueMicrotask(() => !terminated && host.handle(copy));
    },
    terminate() {
      terminated = true;
      host.dispose();
    },
    host: undefined as unknown as WorkerHost,
  };
  const host = new WorkerHost({
    port: {
      postMessage(m: Message) {
        const copy = structuredClone(m);
        queueMicrotask(() => !terminated && worker.onmessage?.({ data: copy }));
      },
    },
    storage: opts.storage ?? memoryStorage(),
    timers: opts.timers ?? { now: () => performance.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
    tickMs: opts.tickMs,
  });
  worker.host = host;
  return worker;
}
