/**
 * The page's end of the protocol. It owns the Worker (or whatever `createWorker` gives: the
 * in-process host in tests), numbers requests and resolves their replies, applies cluster batches
 * to the store at most once per animation frame, resyncs the mirror from a full list when a batch
 * does not follow on, and restarts a crashed Worker from its last saved snapshot. Nothing here
 * waits on the Worker synchronously: every call returns a promise.
 */
import type { Batch, ClusterSnapshot, Completion, FullState, LessonView, Message, ReplyValues, Request, RequestType, Speed, WorkerLike } from '../../protocol/messages';
import { applyBatches, mirrorFromFull } from '../state/mirror';
import type { AppStore, Buffer } from '../state/store';

export interface BridgeOptions {
  createWorker: () => WorkerLike;
  store: AppStore;
  /** requestAnimationFrame in the page; tests pass their own. */
  frame?: (cb: () => void) => void;
}

type Body<K extends RequestType> = Omit<Extract<Request, { type: K }>, 'id' | 'type'>;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  onClear?: () => void;
  /** The command reads a line of standard input (answer with `stdin`). */
  onReadLine?: () => void;
}

export const RESTART_NOTICE = 'The simulation stopped unexpectedly and was restarted from its last save.';

export class Bridge {
  private worker!: WorkerLike;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private batches: Batch[] = [];
  private frameScheduled = false;
  private resyncing = false;
  private readonly frame: (cb: () => void) => void;
  /** Called after every reset/import/restart with the fresh state (the terminal prints a note). */
  onRestart: ((why: 'crash') => void) | undefined;
  /** The open lesson as the Worker last described it (src/ui/lessonPane listens). */
  onLesson: ((lesson: LessonView | null) => void) | undefined;

  constructor(private readonly opts: BridgeOptions) {
    this.frame = opts.frame ?? ((cb) => requestAnimationFrame(() => cb()));
  }

  /** Starts the Worker and boots the simulation (from the saved snapshot when there is one). */
  async start(speed: Speed = 1): Promise<ReplyValues['boot']> {
    this.connect();
    const s = this.opts.store.getState();
    const files = filesOf(s.buffers);
    const state = await this.request('boot', { speed, history: s.history, files });
    this.install(state);
    this.opts.store.setState({ worker: { phase: 'ready', notice: this.opts.store.getState().worker.notice } });
    return state;
  }

  run(input: string, onOutput: Pending['onOutput'], onClear: Pending['onClear'], onReadLine?: Pending['onReadLine']): { id: number; done: Promise<ReplyValues['run']> } {
    return this.send('run', { input }, { onOutput, onClear, onReadLine });
  }

  /** A line typed for the running command `target` (`null`: Ctrl+D, end of input). */
  stdin(target: number, line: string | null): Promise<ReplyValues['stdin']> {
    return this.request('stdin', { target, line });
  }

  interrupt(target: number): Promise<ReplyValues['interrupt']> {
    return this.request('interrupt', { target });
  }

  complete(line: string, cursor: number): Promise<Completion> {
    return this.request('complete', { line, cursor });
  }

  apply(text: string, source?: string): Promise<ReplyValues['apply']> {
    return this.request('apply', { text, source });
  }

  async setSpeed(speed: Speed): Promise<void> {
    this.opts.store.setState((s) => ({ clock: { ...s.clock, speed } }));
    this.opts.store.setState({ clock: await this.request('setSpeed', { speed }) });
  }

  async skipAhead(): Promise<void> {
    this.opts.store.setState({ clock: await this.request('skipAhead', {}) });
  }

  setFiles(files: Record<string, string>): Promise<unknown> {
    return this.request('setFiles', { files });
  }

  persist(): Promise<unknown> {
    return this.request('persist', {});
  }

  async exportSnapshot(): Promise<ClusterSnapshot> {
    return (await this.request('exportSnapshot', {})).snapshot;
  }

  async importSnapshot(snapshot: ClusterSnapshot): Promise<void> {
    this.install(await this.request('importSnapshot', { snapshot }));
  }

  async reset(): Promise<void> {
    this.install(await this.request('reset', {}));
  }

  /** Typed request → promise of its reply value. */
  request<K extends RequestType>(type: K, body: Body<K>): Promise<ReplyValues[K]> {
    return this.send(type, body).done;
  }

  dispose(): void {
    this.worker?.terminate();
  }

  private send<K extends RequestType>(type: K, body: Body<K>, extra: Partial<Pending> = {}): { id: number; done: Promise<ReplyValues[K]> } {
    const id = this.nextId++;
    const done = new Promise<ReplyValues[K]>((resolve, reject) => {
      this.pending.set(id, { ...extra, resolve: resolve as (v: unknown) => void, reject });
    });
    this.worker.postMessage({ type, id, ...body } as Request);
    return { id, done };
  }

  private connect(): void {
    this.worker = this.opts.createWorker();
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (e) => {
      console.error('simulation worker error', e.message);
      void this.restart();
    };
  }

  private receive(m: Message): void {
    switch (m.type) {
      case 'reply': {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        // kubectl edit's tab goes when its command ends.
        if (m.request === 'run') this.closeEditBuffer(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
        return;
      }
      case 'output':
        return this.pending.get(m.id)?.onOutput?.(m.stream, m.text);
      case 'clear':
        return this.pending.get(m.id)?.onClear?.();
      case 'readLine':
        return this.pending.get(m.id)?.onReadLine?.();
      case 'openEditor':
        return this.openEditBuffer(m);
      case 'batch':
        this.batches.push(m.batch);
        return this.scheduleFrame();
      case 'clock':
        return this.opts.store.setState({ clock: m.clock });
      case 'lesson':
        return this.onLesson?.(m.lesson);
      case 'fatal':
        console.error('simulation failed', m.error.message, m.error.stack);
        return void this.restart();
    }
  }

  /** `kubectl edit` waits for a text: it opens (or, after an error, refreshes) a tab and makes it active. */
  private openEditBuffer(m: Extract<Message, { type: 'openEditor' }>): void {
    const buffer: Buffer = { id: `kubectl-edit-${m.id}`, title: `edit ${m.title}`, text: m.text, editFor: m.id };
    const rest = this.opts.store.getState().buffers.filter((b) => b.id !== buffer.id);
    this.opts.store.setState({ buffers: [...rest, buffer], activeBuffer: buffer.id });
  }

  private closeEditBuffer(command: number): void {
    const { buffers, activeBuffer } = this.opts.store.getState();
    if (!buffers.some((b) => b.editFor === command)) return;
    const rest = buffers.filter((b) => b.editFor !== command);
    this.opts.store.setState({ buffers: rest, activeBuffer: rest.some((b) => b.id === activeBuffer) ? activeBuffer : rest[rest.length - 1]?.id });
  }

  /** The text saved in `kubectl edit`'s tab for command `target` (`null`: the tab was closed). */
  editorResult(target: number, text: string | null): Promise<ReplyValues['editorResult']> {
    return this.request('editorResult', { target, text });
  }

  private scheduleFrame(): void {
    if (this.frameScheduled) return;
    this.frameScheduled = true;
    this.frame(() => {
      this.frameScheduled = false;
      this.applyPending();
    });
  }

  private applyPending(): void {
    if (this.resyncing || this.batches.length === 0) return;
    const batches = this.batches.splice(0);
    const r = applyBatches(this.opts.store.getState().mirror, batches);
    if (r.ok) {
      this.opts.store.setState({ mirror: r.mirror, clock: batches[batches.length - 1].clock });
      return;
    }
    void this.resync();
  }

  /** Starts the mirror over from a full list; batches that arrive meanwhile are applied after it. */
  async resync(): Promise<void> {
    this.resyncing = true;
    try {
      this.install(await this.request('resync', {}));
    } finally {
      this.resyncing = false;
      this.scheduleFrame();
    }
  }

  /** A request replaced the cluster (a lesson opened or closed): the mirror starts over. */
  adopt(full: FullState): void {
    this.install(full);
  }

  private install(full: FullState): void {
    this.batches = this.batches.filter((b) => b.seq > full.seq);
    this.opts.store.setState({ mirror: mirrorFromFull(full), clock: full.clock });
  }

  private restarting = false;

  /** The Worker died: fail what was pending, start a new one from the last saved snapshot. */
  private async restart(): Promise<void> {
    if (this.restarting) return;
    this.restarting = true;
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.batches = [];
    for (const p of pending) p.reject(new Error(RESTART_NOTICE));
    this.opts.store.setState({ worker: { phase: 'restarting', notice: RESTART_NOTICE } });
    try {
      await this.start(this.opts.store.getState().clock.speed);
      this.onRestart?.('crash');
    } finally {
      this.restarting = false;
    }
  }
}

/** Editor buffers as the files `kubectl apply -f NAME` reads. */
export function filesOf(buffers: Buffer[]): Record<string, string> {
  return Object.fromEntries(buffers.filter((b) => b.editFor === undefined).map((b) => [b.title, b.text]));
}
