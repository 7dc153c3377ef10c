/**
 * The page's side of lessons: a small store (catalogue, the open lesson as the Worker describes
 * it, presenter flags) and the actions the pane and the presenter keys call. Everything a lesson
 * does to the cluster happens in the Worker; commands the learner asks to run are typed into the
 * terminal, visibly, like a person would.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LessonFiles, LessonSummary, LessonSwitch, LessonView, Speed } from '../../protocol/messages';
import type { AppServices } from '../app/context';
import { actions } from '../state/store';

export interface LessonUiState {
  /** The lesson pane is shown. */
  paneOpen: boolean;
  /** The pane lists the lessons (rather than showing the open one). */
  showCatalogue: boolean;
  catalogue: LessonSummary[] | undefined;
  lesson: LessonView | null;
  /** What is being done now ("Opening…"), for the pane's status line. */
  busy: string | undefined;
  error: string | undefined;
  presenter: boolean;
  /** Presenter "G": the cluster graph alone, full screen. */
  graphOnly: boolean;
  /** Fraction of the width the pane takes beside the workspace. */
  width: number;
}

export type LessonUiStore = StoreApi<LessonUiState>;

export class LessonsController {
  readonly store: LessonUiStore = createStore<LessonUiState>()(() => ({
    paneOpen: false,
    showCatalogue: true,
    catalogue: undefined,
    lesson: null,
    busy: undefined,
    error: undefined,
    presenter: false,
    graphOnly: false,
    width: 0.3,
  }));
  /** The speed to return to when presenter Space resumes time. */
  private resumeSpeed: Speed = 1;
  private sourcesOnce: Promise<LessonFiles[]> | undefined;

  /** `loadSources` gives the built-in lessons (a lazily loaded chunk: the terminal comes first). */
  constructor(
    private readonly services: AppServices,
    private readonly loadSources: () => Promise<LessonFiles[]>,
  ) {}

  private sources(): Promise<LessonFiles[]> {
    return (this.sourcesOnce ??= this.loadSources());
  }

  /** Listens for the Worker's lesson messages and loads the catalogue (once the Worker is up). */
  async attach(): Promise<void> {
    this.services.bridge.onLesson = (lesson) => this.setLesson(lesson);
    await this.loadCatalogue();
  }

  detach(): void {
    this.services.bridge.onLesson = undefined;
  }

  async loadCatalogue(): Promise<void> {
    await this.attempt(undefined, async () => {
      const { lessons, current } = await this.services.bridge.request('lessonCatalogue', { sources: await this.sources() });
      this.store.setState({ catalogue: sortLessons(lessons) });
      this.setLesson(current);
    });
  }

  togglePane(open = !this.store.getState().paneOpen): void {
    this.store.setState({ paneOpen: open });
  }

  showCatalogue(show: boolean): void {
    this.store.setState({ showCatalogue: show || !this.store.getState().lesson });
    if (show) void this.loadCatalogue();
  }

  open(slug: string, restart = false): Promise<void> {
    return this.switchTo('Opening the lesson…', async () => {
      const source = (await this.sources()).find((s) => s.slug === slug);
      if (!source) throw new Error(`No lesson is called ${slug}.`);
      return this.services.bridge.request('lessonOpen', { source, restart });
    });
  }

  /** A lesson file the learner picked or dropped: Markdown, or a `.lesson.json` bundle. */
  async openFile(file: File): Promise<void> {
    const text = await file.text();
    await this.switchTo(`Opening ${file.name}…`, () => this.services.bridge.request('lessonOpen', { text, fileName: file.name }));
  }

  close(): Promise<void> {
    return this.switchTo('Back to the sandbox…', () => this.services.bridge.request('lessonClose', {}));
  }

  goto(step: number): Promise<void> {
    const lesson = this.store.getState().lesson;
    if (!lesson || step < 0 || step >= lesson.steps.length || step === lesson.step) return Promise.resolve();
    return this.attempt(undefined, async () => this.setLesson(await this.services.bridge.request('lessonGoto', { step })));
  }

  next(): Promise<void> {
    return this.goto((this.store.getState().lesson?.step ?? -2) + 1);
  }

  previous(): Promise<void> {
    return this.goto((this.store.getState().lesson?.step ?? 0) - 1);
  }

  hint(): Promise<void> {
    return this.attempt(undefined, async () => this.setLesson(await this.services.bridge.request('lessonHint', {})));
  }

  showSolution(): Promise<void> {
    return this.attempt(undefined, async () => void (await this.services.bridge.request('lessonSolution', {})));
  }

  /** Runs the step's solution in the terminal, one command after another; a wait skips ahead. */
  applySolution(): Promise<void> {
    return this.attempt('Running the solution…', async () => {
      const { solution } = await this.services.bridge.request('lessonSolution', {});
      for (const action of solution) {
        if ('run' in action) await this.run(action.run);
        else await this.services.bridge.skipAhead();
      }
    });
  }

  resetStep(): Promise<void> {
    return this.switchTo('Resetting the step…', () => this.services.bridge.request('lessonResetStep', {}));
  }

  triggerEvents(): Promise<void> {
    return this.attempt(undefined, async () => this.setLesson(await this.services.bridge.request('lessonTriggerEvents', {})));
  }

  answerQuiz(question: number, choices: number[]): Promise<void> {
    return this.attempt(undefined, async () => this.setLesson(await this.services.bridge.request('lessonQuiz', { question, choices })));
  }

  predict(prediction: number, choice: string): Promise<void> {
    return this.attempt(undefined, async () => this.setLesson(await this.services.bridge.request('lessonPredict', { prediction, choice })));
  }

  /** Types a command into the terminal and runs it, as the learner would. */
  async run(command: string): Promise<void> {
    const type = this.services.type;
    if (!type) throw new Error('The terminal is not ready yet.');
    await type(command.replace(/\n+$/, '') + '\n');
  }

  /** A `file=NAME` block: an editor tab of that name (one already open is kept, edits and all). */
  openInEditor(name: string, text: string): void {
    const { store } = this.services;
    const buffers = store.getState().buffers;
    const existing = buffers.find((b) => b.title === name);
    if (existing) return actions.setBuffers(store, buffers, existing.id);
    actions.setBuffers(store, [...buffers, { id: name, title: name, text: text.endsWith('\n') ? text : text + '\n' }], name);
  }

  togglePresenter(on = !this.store.getState().presenter): void {
    this.store.setState({ presenter: on, graphOnly: false, paneOpen: on || this.store.getState().paneOpen });
  }

  toggleGraphOnly(): void {
    this.store.setState((s) => ({ graphOnly: !s.graphOnly }));
  }

  async togglePause(): Promise<void> {
    const speed = this.services.store.getState().clock.speed;
    if (speed !== 'pause') this.resumeSpeed = speed;
    await this.services.bridge.setSpeed(speed === 'pause' ? this.resumeSpeed : 'pause');
  }

  skipAhead(): Promise<void> {
    return this.services.bridge.skipAhead();
  }

  private setLesson(lesson: LessonView | null): void {
    const s = this.store.getState();
    // A lesson that has just opened (or come back after a reload) shows itself; later updates
    // leave the pane as the learner left it.
    const arrived = !!lesson && lesson.slug !== s.lesson?.slug;
    this.store.setState({ lesson, showCatalogue: lesson ? (arrived ? false : s.showCatalogue) : true, paneOpen: arrived || s.paneOpen });
  }

  /** A request that replaced the cluster: the mirror starts over, the terminal says why. */
  private switchTo(busy: string, request: () => Promise<LessonSwitch>): Promise<void> {
    return this.attempt(busy, async () => {
      const { full, lesson } = await request();
      this.services.bridge.adopt(full);
      this.setLesson(lesson);
      this.services.print(lesson ? `\x1b[36m# Lesson: ${lesson.title} — step ${lesson.step + 1} of ${lesson.steps.length}. This cluster is the lesson's own.\x1b[0m` : '\x1b[36m# Back in the sandbox cluster.\x1b[0m');
      void this.loadCatalogue();
    });
  }

  private async attempt(busy: string | undefined, work: () => Promise<void>): Promise<void> {
    this.store.setState({ busy, error: undefined });
    try {
      await work();
    } catch (e) {
      this.store.setState({ error: e instanceof Error ? e.message : String(e) });
    } finally {
      if (busy) this.store.setState({ busy: undefined });
    }
  }
}

/** Catalogue order: the authors' `order`, then title. */
export function sortLessons(lessons: LessonSummary[]): LessonSummary[] {
  return [...lessons].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.title.localeCompare(b.title));
}
