/**
 * The Worker's lesson side: holds the open lesson's LessonRunner over the host's simulation,
 * answers the lesson requests, fires scripted events when virtual time reaches them, evaluates the
 * step's checks after changes (throttled in real time), and keeps each lesson's own cluster,
 * progress and step-start snapshot in storage — apart from the free sandbox cluster, which is
 * saved when a lesson opens and comes back when it closes.
 */
import { restoreCluster } from '../engine/cluster/create';
import type { ShellFs } from '../engine/shell/types';
import type { Simulation, SimulationSnapshot } from '../engine/sim/simulation';
import { createLessonCluster, LessonRunner, parseLesson, unpackLesson, type EventOutput } from '../lessons';
import type { CheckStatus, Lesson, LessonProgress, LessonSource } from '../lessons/model';
import type { ClusterSnapshot, EventOutputView, FullState, LessonFiles, LessonRequest, LessonSummary, LessonView, Message, ReplyValues, Speed } from '../protocol/messages';
import type { LessonRecord, LessonStorage } from './storage';
import { summaryOf, viewOf } from './lessonsView';

/** Checks run at most this often (real ms): a rollout changes the store many times a second. */
export const EVALUATE_EVERY_MS = 250;

/** What the lesson host needs from the WorkerHost. */
export interface LessonHostDeps {
  storage: LessonStorage;
  sim(): Simulation;
  /** Replaces the host's simulation (and its terminal session) with this one. */
  install(sim: Simulation): void;
  fullState(): FullState;
  post(message: Message): void;
  setSpeed(speed: Speed): void;
  /** The terminal's files (editor buffers, lesson files, what commands wrote): checks read them too. */
  fs: ShellFs;
  /** Lesson files the terminal's commands can read (`kubectl apply -f web.yaml`). */
  addFiles(files: Record<string, string>): void;
  /** Lets virtual time run to `t` (waking commands, firing events on the way). */
  advanceTo(t: number): void;
  saveSandbox(): Promise<void>;
  loadSandbox(): Promise<Simulation>;
  /** Real time (ms), for throttling. */
  realNow(): number;
}

interface OpenLesson {
  lesson: Lesson;
  source: LessonSource;
  runner: LessonRunner;
  stepSnapshot: ClusterSnapshot;
  checks: CheckStatus[];
  events: EventOutputView[];
}

type LessonRequestType = LessonRequest['type'];

export class LessonHost {
  private open: OpenLesson | undefined;
  private dirty = false;
  /** A scripted event fired: the page hears of it at once, whatever the throttle says. */
  private urgent = false;
  private lastEvaluated = -Infinity;

  constructor(private readonly deps: LessonHostDeps) {}

  get active(): boolean {
    return this.open !== undefined;
  }

  /** Virtual time of the next scripted event, if a lesson is open and one is pending. */
  nextEventAt(): number | undefined {
    return this.open?.runner.nextEventAt();
  }

  /** Fires the events (and observes the predictions) due at the current virtual time. */
  fireDue(): void {
    const o = this.open;
    if (!o) return;
    this.record(o.runner.fireDue());
    this.dirty = true;
    this.urgent = true;
  }

  /** The store changed or a command ended: checks may have a different answer. */
  changed(): void {
    if (this.open) this.dirty = true;
  }

  /** Called every clock tick: evaluates and tells the page when something changed, throttled
   *  (`now`: a deliberate action such as skip ahead, answered at once). */
  tick(now = false): void {
    if (!this.open || !this.dirty) return;
    const real = this.deps.realNow();
    if (!now && !this.urgent && real - this.lastEvaluated < EVALUATE_EVERY_MS) return;
    this.evaluateAndPost();
  }

  /** On boot: reopens the lesson that was open when the page went away. */
  async resume(): Promise<boolean> {
    const slug = await this.deps.storage.active().catch(() => undefined);
    if (!slug) return false;
    const record = await this.deps.storage.load(slug).catch(() => undefined);
    const parsed = record && parseLesson(record.source);
    try {
      if (!record || !parsed?.lesson || parsed.problems.length > 0) throw new Error('unreadable');
      this.restore(parsed.lesson, record);
      return true;
    } catch {
      // A lesson this version cannot resume must not stop the page from starting: the sandbox it is.
      this.open = undefined;
      await this.deps.storage.setActive(undefined);
      return false;
    }
  }

  /** Saves the open lesson's cluster and progress. */
  async save(): Promise<void> {
    const o = this.open;
    if (!o) return;
    await this.deps.storage.save(this.recordOf(o));
  }

  /** Leaves the lesson without touching the cluster (the sandbox is being reset or replaced). */
  async detach(): Promise<void> {
    if (!this.open) return;
    await this.save();
    this.open = undefined;
    await this.deps.storage.setActive(undefined);
    this.deps.post({ type: 'lesson', lesson: null });
  }

  async handle<K extends LessonRequestType>(req: Extract<LessonRequest, { type: K }>): Promise<ReplyValues[K]>;
  async handle(req: LessonRequest): Promise<ReplyValues[LessonRequestType]> {
    switch (req.type) {
      case 'lessonCatalogue':
        return { lessons: await this.catalogue(req.sources), current: this.view() };
      case 'lessonOpen':
        return this.openLesson(req);
      case 'lessonClose':
        return this.close();
    }
    const o = this.current();
    switch (req.type) {
      case 'lessonGoto':
        if (!Number.isInteger(req.step) || req.step < 0 || req.step >= o.lesson.steps.length) throw new Error(`no step ${req.step} in this lesson`);
        this.openStep(o, req.step);
        return this.evaluateAndPost();
      case 'lessonHint':
        o.runner.revealHint();
        return this.postView();
      case 'lessonSolution':
        o.runner.showSolution();
        this.postView();
        return { solution: o.lesson.steps[o.runner.progress.step].solution };
      case 'lessonResetStep': {
        const sim = restoreCluster(o.stepSnapshot as unknown as SimulationSnapshot);
        this.deps.install(sim);
        o.runner = new LessonRunner(o.lesson, sim, { files: this.deps.fs, progress: structuredClone(o.runner.progress) });
        o.events = [];
        this.record(o.runner.openStep(o.runner.progress.step));
        this.evaluate();
        return this.switched();
      }
      case 'lessonTriggerEvents': {
        // Presenter "E": the step's scripted events now — time runs to each, as if waited for.
        for (let at = this.nextEventAt(); at !== undefined; at = this.nextEventAt()) this.deps.advanceTo(Math.max(at, this.deps.sim().now()));
        return this.evaluateAndPost();
      }
      case 'lessonQuiz':
        o.runner.answerQuiz(req.question, req.choices);
        return this.postView();
      case 'lessonPredict':
        o.runner.predict(req.prediction, req.choice);
        return this.postView();
    }
  }

  private current(): OpenLesson {
    if (!this.open) throw new Error('no lesson is open');
    return this.open;
  }

  private async catalogue(sources: LessonFiles[]): Promise<LessonSummary[]> {
    const saved = new Map((await this.deps.storage.progress().catch(() => [] as LessonProgress[])).map((p) => [p.slug, p]));
    return sources.map((source) => {
      const { lesson, problems } = parseLesson(source);
      if (!lesson || problems.length > 0) {
        return { slug: source.slug, title: source.slug, summary: '', level: '', duration: '', tags: [], steps: 0, problems: problems.map((p) => `${p.path}: ${p.message}`) };
      }
      return summaryOf(lesson, saved.get(lesson.slug));
    });
  }

  private async openLesson(req: Extract<LessonRequest, { type: 'lessonOpen' }>): Promise<ReplyValues['lessonOpen']> {
    const source: LessonSource | undefined = req.text !== undefined ? unpackLesson(req.text, fallbackSlug(req.fileName)) : req.source;
    if (!source) throw new Error('lessonOpen needs a source or a file');
    const { lesson, problems } = parseLesson(source);
    if (!lesson || problems.length > 0) throw new Error(`This lesson cannot be opened:\n${problems.map((p) => `  ${p.path}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`).join('\n')}`);
    // Leave whatever is open first: the sandbox keeps its cluster, another lesson its progress.
    if (this.open) await this.save();
    else await this.deps.saveSandbox();
    const record = req.restart ? undefined : await this.deps.storage.load(lesson.slug).catch(() => undefined);
    try {
      if (!record) throw new Error('nothing saved');
      this.restore(lesson, { ...record, source });
    } catch {
      this.start(lesson, source); // nothing saved, or a save this version cannot read
    }
    await this.deps.storage.setActive(lesson.slug);
    await this.save();
    return this.switched();
  }

  private async close(): Promise<ReplyValues['lessonClose']> {
    if (this.open) {
      await this.save();
      this.open = undefined;
      await this.deps.storage.setActive(undefined);
      this.deps.install(await this.deps.loadSandbox());
    }
    const full = this.deps.fullState();
    this.deps.post({ type: 'lesson', lesson: null });
    return { full, lesson: null };
  }

  private start(lesson: Lesson, source: LessonSource): void {
    const sim = createLessonCluster(lesson);
    this.deps.install(sim);
    this.deps.addFiles(lesson.files);
    this.deps.setSpeed(lesson.speed);
    const runner = new LessonRunner(lesson, sim, { files: this.deps.fs });
    const o: OpenLesson = { lesson, source, runner, stepSnapshot: snapshotOf(sim), checks: [], events: [] };
    this.open = o;
    this.openStep(o, 0);
    this.evaluate();
  }

  private restore(lesson: Lesson, record: LessonRecord): void {
    const sim = restoreCluster(record.snapshot as unknown as SimulationSnapshot);
    this.deps.install(sim);
    this.deps.addFiles(lesson.files);
    const progress = { ...record.progress, step: Math.min(record.progress.step, Math.max(0, lesson.steps.length - 1)) };
    const runner = new LessonRunner(lesson, sim, { files: this.deps.fs, progress });
    this.open = { lesson, source: record.source, runner, stepSnapshot: record.stepSnapshot, checks: [], events: [] };
    this.evaluate();
  }

  /** Snapshot first: "reset step" returns to the cluster as it was just before the step's events. */
  private openStep(o: OpenLesson, step: number): void {
    o.runner.evaluate(); // the step being left gets its due: done is done, throttle or not
    o.stepSnapshot = snapshotOf(this.deps.sim());
    o.events = [];
    this.record(o.runner.openStep(step));
    this.dirty = true;
  }

  private record(fired: EventOutput[]): void {
    const o = this.open;
    if (!o) return;
    const at = this.deps.sim().now();
    o.events.push(...fired.map((e) => ({ command: e.command, output: e.output, exitCode: e.exitCode, at })));
  }

  private evaluate(): void {
    const o = this.open;
    if (!o) return;
    try {
      o.checks = o.runner.evaluate();
    } catch (e) {
      // A check that cannot run is shown as failing, not allowed to stop the simulation.
      o.checks = [{ title: 'The checks could not run', passed: false, why: e instanceof Error ? e.message : String(e) }];
    }
    this.dirty = false;
    this.urgent = false;
    this.lastEvaluated = this.deps.realNow();
  }

  private evaluateAndPost(): LessonView {
    this.evaluate();
    return this.postView();
  }

  private postView(): LessonView {
    const view = this.view()!;
    this.deps.post({ type: 'lesson', lesson: view });
    return view;
  }

  private switched(): ReplyValues['lessonOpen'] {
    const lesson = this.view();
    this.deps.post({ type: 'lesson', lesson });
    return { full: this.deps.fullState(), lesson };
  }

  view(): LessonView | null {
    const o = this.open;
    return o ? viewOf(o.lesson, o.source.files, o.runner.progress, o.checks, o.events) : null;
  }

  private recordOf(o: OpenLesson): LessonRecord {
    return { source: o.source, progress: structuredClone(o.runner.progress), snapshot: snapshotOf(this.deps.sim()), stepSnapshot: o.stepSnapshot };
  }
}

function snapshotOf(sim: Simulation): ClusterSnapshot {
  return sim.snapshot() as unknown as ClusterSnapshot;
}

/** A dropped `web-basics.lesson.json` or `web-basics.md` names its lesson when the file does not. */
function fallbackSlug(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined;
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.lesson\.json$|\.json$|\.md$/i, '');
  return base === 'lesson' ? undefined : base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || undefined;
}
