/**
 * A learner's way through one lesson over one simulation: opens steps (firing their scripted
 * events now or later in virtual time), evaluates checks read-only, reveals hints and solutions,
 * judges quizzes and predictions. It never lets time pass itself: its host does (the Worker at
 * the chosen speed, `lessons check` by advancing), then calls `fireDue()` and `evaluate()`.
 * All state worth keeping is `progress`, plain JSON.
 */
import type { ShellFs } from '../engine/shell/types';
import type { Simulation } from '../engine/sim/simulation';
import { lessonSession, runAct, runRead } from './commands';
import { evaluateCheck } from './evaluate';
import { LessonFs } from './lessonFs';
import type { CheckStatus, Lesson, LessonProgress, SolutionAction, Step, StepProgress } from './model';
import { solutionScript } from './solutionScript';

export interface EventOutput {
  command: string;
  output: string;
  exitCode: number;
}

export interface LessonRunnerOptions {
  /** The file system commands read (the page: editor buffers and lesson files). */
  files?: ShellFs;
  /** Progress to resume from. */
  progress?: LessonProgress;
}

export function newProgress(lesson: Lesson, now: number): LessonProgress {
  return { slug: lesson.slug, step: 0, steps: {}, stepOpenedAt: now, pending: [], finished: false };
}

export class LessonRunner {
  readonly progress: LessonProgress;
  private readonly files: ShellFs;

  constructor(
    readonly lesson: Lesson,
    readonly sim: Simulation,
    opts: LessonRunnerOptions = {},
  ) {
    this.files = opts.files ?? new LessonFs(lesson.files);
    this.progress = opts.progress ?? newProgress(lesson, sim.now());
  }

  get step(): Step {
    return this.lesson.steps[this.progress.step];
  }

  /** The current step's progress (created on first use). */
  get stepProgress(): StepProgress {
    const id = this.step.id;
    return (this.progress.steps[id] ??= { completed: false, hintsShown: 0, solutionShown: false, quiz: {}, predict: {} });
  }

  /** Opens step `i`: its transient state starts afresh (completion stays), its events are scheduled. */
  openStep(i: number): EventOutput[] {
    if (i < 0 || i >= this.lesson.steps.length) throw new Error(`lesson ${this.lesson.slug} has no step ${i + 1}`);
    const now = this.sim.now();
    this.progress.step = i;
    this.progress.stepOpenedAt = now;
    const completed = this.progress.steps[this.step.id]?.completed ?? false;
    this.progress.steps[this.step.id] = { completed: completed || this.step.checks.length === 0, hintsShown: 0, solutionShown: false, quiz: {}, predict: {} };
    this.progress.pending = this.step.events.filter((e) => e.after > 0).map((e) => ({ run: e.run, at: now + e.after }));
    this.updateFinished();
    return this.step.events.filter((e) => e.after <= 0).map((e) => this.fire(e.run));
  }

  /** When something of this step is next due: a scripted event or a prediction's observation. */
  nextEventAt(): number | undefined {
    const times = [...this.progress.pending.map((p) => p.at), ...this.pendingPredictions().map((p) => p.at)];
    return times.length ? Math.min(...times) : undefined;
  }

  /** Fires every scripted event due by now (in due order) and records due prediction observations. */
  fireDue(): EventOutput[] {
    const now = this.sim.now();
    const due = this.progress.pending.filter((p) => p.at <= now).sort((a, b) => a.at - b.at);
    this.progress.pending = this.progress.pending.filter((p) => p.at > now);
    const outputs = due.map((p) => this.fire(p.run));
    for (const p of this.pendingPredictions()) if (p.at <= now) this.observe(p.index);
    return outputs;
  }

  /** The current step's checks now; all passing completes the step for good. */
  evaluate(): CheckStatus[] {
    const statuses = this.step.checks.map((c) => evaluateCheck(this.sim, this.files, c));
    if (statuses.every((s) => s.passed)) this.stepProgress.completed = true;
    this.updateFinished();
    return statuses;
  }

  /** The next hint, or undefined when all are shown. */
  revealHint(): string | undefined {
    const p = this.stepProgress;
    if (p.hintsShown >= this.step.hints.length) return undefined;
    return this.step.hints[p.hintsShown++];
  }

  showSolution(): SolutionAction[] {
    this.stepProgress.solutionShown = true;
    return this.step.solution;
  }

  /** The solution as command-language text, for "apply solution". */
  solutionScript(): string {
    return solutionScript(this.step.solution);
  }

  answerQuiz(question: number, choiceIndexes: number[]): { correct: boolean; explanations: string[] } {
    const q = this.step.quiz[question];
    if (!q) throw new Error(`step "${this.step.title}" has no quiz question ${question + 1}`);
    const chosen = [...new Set(choiceIndexes)].sort((a, b) => a - b);
    this.stepProgress.quiz[question] = chosen;
    const right = q.choices.flatMap((c, i) => (c.correct ? [i] : []));
    const correct = chosen.length === right.length && chosen.every((c, i) => c === right[i]);
    const explanations = chosen.flatMap((i) => q.choices[i]?.explain ?? []);
    return { correct, explanations };
  }

  /** Records the learner's prediction; what happens is observed `after` from now. Returns when. */
  predict(index: number, choice: string): number {
    const p = this.step.predict[index];
    if (!p) throw new Error(`step "${this.step.title}" has no prediction ${index + 1}`);
    const askedAt = this.sim.now();
    this.stepProgress.predict[index] = { choice, askedAt };
    if (p.after <= 0) this.observe(index);
    return askedAt + p.after;
  }

  private pendingPredictions(): { index: number; at: number }[] {
    const entries = this.progress.steps[this.step.id]?.predict ?? {};
    return Object.entries(entries).flatMap(([i, e]) => (e.observed === undefined ? [{ index: Number(i), at: e.askedAt + (this.step.predict[Number(i)]?.after ?? 0) }] : []));
  }

  private observe(index: number): void {
    const entry = this.stepProgress.predict[index];
    const r = runRead(this.sim, this.files, this.step.predict[index].run);
    entry.observed = r.output.trim();
  }

  /** Scripted events run in a session of their own; one that would wait is stopped there. */
  private fire(command: string): EventOutput {
    const r = runAct(lessonSession(this.sim, this.files), command);
    return { command, output: r.output, exitCode: r.exitCode };
  }

  private updateFinished(): void {
    const last = this.lesson.steps[this.lesson.steps.length - 1];
    this.progress.finished = !!last && this.progress.steps[last.id]?.completed === true;
  }
}
