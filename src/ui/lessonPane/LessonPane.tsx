/**
 * The lesson pane: the catalogue (with progress), or the open lesson's current step — its prose,
 * live checks with "why not yet", hints, solution, quiz, predictions, the output of scripted
 * events, and step navigation. It renders what the Worker says; actions go through the
 * LessonsController.
 */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { LessonSummary, LessonView, SolutionActionView } from '../../protocol/messages';
import type { LessonsController } from './controller';
import { Inline, Markdown } from './Markdown';
import './lessons.css';
import { QuizQuestion, PredictPrompt } from './Questions';

export interface LessonPaneProps {
  controller: LessonsController;
}

export function LessonPane({ controller }: LessonPaneProps) {
  const s = useStore(controller.store);
  return (
    <section className={`pane lesson-pane${s.presenter ? ' slide' : ''}`} aria-label="Lesson" data-testid="lesson-pane">
      <div className="pane-toolbar">
        <h2>{s.lesson && !s.showCatalogue ? 'Lesson' : 'Lessons'}</h2>
        {s.lesson && (
          <button type="button" aria-pressed={s.showCatalogue} onClick={() => controller.showCatalogue(!s.showCatalogue)}>
            All lessons
          </button>
        )}
        <span className="spacer" />
        <button type="button" aria-pressed={s.presenter} title="Presenter mode (P)" onClick={() => controller.togglePresenter()}>
          Presenter
        </button>
        {!s.presenter && (
          <button type="button" aria-label="Hide the lesson pane" title="Hide the lesson pane" onClick={() => controller.togglePane(false)}>
            ×
          </button>
        )}
      </div>
      {(s.busy || s.error) && (
        <p className={s.error ? 'lesson-status error' : 'lesson-status'} role={s.error ? 'alert' : 'status'}>
          {s.error ?? s.busy}
        </p>
      )}
      {s.lesson && !s.showCatalogue ? (
        <LessonSteps lesson={s.lesson} controller={controller} />
      ) : (
        <div className="pane-body lesson-body">
          <Catalogue lessons={s.catalogue} open={s.lesson} controller={controller} />
        </div>
      )}
    </section>
  );
}

function Catalogue({ lessons, open, controller }: { lessons: LessonSummary[] | undefined; open: LessonView | null; controller: LessonsController }) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <div className="catalogue">
      {open && (
        <p className="catalogue-current">
          Open now: <strong>{open.title}</strong>{' '}
          <button type="button" onClick={() => controller.showCatalogue(false)}>
            Back to it
          </button>{' '}
          <button type="button" onClick={() => void controller.close()}>
            Leave the lesson (back to the sandbox)
          </button>
        </p>
      )}
      {!lessons ? (
        <p className="placeholder">Loading the lessons…</p>
      ) : (
        <ol className="lesson-list">
          {lessons.map((l) => (
            <li key={l.slug} className="lesson-card" data-testid={`lesson-${l.slug}`}>
              <h3>{l.title}</h3>
              {l.summary && <p className="summary">{l.summary}</p>}
              <p className="meta">
                {[l.level, l.duration, `${l.steps} steps`].filter(Boolean).join(' · ')}
                {l.tags.map((t) => (
                  <span key={t} className="tag">
                    {t}
                  </span>
                ))}
              </p>
              {l.problems ? (
                <p className="problems">Cannot be opened: {l.problems.join('; ')}</p>
              ) : (
                <p className="card-actions">
                  {l.progress && (
                    <span className="progress" aria-label="Progress">
                      {l.progress.finished ? '✓ Finished' : `${l.progress.completed} of ${l.steps} steps done`}
                    </span>
                  )}
                  <button type="button" onClick={() => void controller.open(l.slug)}>
                    {l.progress ? (open?.slug === l.slug ? 'Continue' : `Continue (step ${l.progress.step + 1})`) : 'Start'}
                  </button>
                  {l.progress && (
                    <button type="button" onClick={() => void controller.open(l.slug, true)}>
                      Start over
                    </button>
                  )}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <p className="open-file">
        <button type="button" onClick={() => picker.current?.click()}>
          Open a lesson file…
        </button>{' '}
        <span className="muted">or drop a lesson.md or .lesson.json on the page</span>
        <input
          ref={picker}
          type="file"
          accept=".md,.json,text/markdown,application/json"
          hidden
          data-testid="lesson-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void controller.openFile(f);
            e.target.value = '';
          }}
        />
      </p>
    </div>
  );
}

function LessonSteps({ lesson, controller }: { lesson: LessonView; controller: LessonsController }) {
  const step = lesson.steps[lesson.step];
  const run = (cmd: string) => void controller.run(stripPrompts(cmd)).catch(() => {});
  const openFile = (name: string, text: string) => controller.openInEditor(name, text);
  const md = { assets: lesson.assets, onRun: run, onOpenFile: openFile };
  const last = lesson.step === lesson.steps.length - 1;
  const passed = lesson.checks.filter((c) => c.passed).length;
  // A new step starts at its top (the pane keeps its scroll position otherwise).
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scroller.current?.scrollTo?.({ top: 0 }); // (newer Chromium returns a promise: not a cleanup)
  }, [lesson.slug, lesson.step]);
  return (
    <>
      <div className="pane-body lesson-body" ref={scroller}>
        <article className="lesson" data-step={lesson.step}>
          <header className="lesson-head">
            <h3 className="lesson-title">{lesson.title}</h3>
            <nav className="step-dots" aria-label="Steps">
              {lesson.steps.map((s, i) => (
                <button
                  key={s.id}
                  type="button"
                  className={`dot${s.completed ? ' done' : ''}`}
                  aria-current={i === lesson.step ? 'step' : undefined}
                  title={`${i + 1}. ${s.title}${s.completed ? ' (done)' : ''}`}
                  aria-label={`Step ${i + 1}: ${s.title}${s.completed ? ', done' : ''}`}
                  onClick={() => void controller.goto(i)}
                >
                  {s.completed ? '✓' : i + 1}
                </button>
              ))}
            </nav>
          </header>
          {lesson.step === 0 && lesson.intro.trim() && <Markdown className="intro" markdown={lesson.intro} {...md} />}
          <h4 className="step-title" data-testid="step-title">
            Step {lesson.step + 1} of {lesson.steps.length}: <Inline text={step.title} />
          </h4>
          <Markdown markdown={step.body} {...md} />

          {lesson.events.length > 0 && (
            <section className="lesson-events" aria-label="Scripted events">
              <h5>What just happened</h5>
              {lesson.events.map((e, i) => (
                <div key={i} className={e.exitCode === 0 ? 'event-output' : 'event-output failed'}>
                  <code>$ {e.command}</code>
                  {e.output && <pre>{e.output}</pre>}
                </div>
              ))}
            </section>
          )}
          {lesson.pending.length > 0 && (
            <p className="muted pending-events">
              {lesson.pending.length === 1 ? 'Something is scheduled to happen' : `${lesson.pending.length} things are scheduled to happen`} in this step (presenters: E triggers it now).
            </p>
          )}

          {step.quiz.map((q, i) => (
            <QuizQuestion key={`${step.id}-q${i}`} index={i} quiz={q} onAnswer={(choices) => void controller.answerQuiz(i, choices)} />
          ))}
          {step.predict.map((p, i) => (
            <PredictPrompt key={`${step.id}-p${i}`} prompt={p} onChoose={(c) => void controller.predict(i, c)} />
          ))}

          {step.hints.length > 0 && (
            <section className="hints" aria-label="Hints">
              {step.hints.map((h, i) => (
                <div key={i} className="hint">
                  <strong>Hint {i + 1}:</strong> <Markdown markdown={h} {...md} />
                </div>
              ))}
            </section>
          )}
          {step.solution && <Solution actions={step.solution} onRun={run} />}
        </article>
      </div>
      <div className="lesson-footer">
        {lesson.checks.length > 0 && (
          <section className="checks" aria-label="Checks">
            <h5>
              Checks{' '}
              <span className="muted">
                ({passed} of {lesson.checks.length})
              </span>
            </h5>
            <ul>
              {lesson.checks.map((c, i) => (
                <li key={i} className={c.passed ? 'check passed' : 'check'} data-passed={c.passed}>
                  <span className="mark" aria-hidden="true">
                    {c.passed ? '✓' : '○'}
                  </span>
                  <span>
                    <Inline text={c.title} />
                    {!c.passed && c.why && (
                      <span className="why">
                        Not yet: <Inline text={c.why} />
                      </span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {step.completed && (
          <p className="step-done" role="status">
            {last ? '✓ Lesson complete. Well done!' : '✓ Step complete — on to the next one.'}
          </p>
        )}

        <footer className="step-actions">
          <button type="button" onClick={() => void controller.previous()} disabled={lesson.step === 0}>
            ◂ Previous
          </button>
          {step.hintCount > step.hints.length && (
            <button type="button" onClick={() => void controller.hint()}>
              Hint ({step.hints.length + 1} of {step.hintCount})
            </button>
          )}
          {step.hasSolution && !step.solution && (
            <button type="button" onClick={() => void controller.showSolution()}>
              Show solution
            </button>
          )}
          {step.hasSolution && (
            <button type="button" onClick={() => void controller.applySolution()} title="Type the solution's commands into the terminal">
              Apply solution
            </button>
          )}
          <button type="button" onClick={() => void controller.resetStep()} title="Put the cluster back as it was when this step opened (R)">
            Reset step
          </button>
          <button type="button" className={step.completed ? 'primary' : ''} onClick={() => void controller.next()} disabled={last}>
            Next ▸
          </button>
        </footer>
      </div>
    </>
  );
}

function Solution({ actions, onRun }: { actions: SolutionActionView[]; onRun(cmd: string): void }) {
  return (
    <section className="solution" aria-label="Solution">
      <h5>Solution</h5>
      <ol>
        {actions.map((a, i) => (
          <li key={i}>
            {'run' in a ? (
              <>
                <code>{a.run}</code>{' '}
                <button type="button" onClick={() => onRun(a.run)}>
                  ▶ Run
                </button>
              </>
            ) : 'wait' in a ? (
              <span className="muted">wait {formatMs(a.wait)} (skip ahead)</span>
            ) : (
              <span className="muted">wait until the cluster is quiet (skip ahead)</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** `$ kubectl get pods` in a block: the prompt is not part of the command. */
export function stripPrompts(code: string): string {
  return code
    .split('\n')
    .map((l) => l.replace(/^\s*\$ /, ''))
    .join('\n');
}

function formatMs(ms: number): string {
  if (ms % 60000 === 0) return `${ms / 60000}m`;
  return `${Math.round(ms / 1000)}s`;
}
