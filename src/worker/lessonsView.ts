/**
 * The lesson as the page sees it: the parsed lesson and the learner's progress mapped to the
 * protocol's view types. Hints, solutions and quiz answers are left out until the learner has
 * asked for them (or answered), so the page cannot show them early by mistake.
 */
import type { CheckStatus, Lesson, LessonProgress, StepProgress } from '../lessons/model';
import type { EventOutputView, LessonSummary, LessonView, QuizView, StepView } from '../protocol/messages';

const IMAGE = /^data:image\//;

export function emptyStepProgress(): StepProgress {
  return { completed: false, hintsShown: 0, solutionShown: false, quiz: {}, predict: {} };
}

export function summaryOf(lesson: Lesson, progress: LessonProgress | undefined): LessonSummary {
  return {
    slug: lesson.slug,
    title: lesson.title,
    summary: lesson.summary,
    level: lesson.level,
    duration: lesson.duration,
    order: lesson.order,
    tags: lesson.tags,
    steps: lesson.steps.length,
    progress: progress && {
      step: progress.step,
      completed: lesson.steps.filter((s) => progress.steps[s.id]?.completed).length,
      finished: progress.finished,
    },
  };
}

export function viewOf(lesson: Lesson, files: Record<string, string>, progress: LessonProgress, checks: CheckStatus[], events: EventOutputView[]): LessonView {
  return {
    slug: lesson.slug,
    title: lesson.title,
    summary: lesson.summary,
    level: lesson.level,
    duration: lesson.duration,
    tags: lesson.tags,
    intro: lesson.intro,
    steps: lesson.steps.map((step): StepView => {
      const p = progress.steps[step.id] ?? emptyStepProgress();
      return {
        id: step.id,
        title: step.title,
        body: step.body,
        completed: p.completed,
        hints: step.hints.slice(0, p.hintsShown),
        hintCount: step.hints.length,
        solution: p.solutionShown ? step.solution : undefined,
        hasSolution: step.solution.length > 0,
        events: step.events.length,
        quiz: step.quiz.map((q, i): QuizView => {
          const chosen = p.quiz[i];
          const correctChoices = q.choices.flatMap((c, j) => (c.correct ? [j] : []));
          return {
            question: q.question,
            multiple: q.multiple,
            choices: q.choices.map((c) => c.text),
            answer: chosen && {
              chosen,
              correct: sameSet(chosen, correctChoices),
              correctChoices,
              explanations: q.choices.map((c) => c.explain),
            },
          };
        }),
        predict: step.predict.map((q, i) => {
          const a = p.predict[i];
          const observed = a?.observed;
          return {
            question: q.question,
            choices: q.choices,
            choice: a?.choice,
            observed,
            correct: observed === undefined ? undefined : observed === a!.choice,
            explain: observed === undefined ? undefined : q.explain,
          };
        }),
      };
    }),
    step: progress.step,
    finished: progress.finished,
    checks: checks.map((c) => ({ title: c.title, passed: c.passed, why: c.why, observed: c.observed })),
    pending: progress.pending.map((e) => ({ run: e.run, at: e.at })),
    events,
    assets: Object.fromEntries(Object.entries(files).filter(([, v]) => IMAGE.test(v))),
  };
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
