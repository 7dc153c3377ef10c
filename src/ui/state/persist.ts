/**
 * What the page keeps across reloads besides the cluster (which the Worker saves itself):
 * terminal history, editor buffers, layout and the chosen speed — in IndexedDB through idb-keyval,
 * saved a moment after a change and at once when the page is hidden.
 */
import { createStore as createIdbStore, get, set, type UseStore } from 'idb-keyval';
import type { Speed } from '../../protocol/messages';
import { DEFAULT_LAYOUT, type AppState, type AppStore, type Buffer, type Layout } from './store';

export interface Persisted {
  version: 1;
  history: string[];
  buffers: Buffer[];
  activeBuffer?: string;
  layout: Layout;
  speed: Speed;
}

/** Shared with the Worker's cluster snapshot (src/worker/storage.ts): same database, other key. */
const DB_NAME = 'pilothouse';
const STORE_NAME = 'state';
const KEY = 'ui';
const SAVE_DELAY_MS = 400;

let idb: UseStore | undefined;
const db = () => (idb ??= createIdbStore(DB_NAME, STORE_NAME));

export async function loadPersisted(): Promise<Persisted | undefined> {
  try {
    const p = await get<Persisted>(KEY, db());
    return p?.version === 1 ? { ...p, layout: { ...DEFAULT_LAYOUT, ...p.layout } } : undefined;
  } catch {
    return undefined;
  }
}

export function persistedOf(s: AppState): Persisted {
  // kubectl edit's tab is not kept: a reload ends the command that waits for it.
  return { version: 1, history: s.history, buffers: s.buffers.filter((b) => b.editFor === undefined), activeBuffer: s.activeBuffer, layout: s.layout, speed: s.clock.speed };
}

/** Saves after changes (debounced) and when the page is hidden; returns a function that stops it. */
export function keepPersisted(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    const p = persistedOf(store.getState());
    const json = JSON.stringify(p);
    if (json === last) return;
    last = json;
    void set(KEY, p, db()).catch(() => (last = ''));
  };
  last = JSON.stringify(persistedOf(store.getState()));
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.history === prev.history && s.buffers === prev.buffers && s.layout === prev.layout && s.clock.speed === prev.clock.speed && s.activeBuffer === prev.activeBuffer) return;
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  });
  const onHide = () => save();
  window.addEventListener('pagehide', onHide);
  const onVisibility = () => document.visibilityState === 'hidden' && save();
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    unsubscribe();
    clearTimeout(timer);
    window.removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
