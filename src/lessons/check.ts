/**
 * `lessons check` for one lesson: from its starting cluster, each step in order is opened (its
 * events fire), its checks must not already pass, its predictions must come true, its solution
 * runs, and time runs (firing scripted events) until its checks pass or its timeout passes.
 * Pure: virtual time only, so it runs the same in Node, in a test or in the page.
 */
import type { Session } from '../cli/session';
import { formatLessonDuration } from './duration';
import { createLessonCluster } from './cluster';
import { lessonSession, runAct } from './commands';
import { LessonFs } from './lessonFs';
import type { CheckStatus, Lesson, Prediction, Step } from './model';
import { LessonRunner, type EventOutput } from './runner';
import type { Simulation } from '../engine/sim/simulation';

export interface StepCheckResult {
  id: string;
  title: string;
  passed: boolean;
  /** What went wrong, for a failed step. */
  message?: string;
  /** Virtual time the step took. */
  virtualMs: number;
}

export interface LessonCheckResult {
  slug: string;
  passed: boolean;
  steps: StepCheckResult[];
  /** The failure, when there is one: which step (-1: the starting cluster) and why. */
  failure?: { step: number; title: string; message: string };
  virtualMs: number;
  transcript: string;
}

export interface CheckLessonOptions {
  /** Receives the transcript as it is written. */
  onOutput?(text: string): void;
  /** Lines of transcript quoted in a failure message (default 15). */
  tailLines?: number;
}

class StepFailure extends Error {}

export function checkLesson(lesson: Lesson, opts: CheckLessonOptions = {}): LessonCheckResult {
  let transcript = '';
  const emit = (text: string) => {
    transcript += text;
    opts.onOutput?.(text);
  };
  const result = (passed: boolean, steps: StepCheckResult[], virtualMs: number, failure?: LessonCheckResult['failure']): LessonCheckResult => ({
    slug: lesson.slug,
    passed,
    steps,
    virtualMs,
    transcript,
    ...(failure ? { failure: { ...failure, message: `${failure.message}${tail(transcript, opts.tailLines ?? 15)}` } } : {}),
  });
  const fs = new LessonFs(lesson.files);
  let sim: Simulation;
  try {
    sim = createLessonCluster(lesson, fs);
  } catch (e) {
    return result(false, [], 0, { step: -1, title: 'starting cluster', message: (e as Error).message });
  }
  const started = sim.now();
  const runner = new LessonRunner(lesson, sim, { files: fs });
  const solver = new StepSolver(runner, lessonSession(sim, fs), emit);
  const steps: StepCheckResult[] = [];
  for (let i = 0; i < lesson.steps.length; i++) {
    const step = lesson.steps[i];
    const opened = sim.now();
    emit(`# step ${i + 1}: ${step.title}\n`);
    try {
      solver.solve(i);
      steps.push({ id: step.id, title: step.title, passed: true, virtualMs: sim.now() - opened });
    } catch (e) {
      if (!(e instanceof StepFailure)) throw e;
      steps.push({ id: step.id, title: step.title, passed: false, message: e.message, virtualMs: sim.now() - opened });
      return result(false, steps, sim.now() - started, { step: i, title: step.title, message: e.message });
    }
  }
  return result(true, steps, sim.now() - started);
}

/** Solves one step at a time over a shared learner session (variables and namespace persist). */
class StepSolver {
  constructor(
    private readonly runner: LessonRunner,
    private readonly session: Session,
    private readonly emit: (text: string) => void,
  ) {}

  private get sim(): Simulation {
    return this.runner.sim;
  }

  solve(i: number): void {
    this.events(this.runner.openStep(i));
    this.sim.settle();
    const step = this.runner.step;
    if (step.checks.length && this.runner.evaluate().every((s) => s.passed)) {
      throw new StepFailure('its checks pass before the solution ran: the step would be done before the learner did anything');
    }
    // A prediction about what the step's events will do is answered as the step opens; one about
    // what the learner's commands will do (`ask: after-solution`), once they have run.
    this.predictions(step, 'before-solution');
    step.solution.forEach((action, j) => {
      if ('run' in action) this.run(action.run);
      else if ('wait' in action) this.runTo(this.sim.now() + action.wait);
      else this.untilQuiet(step, j === step.solution.length - 1);
    });
    this.predictions(step, 'after-solution');
    if (step.checks.length) this.untilChecksPass(step);
  }

  private predictions(step: Step, ask: Prediction['ask']): void {
    const asked = step.predict.flatMap((p, j) => ((p.ask ?? 'before-solution') === ask ? [j] : []));
    if (!asked.length) return;
    const dues = asked.map((j) => this.runner.predict(j, step.predict[j].answer));
    this.runTo(Math.max(...dues));
    for (const j of asked) {
      const p = step.predict[j];
      const observed = this.runner.stepProgress.predict[j]?.observed;
      this.emit(`# prediction ${j + 1}: ${p.question} → observed ${JSON.stringify(observed)}\n`);
      if (observed === p.answer) continue;
      const advice =
        ask === 'after-solution'
          ? 'answered after the solution ran; for a question about what the step\'s events do, drop "ask: after-solution"'
          : 'answered as the step opened, before the solution; for a question about what the solution does, add "ask: after-solution"';
      throw new StepFailure(`prediction ${j + 1} ("${p.question}") expects "${p.answer}" but \`${p.run}\` printed "${observed ?? ''}" ${formatLessonDuration(p.after)} after it was asked (${advice})`);
    }
  }

  private run(command: string): void {
    this.emit(`$ ${command}\n`);
    const r = runAct(this.session, command, (ms) => this.runTo(this.sim.now() + ms));
    this.emit(r.output);
    if (r.exitCode !== 0) throw new StepFailure(`solution command \`${command}\` exited with status ${r.exitCode}`);
  }

  private events(outputs: EventOutput[]): void {
    for (const e of outputs) {
      this.emit(`# event: ${e.command}\n${e.output}`);
      if (e.exitCode !== 0) throw new StepFailure(`scripted event \`${e.command}\` exited with status ${e.exitCode}`);
    }
  }

  /** Lets virtual time run to `t`, firing scripted events (and observing predictions) as they fall due. */
  private runTo(t: number): void {
    for (;;) {
      const next = this.runner.nextEventAt();
      this.sim.advanceTo(next !== undefined && next < t ? next : t);
      this.events(this.runner.fireDue());
      if (this.sim.now() >= t && (next === undefined || next > t)) return;
    }
  }

  /**
   * Lets time run until the cluster is quiet (nothing but periodic work before the next scripted
   * event), for at most the step's timeout: a container sleeping for an hour is never "quiet", and
   * the checks that follow judge the step anyway. As the last action of a step with checks, it
   * also stops once they pass.
   */
  private untilQuiet(step: Step, last: boolean): void {
    const deadline = this.sim.now() + step.timeout;
    const checksPass = () => last && step.checks.length > 0 && this.runner.evaluate().every((s) => s.passed);
    for (;;) {
      this.sim.settle();
      if (this.sim.isQuiet() || checksPass()) return;
      const next = Math.min(this.sim.nextActivity() ?? Infinity, this.runner.nextEventAt() ?? Infinity);
      if (next > deadline) {
        this.sim.advanceTo(deadline);
        this.emit(`# the cluster is not quiet after ${formatLessonDuration(step.timeout)}; going on\n`);
        return;
      }
      this.sim.advanceTo(Math.max(next, this.sim.now()));
      this.events(this.runner.fireDue());
    }
  }

  private untilChecksPass(step: Step): void {
    const deadline = this.sim.now() + step.timeout;
    let statuses: CheckStatus[] = [];
    const passing = () => (statuses = this.runner.evaluate()).every((s) => s.passed);
    for (;;) {
      const next = this.runner.nextEventAt();
      const limit = next !== undefined && next < deadline ? next : deadline;
      if (this.sim.runUntil(passing, Math.max(0, limit - this.sim.now()))) return;
      this.events(this.runner.fireDue());
      if (this.sim.now() >= deadline) break;
    }
    const why = statuses.filter((s) => !s.passed).map((s) => `${s.title}: ${s.why}`);
    throw new StepFailure(`its checks did not pass within ${formatLessonDuration(step.timeout)} after the solution:\n  ${why.join('\n  ')}`);
  }
}

function tail(transcript: string, lines: number): string {
  if (lines <= 0 || transcript.trim() === '') return '';
  const all = transcript.trimEnd().split('\n');
  return `\n--- last ${Math.min(lines, all.length)} lines of the transcript ---\n${all.slice(-lines).join('\n')}`;
}
