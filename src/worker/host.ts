/**
 * The Worker's side of the protocol: hosts one Simulation and one terminal Session, maps command
 * effects to messages, lets real time drive virtual time at the chosen speed, batches store
 * changes for the page and saves the cluster. It never touches `self`: the entry (`entry.ts`) or a
 * test gives it a port, a storage and timers.
 */
import { createCluster, identityOf, restoreCluster } from '../engine/cluster/create';
import { RESOURCE_TYPES } from '../engine/api/resources';
import { isIncomplete } from '../engine/shell';
import { coreBuiltins } from '../engine/shell/builtins';
import type { Simulation, SimulationSnapshot } from '../engine/sim/simulation';
import { COMMANDS } from '../cli/kubectl/commands';
import { GLOBAL_FLAGS } from '../cli/kubectl/command';
import { runKubectl } from '../cli/kubectl/kubectl';
import { Session } from '../cli/session';
import type { ClockState, ClusterSnapshot, FullState, Message, PortLike, ReplyValues, Request, SerializedError, Speed } from '../protocol/messages';
import { Batcher } from './batcher';
import { CommandRunner } from './commands';
import { complete } from './completion';
import { BufferFs, HOME } from './files';
import { LessonHost } from './lessons';
import type { SnapshotStorage } from './storage';

export interface Timers {
  /** Real (wall-clock) milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface HostOptions {
  port: PortLike;
  storage: SnapshotStorage;
  timers: Timers;
  /** Real milliseconds between clock ticks. */
  tickMs?: number;
}

/** Real time a single tick may account for: a throttled background tab must not jump hours. */
const MAX_TICK_REAL_MS = 5000;
/** "Skip ahead" gives up after this much virtual time if the cluster never gets quiet. */
const SKIP_LIMIT_MS = 60 * 60 * 1000;
const CLOCK_MESSAGE_EVERY_MS = 250;
const SAVE_AFTER_CHANGE_MS = 1000;
const SAVE_AT_LEAST_EVERY_MS = 5000;

export class WorkerHost {
  private sim!: Simulation;
  private session!: Session;
  private batcher: Batcher | undefined;
  private readonly runner: CommandRunner;
  private readonly fs = new BufferFs();
  private speed: Speed = 1;
  private seq = 0;
  private booted = false;
  private dead = false;
  private chain: Promise<void> = Promise.resolve();
  private tickHandle: unknown;
  private lastReal = 0;
  private carry = 0;
  private lastClockSent = { real: 0, now: 0, speed: 1 as Speed };
  private dirtySince: number | undefined;
  private lastChange: number | undefined;
  private saving = false;
  private outBuf: Extract<Message, { type: 'output' }>[] = [];
  private readonly lessons: LessonHost;

  constructor(private readonly opts: HostOptions) {
    this.runner = new CommandRunner({
      output: (id, stream, text) => this.output(id, stream, text),
      clear: (id) => {
        this.flushOutput();
        this.post({ type: 'clear', id });
      },
      readLine: (id) => {
        this.flushOutput();
        this.post({ type: 'readLine', id });
      },
      openEditor: (id, { title, text, language }) => {
        this.flushOutput();
        this.post({ type: 'openEditor', id, title, text, language });
      },
      done: (id, exitCode) => {
        this.flushOutput();
        this.reply(id, 'run', { exitCode });
        this.markChanged();
      },
      now: () => this.sim.now(),
    });
    this.lessons = new LessonHost({
      storage: opts.storage.lessons,
      sim: () => this.sim,
      install: (sim) => this.install(sim),
      fullState: () => this.fullState(),
      post: (m) => this.post(m),
      setSpeed: (speed) => {
        this.speed = speed;
        this.lastReal = this.opts.timers.now();
      },
      fs: this.fs,
      addFiles: (files) => this.fs.setBuffers(files),
      advanceTo: (t) => this.advanceTo(t),
      saveSandbox: async () => void (await this.opts.storage.save(this.sim.snapshot() as unknown as ClusterSnapshot)),
      loadSandbox: async () => {
        const saved = await this.opts.storage.load().catch(() => undefined);
        return saved ? restoreCluster(saved as unknown as SimulationSnapshot) : createCluster();
      },
      realNow: () => this.opts.timers.now(),
    });
  }

  /** Requests are handled one after another, in the order they came. */
  handle(req: Request): void {
    this.chain = this.chain.then(() => this.dispatch(req)).catch((err) => this.fail(req, err));
  }

  /** Stops the clock (tests; a Worker is simply terminated). */
  dispose(): void {
    this.opts.timers.clearTimeout(this.tickHandle);
    this.dead = true;
    this.batcher?.dispose();
  }

  private async dispatch(req: Request): Promise<void> {
    if (this.dead) return;
    if (req.type === 'boot') return this.boot(req);
    if (!this.booted) throw new Error('the simulation has not started yet');
    switch (req.type) {
      case 'run':
        return this.run(req.id, req.input);
      case 'interrupt':
        this.reply(req.id, 'interrupt', { interrupted: this.runner.interrupt(req.target) });
        return this.flush();
      case 'stdin':
        this.reply(req.id, 'stdin', { accepted: this.runner.input(req.target, req.line) });
        this.flushOutput();
        return this.flush();
      case 'editorResult':
        this.reply(req.id, 'editorResult', { accepted: this.runner.editorResult(req.target, req.text) });
        this.flushOutput();
        return this.flush();
      case 'apply':
        return this.apply(req.id, req.text);
      case 'setSpeed':
        this.speed = req.speed;
        this.lastReal = this.opts.timers.now();
        return this.reply(req.id, 'setSpeed', this.clock());
      case 'skipAhead':
        this.skipAhead();
        this.flush();
        this.lessons.tick(true);
        return this.reply(req.id, 'skipAhead', this.clock());
      case 'complete':
        return this.reply(req.id, 'complete', complete(req.line, req.cursor, this.completionSource()));
      case 'setFiles':
        this.fs.setBuffers(req.files);
        return this.reply(req.id, 'setFiles', {});
      case 'resync':
        return this.reply(req.id, 'resync', this.fullState());
      case 'persist':
        return this.reply(req.id, 'persist', { saved: await this.save() });
      case 'exportSnapshot':
        return this.reply(req.id, 'exportSnapshot', { snapshot: this.sim.snapshot() as unknown as ClusterSnapshot });
      case 'importSnapshot':
        await this.lessons.detach();
        this.install(restoreCluster(req.snapshot as unknown as SimulationSnapshot));
        await this.save();
        return this.reply(req.id, 'importSnapshot', this.fullState());
      case 'reset':
        await this.lessons.detach();
        this.install(createCluster());
        await this.save();
        return this.reply(req.id, 'reset', this.fullState());
      default:
        return this.lessonRequest(req);
    }
  }

  private async lessonRequest(req: Extract<Request, { type: `lesson${string}` }>): Promise<void> {
    const value = await this.lessons.handle(req);
    // Progress is the learner's: saved at once, not when the page may already be gone.
    if (req.type !== 'lessonCatalogue') await this.save();
    this.reply(req.id, req.type, value as never);
    this.flush();
  }

  private async boot(req: Extract<Request, { type: 'boot' }>): Promise<void> {
    let sim: Simulation | undefined;
    let restored = false;
    const saved = req.snapshot ?? (await this.opts.storage.load().catch(() => undefined));
    if (saved) {
      try {
        sim = restoreCluster(saved as unknown as SimulationSnapshot);
        restored = true;
      } catch {
        sim = undefined; // A snapshot this version cannot read: start fresh rather than not at all.
      }
    }
    this.speed = req.speed;
    this.fs.setBuffers(req.files);
    this.install(sim ?? createCluster());
    this.session.history.push(...req.history);
    this.booted = true;
    // A lesson that was open when the page went away comes back at the same step.
    if (await this.lessons.resume()) restored = true;
    else if (!restored) await this.save();
    this.reply(req.id, 'boot', { ...this.fullState(), restored });
    this.lastReal = this.opts.timers.now();
    this.scheduleTick();
  }

  private install(sim: Simulation): void {
    const running = this.runner.runningId;
    if (running !== undefined) this.runner.interrupt(running);
    this.flushOutput();
    const history = this.session?.history ?? [];
    this.batcher?.dispose();
    this.sim = sim;
    this.session = new Session(sim, { fs: this.fs, listDir: (p) => this.fs.listDir(p), interactive: true, cwd: HOME });
    this.session.history.push(...history);
    this.batcher = new Batcher(sim.store, this.seq);
  }

  private run(id: number, input: string): void {
    if (isIncomplete(input)) return this.reply(id, 'run', { incomplete: true });
    if (this.runner.busy) throw new Error('a command is already running');
    this.runner.start(id, this.session.run(input));
    this.flushOutput();
    this.flush();
  }

  private apply(id: number, text: string): void {
    const host = {
      sim: this.sim,
      // The terminal's namespace (`kubectl config set-context --current --namespace=…`), like kubectl apply.
      namespace: () => this.session.getNamespace(),
      setNamespace: () => {},
      context: identityOf(this.sim).context,
      fs: this.fs,
    };
    const gen = runKubectl(['apply', '-f', '-'], host, text);
    let stdout = '';
    let stderr = '';
    let step = gen.next();
    while (!step.done) {
      const e = step.value;
      if (e.type === 'stdout') stdout += e.text;
      else if (e.type === 'stderr') stderr += e.text;
      else if (e.type === 'sleep') this.sim.advance(e.ms);
      step = gen.next();
    }
    this.sim.settle();
    this.reply(id, 'apply', { exitCode: step.value, stdout, stderr });
    this.flush();
  }

  /** Moves virtual time to `target`, waking the running command at each instant it asked for and
   *  firing the lesson's scripted events at theirs. */
  private advanceTo(target: number): void {
    for (;;) {
      const wake = this.runner.wakeAt;
      const event = this.lessons.nextEventAt();
      const next = Math.min(wake ?? Infinity, event ?? Infinity);
      if (next > target) break;
      this.sim.advanceTo(Math.max(next, this.sim.now()));
      if (event !== undefined && event <= this.sim.now()) this.lessons.fireDue();
      if (wake !== undefined && wake <= this.sim.now()) {
        this.runner.resume();
        this.flushOutput();
      }
    }
    this.sim.advanceTo(target);
  }

  private skipAhead(): void {
    const deadline = this.sim.now() + SKIP_LIMIT_MS;
    // A lesson's next scripted event counts as activity, and skipping stops right after it fires:
    // the learner sees the node fail rather than the cluster already healed.
    const event = this.lessons.nextEventAt();
    for (;;) {
      this.sim.settle();
      if (event !== undefined && this.lessons.nextEventAt() !== event) break;
      const next = this.sim.isQuiet() ? event : Math.min(this.sim.nextActivity() ?? Infinity, event ?? Infinity);
      if (next === undefined || next === Infinity || next > deadline) break;
      this.advanceTo(Math.max(next, this.sim.now()));
    }
    // A command waiting on nothing but time (`sleep 30s`) is not left waiting either (unless a
    // scripted event comes first).
    const wake = this.runner.wakeAt;
    const eventFired = event !== undefined && this.lessons.nextEventAt() !== event;
    if (!eventFired && wake !== undefined && wake > this.sim.now() && wake <= Math.min(deadline, event ?? Infinity)) this.advanceTo(wake);
  }

  private tick(): void {
    const real = this.opts.timers.now();
    const dt = Math.min(real - this.lastReal, MAX_TICK_REAL_MS);
    this.lastReal = real;
    if (this.speed !== 'pause' && dt > 0) {
      // Virtual time is whole milliseconds; the fraction carries over to the next tick.
      this.carry += dt * this.speed;
      const whole = Math.floor(this.carry);
      this.carry -= whole;
      if (whole > 0) this.advanceTo(this.sim.now() + whole);
    }
    this.flush();
    this.lessons.tick();
    void this.maybeSave(real);
  }

  private scheduleTick(): void {
    this.opts.timers.clearTimeout(this.tickHandle);
    this.tickHandle = this.opts.timers.setTimeout(() => {
      if (this.dead) return;
      try {
        this.tick();
      } catch (err) {
        this.dead = true;
        this.post({ type: 'fatal', error: serializeError(err) });
        return;
      }
      this.scheduleTick();
    }, this.opts.tickMs ?? 50);
  }

  /** Sends the pending batch, or the clock when only time moved. */
  private flush(): void {
    if (!this.batcher) return;
    const real = this.opts.timers.now();
    const batch = this.batcher.flush(this.clock());
    if (batch) {
      this.seq = batch.seq;
      this.post({ type: 'batch', batch });
      this.markChanged();
      this.lessons.changed();
      this.lastClockSent = { real, now: batch.clock.now, speed: batch.clock.speed };
      return;
    }
    const last = this.lastClockSent;
    const moved = this.sim.now() !== last.now || this.speed !== last.speed;
    if (moved && (real - last.real >= CLOCK_MESSAGE_EVERY_MS || this.speed !== last.speed)) {
      const clock = this.clock();
      this.post({ type: 'clock', clock });
      this.lastClockSent = { real, now: clock.now, speed: clock.speed };
      this.dirtySince ??= real;
    }
  }

  private markChanged(): void {
    const real = this.opts.timers.now();
    this.lastChange = real;
    this.dirtySince ??= real;
  }

  private async maybeSave(real: number): Promise<void> {
    if (this.dirtySince === undefined || this.saving) return;
    const sinceChange = this.lastChange === undefined ? 0 : real - this.lastChange;
    if (real - this.dirtySince >= SAVE_AT_LEAST_EVERY_MS || (this.lastChange !== undefined && sinceChange >= SAVE_AFTER_CHANGE_MS)) await this.save();
  }

  private async save(): Promise<boolean> {
    if (this.saving) return false;
    this.saving = true;
    this.dirtySince = undefined;
    this.lastChange = undefined;
    try {
      if (this.lessons.active) await this.lessons.save();
      else await this.opts.storage.save(this.sim.snapshot() as unknown as ClusterSnapshot);
      return true;
    } catch {
      return false;
    } finally {
      this.saving = false;
    }
  }

  private clock(): ClockState {
    return { now: this.sim.now(), speed: this.speed, quiet: this.sim.isQuiet() };
  }

  private fullState(): FullState {
    return this.batcher!.full(this.clock());
  }

  private completionSource() {
    const store = this.sim.store;
    return {
      commands: ['kubectl', 'k', 'sim', 'clear', 'history', ...Object.keys(coreBuiltins).filter((n) => /^[a-z]/.test(n))],
      kubectl: COMMANDS,
      globalFlags: GLOBAL_FLAGS,
      resourceTypes: RESOURCE_TYPES,
      names: (resource: string, namespace: string | undefined) => store.list(resource, namespace).map((o) => o.metadata.name),
      namespace: 'default',
      files: () => this.fs.names(),
    };
  }

  private output(id: number, stream: 'stdout' | 'stderr', text: string): void {
    const last = this.outBuf[this.outBuf.length - 1];
    if (last && last.id === id && last.stream === stream) last.text += text;
    else this.outBuf.push({ type: 'output', id, stream, text });
  }

  private flushOutput(): void {
    for (const m of this.outBuf.splice(0)) this.post(m);
  }

  private reply<K extends keyof ReplyValues>(id: number, request: K, value: ReplyValues[K]): void {
    this.post({ type: 'reply', id, request, ok: true, value } as Message);
  }

  private fail(req: Request, err: unknown): void {
    this.post({ type: 'reply', id: req.id, request: req.type, ok: false, error: serializeError(err) } as Message);
  }

  private post(m: Message): void {
    this.opts.port.postMessage(m);
  }
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}
