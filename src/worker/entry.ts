/**
 * The Web Worker's entry: one WorkerHost speaking the protocol over `self`, saving the cluster
 * in IndexedDB, with the real clock and timers.
 */
import type { Request } from '../protocol/messages';
import { WorkerHost } from './host';
import { indexedDbStorage } from './storage';

declare const self: DedicatedWorkerGlobalScope;

const host = new WorkerHost({
  port: { postMessage: (m) => self.postMessage(m) },
  storage: indexedDbStorage(),
  timers: {
    now: () => performance.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as number),
  },
});

self.onmessage = (e: MessageEvent<Request>) => host.handle(e.data);
