/**
 * The page's state: one zustand vanilla store split into slices — the cluster mirror (fed by the
 * bridge, without React), the virtual clock, the selection, terminal history, editor buffers,
 * layout and the Worker's status. React reads it through small selectors (`useApp`).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ClockState } from '../../protocol/messages';
import { emptyMirror, type Mirror } from './mirror';

export interface Selection {
  resource: string;
  namespace?: string;
  name: string;
}

export interface Buffer {
  id: string;
  /** File name the command language sees (`kubectl apply -f web.yaml`). */
  title: string;
  text: string;
  /** The buffer is `kubectl edit`'s file: the id of the command waiting for it (not a file the shell sees). */
  editFor?: number;
}

export type Theme = 'dark' | 'light';

export interface Layout {
  /** Fraction of the width the left column (graph over terminal) takes. */
  left: number;
  /** Fraction of the left column the graph takes. */
  graph: number;
  /** Fraction of the right column the inspector takes (the editor has the rest). */
  inspector: number;
  /** Fraction of the height the events strip takes. */
  events: number;
  theme: Theme;
  /** Terminal and editor font size (presenters: Ctrl/Cmd +/-). */
  fontSize: number;
}

export type WorkerPhase = 'starting' | 'ready' | 'restarting';

export interface AppState {
  mirror: Mirror;
  clock: ClockState;
  selection: Selection | null;
  history: string[];
  buffers: Buffer[];
  activeBuffer: string | undefined;
  layout: Layout;
  worker: { phase: WorkerPhase; notice?: string };
}

export const DEFAULT_LAYOUT: Layout = { left: 0.58, graph: 0.55, inspector: 0.45, events: 0.2, theme: 'dark', fontSize: 14 };

export const FONT_SIZES = { min: 10, max: 32 };

export type AppStore = StoreApi<AppState>;

export function createAppStore(initial: Partial<AppState> = {}): AppStore {
  return createStore<AppState>()(() => ({
    mirror: emptyMirror,
    clock: { now: 0, speed: 1, quiet: true },
    selection: null,
    history: [],
    buffers: [],
    activeBuffer: undefined,
    layout: DEFAULT_LAYOUT,
    worker: { phase: 'starting' },
    ...initial,
  }));
}

/** Small, named updates, so components and the bridge say what they mean. */
export const actions = {
  select: (store: AppStore, selection: Selection | null) => store.setState({ selection }),
  setLayout: (store: AppStore, patch: Partial<Layout>) => store.setState((s) => ({ layout: { ...s.layout, ...patch } })),
  setHistory: (store: AppStore, history: string[]) => store.setState({ history }),
  setBuffers: (store: AppStore, buffers: Buffer[], activeBuffer?: string) =>
    store.setState((s) => ({ buffers, activeBuffer: activeBuffer ?? (buffers.some((b) => b.id === s.activeBuffer) ? s.activeBuffer : buffers[0]?.id) })),
  zoom: (store: AppStore, step: number) =>
    store.setState((s) => ({ layout: { ...s.layout, fontSize: step === 0 ? DEFAULT_LAYOUT.fontSize : clamp(s.layout.fontSize + step, FONT_SIZES.min, FONT_SIZES.max) } })),
};

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
