/**
 * The lesson model: what a lesson file says once parsed, and a learner's progress through it.
 * Plain data only (it crosses the Worker boundary and is saved in IndexedDB); the parser builds
 * it, the runner acts on it, the page renders it. `lessons/README.md` documents the file format
 * for authors; this file is its typed counterpart and the two must agree.
 */

/** A duration as authors write it (`30s`, `5m`, `1h30m`), already converted to virtual ms. */
export type Millis = number;

export type Level = 'beginner' | 'intermediate' | 'advanced';
export type LessonSpeed = 'pause' | 1 | 10 | 60;

/** A lesson folder, as files: `lesson.md` plus whatever it references (manifests, images). */
export interface LessonSource {
  /** The folder name: kebab-case, unique in the catalogue. */
  slug: string;
  /** Path inside the folder → content. Text files as text; images as `data:` URLs. */
  files: Record<string, string>;
}

/** The single-file form of a lesson folder (`pilothouse lessons pack`, drag and drop). */
export interface LessonBundle extends LessonSource {
  format: 'pilothouse-lesson';
  version: 1;
}

export interface NodePoolSpec {
  name: string;
  count: number;
  mode: 'System' | 'User';
  os: 'Linux' | 'Windows';
  vmSize?: string;
}

/** The cluster a lesson starts from. */
export interface StartingCluster {
  profile: 'aks' | 'plain';
  seed: number;
  /** Machines in the first pool. */
  nodes: number;
  /** Pools beyond the first (AKS lessons). */
  nodePools: NodePoolSpec[];
  /** Virtual wall-clock time the cluster is created at (ms since the epoch), if fixed. */
  start?: number;
  /** Commands in the command language run before the learner arrives (`kubectl apply -f base.yaml`). */
  setup: string[];
}

export interface Lesson {
  slug: string;
  title: string;
  summary: string;
  level: Level;
  /** What the lesson takes a learner, as written (`20m`). */
  duration: string;
  /** Position in the built-in catalogue; lessons without one sort after, by title. */
  order?: number;
  tags: string[];
  /** Slugs of lessons to take first. */
  prerequisites: string[];
  cluster: StartingCluster;
  /** The time speed the lesson wants when it opens. */
  speed: LessonSpeed;
  /** Markdown before the first step. */
  intro: string;
  steps: Step[];
  /** Files the command language can read while the lesson runs: the folder's text files plus every
   *  code block written with `file=NAME`. */
  files: Record<string, string>;
}

export interface Step {
  /** Stable within the lesson (progress refers to it): the `id` key, else the heading slugified. */
  id: string;
  title: string;
  /** The step's prose, Markdown, with the `lesson` block removed. */
  body: string;
  checks: Check[];
  hints: string[];
  solution: SolutionAction[];
  events: ScriptedEvent[];
  quiz: QuizQuestion[];
  predict: Prediction[];
  /** How long `lessons check` lets virtual time run after the solution for the checks to pass. */
  timeout: Millis;
}

/** What a value must satisfy. Several matchers on one check must all hold. */
export interface Matchers {
  equals?: string;
  notEquals?: string;
  contains?: string;
  notContains?: string;
  /** A JavaScript regular expression, without slashes. */
  matches?: string;
  /** A comparison with a number: `>= 3`, `== 0`, `< 2`. */
  number?: string;
}

export interface CheckBase extends Matchers {
  /** "Why not yet": shown while the check fails. `{{observed}}` and `{{expected}}` are filled in. */
  why: string;
  /** Shown beside the check; defaults to a description generated from the check. */
  title?: string;
}

/** Runs a read-only command and matches its output (trimmed), or a JSONPath into it. */
export interface CommandCheck extends CheckBase {
  type: 'command';
  run: string;
  /** Output parsed as JSON, then this client-go JSONPath template picks the value matched. */
  jsonpath?: string;
  exitCode?: number;
}

/** A predicate over objects in the store, read through the API. */
export interface ObjectCheck extends CheckBase {
  type: 'object';
  /** A resource as kubectl names it: `deployment`, `deployments.apps`, `pods`, `Node`. */
  resource: string;
  name?: string;
  /** Namespace for namespaced kinds (default `default`); `*` for all namespaces. */
  namespace?: string;
  /** A label selector, as `kubectl -l` takes it. */
  selector?: string;
  /** A JSONPath template evaluated on each object; the value the matchers see. */
  field?: string;
  /** When set, the check is on how many objects match (after `field` + matchers filter them). */
  count?: string;
  /** Field present (true) or absent / object absent (false). */
  exists?: boolean;
}

export type Check = CommandCheck | ObjectCheck;

/** A solution is commands run in order; `wait` lets virtual time run. */
export type SolutionAction = { run: string } | { wait: Millis } | { waitUntilQuiet: true };

export interface ScriptedEvent {
  run: string;
  /** Virtual delay after the step opens (0: as it opens). */
  after: Millis;
}

export interface QuizChoice {
  text: string;
  correct: boolean;
  explain?: string;
}

export interface QuizQuestion {
  question: string;
  /** More than one correct choice: the learner ticks all that apply. */
  multiple: boolean;
  choices: QuizChoice[];
}

/** "What will happen?" — answered before it happens, judged by what then happens. */
export interface Prediction {
  question: string;
  choices: string[];
  /** The choice the author expects; `lessons check` asserts the cluster agrees. */
  answer: string;
  /** Observe after this long (virtual) from when the learner answers. */
  after: Millis;
  /** Read-only command whose trimmed output is the observed answer. */
  run: string;
  explain?: string;
  /**
   * When `lessons check` answers it: as the step opens, before the solution (default: a question
   * about what the step's events will do), or once the solution has run (about what the learner's
   * own commands will do).
   */
  ask?: 'before-solution' | 'after-solution';
}

// ---------------------------------------------------------------------------------------------
// Progress and live state

export interface StepProgress {
  /** All checks passed once (sticky: a later change does not un-complete a step). */
  completed: boolean;
  hintsShown: number;
  solutionShown: boolean;
  /** Index of the chosen choices per quiz question. */
  quiz: Record<number, number[]>;
  /** Per prediction: the learner's choice, and once observed, what happened. */
  predict: Record<number, { choice: string; askedAt: Millis; observed?: string }>;
}

export interface LessonProgress {
  slug: string;
  step: number;
  steps: Record<string, StepProgress>;
  /** Virtual time the current step opened at. */
  stepOpenedAt: Millis;
  /** Scripted events of the current step not yet fired, with their virtual due times. */
  pending: { run: string; at: Millis }[];
  finished: boolean;
}

export interface CheckStatus {
  title: string;
  passed: boolean;
  /** The filled-in "why not yet" while failing; undefined once passed. */
  why?: string;
  observed?: string;
}

/** Problems found validating a lesson: `path` names where (`steps[2].checks[0].number`). */
export interface LessonProblem {
  path: string;
  message: string;
  line?: number;
  /** The lesson it concerns, for problems found across a catalogue. */
  slug?: string;
}
