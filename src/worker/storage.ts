/**
 * Where the Worker keeps the last cluster snapshot: IndexedDB in the browser (idb-keyval), memory
 * in tests. The page never needs the snapshot to survive a crash or a reload: the Worker saves it.
 */
import { createStore, del, get, getMany, keys, set } from 'idb-keyval';
import type { LessonProgress, LessonSource } from '../lessons/model';
import type { ClusterSnapshot } from '../protocol/messages';

export interface SnapshotStorage {
  load(): Promise<ClusterSnapshot | undefined>;
  save(snapshot: ClusterSnapshot): Promise<void>;
  clear(): Promise<void>;
  /** Each lesson's own cluster and progress, apart from the free sandbox's snapshot. */
  lessons: LessonStorage;
}

/** What a lesson keeps: its source (a dropped file must reopen after a reload), its cluster, and
 *  the cluster as it was when the current step opened ("reset step" restores that). */
export interface LessonRecord {
  source: LessonSource;
  progress: LessonProgress;
  snapshot: ClusterSnapshot;
  stepSnapshot: ClusterSnapshot;
}

export interface LessonStorage {
  load(slug: string): Promise<LessonRecord | undefined>;
  save(record: LessonRecord): Promise<void>;
  /** Progress alone, for the catalogue (without reading every snapshot). */
  progress(): Promise<LessonProgress[]>;
  /** The lesson that was open (a reload resumes it), or undefined for the sandbox. */
  active(): Promise<string | undefined>;
  setActive(slug: string | undefined): Promise<void>;
}

/** Database and object store shared with the page's own state (`src/ui/state/persist.ts`). */
export const DB_NAME = 'pilothouse';
export const STORE_NAME = 'state';
export const SNAPSHOT_KEY = 'cluster';
const LESSON_KEY = 'lesson:';
const PROGRESS_KEY = 'lesson-progress:';
const ACTIVE_LESSON_KEY = 'lesson-active';

export function indexedDbStorage(): SnapshotStorage {
  const store = createStore(DB_NAME, STORE_NAME);
  return {
    load: () => get<ClusterSnapshot>(SNAPSHOT_KEY, store),
    save: (s) => set(SNAPSHOT_KEY, s, store),
    clear: () => del(SNAPSHOT_KEY, store),
    lessons: {
      load: (slug) => get<LessonRecord>(LESSON_KEY + slug, store),
      save: async (r) => {
        await set(LESSON_KEY + r.source.slug, r, store);
        await set(PROGRESS_KEY + r.source.slug, r.progress, store);
      },
      progress: async () => (await getMany<LessonProgress | undefined>((await keys(store)).filter((k) => String(k).startsWith(PROGRESS_KEY)), store)).filter((p) => p !== undefined),
      active: () => get<string>(ACTIVE_LESSON_KEY, store),
      setActive: (slug) => (slug === undefined ? del(ACTIVE_LESSON_KEY, store) : set(ACTIVE_LESSON_KEY, slug, store)),
    },
  };
}

export function memoryStorage(initial?: ClusterSnapshot): SnapshotStorage & { saved: ClusterSnapshot | undefined; saves: number } {
  const records = new Map<string, LessonRecord>();
  let active: string | undefined;
  const m = {
    saved: initial,
    saves: 0,
    lessons: {
      load: async (slug: string) => structuredClone(records.get(slug)),
      save: async (r: LessonRecord) => void records.set(r.source.slug, structuredClone(r)),
      progress: async () => [...records.values()].map((r) => structuredClone(r.progress)),
      active: async () => active,
      setActive: async (slug: string | undefined) => void (active = slug),
    },
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
