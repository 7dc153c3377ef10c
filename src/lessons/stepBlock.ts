/**
 * Reads a step's ```lesson block: id, checks, hints, solution, events, quiz, predict, timeout.
 * Everything optional; a step without one is a step to read.
 */
import { readCheck } from './checkSpec';
import { Fields } from './fields';
import type { Prediction, QuizQuestion, ScriptedEvent, SolutionAction, Step } from './model';
import { readOnlyProblem, syntaxProblem } from './readOnly';
import type { YamlPath, YamlSource } from './yamlSource';

export const STEP_KEYS = ['id', 'checks', 'hints', 'solution', 'events', 'quiz', 'predict', 'timeout'] as const;
export const DEFAULT_TIMEOUT = 10 * 60 * 1000;

export type StepBlock = Pick<Step, 'checks' | 'hints' | 'solution' | 'events' | 'quiz' | 'predict' | 'timeout'> & { id?: string };

export function emptyBlock(): StepBlock {
  return { checks: [], hints: [], solution: [], events: [], quiz: [], predict: [], timeout: DEFAULT_TIMEOUT };
}

export function readStepBlock(src: YamlSource): StepBlock {
  const block = emptyBlock();
  if (src.value === undefined || src.value === null) return block;
  const f = Fields.of(src, [], src.value, STEP_KEYS, 'a lesson block');
  if (!f) return block;
  const id = f.str('id');
  if (id !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(id)) f.problem('id', `"${id}" must be kebab-case (lower-case letters, digits and dashes)`);
  block.id = id;
  block.checks = items(f, 'checks', (path, v) => readCheck(src, path, v));
  block.hints = f.strList('hints');
  block.solution = items(f, 'solution', (path, v) => readSolutionAction(src, path, v));
  block.events = items(f, 'events', (path, v) => readEvent(src, path, v));
  block.quiz = items(f, 'quiz', (path, v) => readQuiz(src, path, v));
  block.predict = items(f, 'predict', (path, v) => readPrediction(src, path, v));
  block.timeout = f.duration('timeout') ?? DEFAULT_TIMEOUT;
  return block;
}

function items<T>(f: Fields, key: string, read: (path: YamlPath, v: unknown) => T | undefined): T[] {
  const raw = f.value[key];
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    f.problem(key, `"${key}" must be a list (items start with "- ")`);
    return [];
  }
  return f.list(key).flatMap((v, i) => {
    const item = read(f.at(key).concat(i), v);
    return item === undefined ? [] : [item];
  });
}

function commandProblem(src: YamlSource, path: YamlPath, command: string): void {
  const why = syntaxProblem(command);
  if (why) src.problem(path, `command ${why}`);
}

function readSolutionAction(src: YamlSource, path: YamlPath, v: unknown): SolutionAction | undefined {
  if (typeof v === 'string') {
    commandProblem(src, path, v);
    return { run: v };
  }
  const f = Fields.of(src, path, v, ['run', 'wait'], 'a solution item');
  if (!f) return undefined;
  if (f.has('run') === f.has('wait')) {
    src.problem(path, 'a solution item is a command, "run: COMMAND", "wait: 30s" or "wait: quiet"');
    return undefined;
  }
  if (f.has('run')) {
    const run = f.str('run')!;
    commandProblem(src, f.at('run'), run);
    return { run };
  }
  if (f.value.wait === 'quiet') return { waitUntilQuiet: true };
  const ms = f.duration('wait');
  return ms === undefined ? undefined : { wait: ms };
}

function readEvent(src: YamlSource, path: YamlPath, v: unknown): ScriptedEvent | undefined {
  if (typeof v === 'string') {
    commandProblem(src, path, v);
    return { run: v, after: 0 };
  }
  const f = Fields.of(src, path, v, ['run', 'after'], 'an event');
  if (!f) return undefined;
  const run = f.str('run', true);
  if (run === undefined) return undefined;
  commandProblem(src, f.at('run'), run);
  return { run, after: f.duration('after') ?? 0 };
}

function readQuiz(src: YamlSource, path: YamlPath, v: unknown): QuizQuestion | undefined {
  const f = Fields.of(src, path, v, ['question', 'multiple', 'choices'], 'a quiz question');
  if (!f) return undefined;
  const question = f.str('question', true) ?? '';
  const multiple = f.bool('multiple') ?? false;
  const choices = f.list('choices').flatMap((c, i) => {
    const cf = Fields.of(src, f.at('choices').concat(i), c, ['text', 'correct', 'explain'], 'a quiz choice');
    if (!cf) return [];
    const explain = cf.str('explain');
    return [{ text: cf.str('text', true) ?? '', correct: cf.bool('correct') ?? false, ...(explain !== undefined ? { explain } : {}) }];
  });
  const correct = choices.filter((c) => c.correct).length;
  if (choices.length < 2) f.problem('choices', 'a quiz question needs at least two choices');
  else if (!multiple && correct !== 1) f.problem('choices', `a single-choice question needs exactly one correct choice (it has ${correct}); set "multiple: true" for tick-all-that-apply`);
  else if (multiple && correct < 1) f.problem('choices', 'a multiple-choice question needs at least one correct choice');
  return { question, multiple, choices };
}

function readPrediction(src: YamlSource, path: YamlPath, v: unknown): Prediction | undefined {
  const f = Fields.of(src, path, v, ['question', 'choices', 'answer', 'after', 'run', 'explain', 'ask'], 'a prediction');
  if (!f) return undefined;
  const question = f.str('question', true) ?? '';
  const choices = f.strList('choices');
  const answer = f.str('answer', true) ?? '';
  const run = f.str('run', true) ?? '';
  if (choices.length < 2) f.problem('choices', 'a prediction needs at least two choices');
  if (f.has('answer') && !choices.includes(answer)) f.problem('answer', `"${answer}" is not one of the choices (${choices.join(', ')})`);
  if (run) {
    const why = readOnlyProblem(run);
    if (why) f.problem('run', `prediction command ${why}`);
  }
  const explain = f.str('explain');
  const ask = f.oneOf('ask', ['before-solution', 'after-solution'] as const);
  return { question, choices, answer, after: f.duration('after') ?? 0, run, ...(explain !== undefined ? { explain } : {}), ...(ask ? { ask } : {}) };
}
