/**
 * Where the Worker keeps the last cluster snapshot: IndexedDB in the browser (idb-keyval), memory
 * in tests. The page never needs the snapshot to survive a crash or a reload: the Worker saves it.
 */
import { createStore, del, get, set } from 'idb-keyval';
import type { ClusterSnapshot } from '../protocol/messages';

export interface SnapshotStorage {
  load(): Promise<ClusterSnapshot | undefined>;
  save(snapshot: ClusterSnapshot): Promise<void>;
  clear(): Promise<void>;
}

/** Database and object store shared with the page's own state (`src/ui/state/persist.ts`). */
export const DB_NAME = 'pilothouse';
export const STORE_NAME = 'state';
export const SNAPSHOT_KEY = 'cluster';

export function indexedDbStorage(): SnapshotStorage {
  const store = createStore(DB_NAME, STORE_NAME);
  return {
    load: () => get<ClusterSnapshot>(SNAPSHOT_KEY, store),
    save: (s) => set(SNAPSHOT_KEY, s, store),
    clear: () => del(SNAPSHOT_KEY, store),
  };
}

export function memoryStorage(initial?: ClusterSnapshot): SnapshotStorage & { saved: ClusterSnapshot | undefined; saves: number } {
  const m = {
    saved: initial,
    saves: 0,
    load: async () => m.saved,
    save: async (s: ClusterSnapshot) => {
      m.saved = s;
      m.saves++;
    },
    clear: async () => {
      m.saved = undefined;
    },
  };
  return m;
}
