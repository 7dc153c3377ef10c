/**
 * The one contract between the page and the Worker that hosts the simulation. Types only: nothing
 * here runs. The set is closed — a new capability is a new member of these unions, never an
 * untyped side channel.
 *
 * Every request carries an `id`; the Worker answers each with exactly one `reply` of the same id
 * (a `run` is answered when the command ends). Between request and reply a `run` streams `output`
 * and `clear` messages tagged with its id. Cluster changes arrive as `batch` messages numbered by
 * `seq`; a page that misses one (or finds one inconsistent) asks for a `resync`.
 */
import type { KubeObject } from '../engine/objects';

export type { KubeObject };

/** How fast virtual time flows: real seconds × speed; 'pause' stops it. */
export type Speed = 'pause' | 1 | 10 | 60;

/** A Simulation snapshot as plain JSON (engine `SimulationSnapshot`), opaque to the page. */
export type ClusterSnapshot = { version: number; [field: string]: unknown };

/** Where an object lives in the page's mirror: `objects[resource][key]`. */
export interface ObjectRef {
  /** Qualified resource name, as the engine's store names it: `pods`, `deployments.apps`. */
  resource: string;
  namespace?: string;
  name: string;
}

// ---------------------------------------------------------------------------------------------
// Page → Worker

export type Request =
  /** Start (or restart) the simulation: from `snapshot` if given, else the saved one, else fresh. */
  | { type: 'boot'; id: number; speed: Speed; history: string[]; files: Record<string, string>; snapshot?: ClusterSnapshot }
  /** Run one terminal input (may span lines). Replied `incomplete` when the shell needs more lines. */
  | { type: 'run'; id: number; input: string }
  /** Ctrl+C: stop the running command whose request id is `target`. */
  | { type: 'interrupt'; id: number; target: number }
  /** A line typed for the command `target`, which asked for one (`readLine`); `null`: end of input (Ctrl+D). */
  | { type: 'stdin'; id: number; target: number; line: string | null }
  /** The text saved in the editor tab `kubectl edit` (command `target`) opened (`openEditor`); `null`: the tab was closed. */
  | { type: 'editorResult'; id: number; target: number; text: string | null }
  /** The editor's Ctrl+Enter: same path as `kubectl apply -f -`. */
  | { type: 'apply'; id: number; text: string; source?: string }
  | { type: 'setSpeed'; id: number; speed: Speed }
  /** Let virtual time run until the cluster is quiet (ARCHITECTURE.md, "Quiet"). */
  | { type: 'skipAhead'; id: number }
  /** Tab completion of `line` with the cursor at `cursor`. */
  | { type: 'complete'; id: number; line: string; cursor: number }
  /** The editor buffers, as files the command language can read (`kubectl apply -f web.yaml`). */
  | { type: 'setFiles'; id: number; files: Record<string, string> }
  /** A full list of the objects, when the page's mirror is out of step. */
  | { type: 'resync'; id: number }
  /** Save the cluster now (the page is being hidden). */
  | { type: 'persist'; id: number }
  | { type: 'exportSnapshot'; id: number }
  | { type: 'importSnapshot'; id: number; snapshot: ClusterSnapshot }
  | { type: 'reset'; id: number }
  | LessonRequest;

export type RequestType = Request['type'];

/** What each request is answered with when it succeeds. */
export interface ReplyValues {
  boot: FullState & { restored: boolean };
  run: { exitCode: number } | { incomplete: true };
  interrupt: { interrupted: boolean };
  stdin: { accepted: boolean };
  editorResult: { accepted: boolean };
  apply: { exitCode: number; stdout: string; stderr: string };
  setSpeed: ClockState;
  skipAhead: ClockState;
  complete: Completion;
  setFiles: Record<string, never>;
  resync: FullState;
  persist: { saved: boolean };
  exportSnapshot: { snapshot: ClusterSnapshot };
  importSnapshot: FullState;
  reset: FullState;
  lessonCatalogue: { lessons: LessonSummary[]; current: LessonView | null };
  lessonOpen: LessonSwitch;
  lessonClose: LessonSwitch;
  lessonGoto: LessonView;
  lessonHint: LessonView;
  lessonSolution: { solution: SolutionActionView[] };
  lessonResetStep: LessonSwitch;
  lessonTriggerEvents: LessonView;
  lessonQuiz: LessonView;
  lessonPredict: LessonView;
}

/** Tab completion: replace `line.slice(start, cursor)` by a candidate. */
export interface Completion {
  start: number;
  /** Whole words that may replace the partial word, sorted. */
  candidates: string[];
}

// ---------------------------------------------------------------------------------------------
// Worker → page

export interface ClockState {
  /** Virtual time, ms since the Unix epoch. */
  now: number;
  speed: Speed;
  /** Nothing but periodic housekeeping is pending. */
  quiet: boolean;
}

/** Everything the mirror needs to start over. Events are kept apart from objects. */
export interface FullState {
  seq: number;
  resourceVersion: number;
  objects: Record<string, KubeObject[]>;
  events: KubeObject[];
  clock: ClockState;
}

/** Changes since the previous batch, in order. At most one per animation frame reaches the page. */
export interface Batch {
  seq: number;
  /** The store's resourceVersion the previous batch ended at, and this one ends at. */
  fromResourceVersion: number;
  resourceVersion: number;
  /** Added or changed objects (the latest version of each), Events excluded. */
  upserted: { resource: string; object: KubeObject }[];
  removed: ObjectRef[];
  /** New or updated Events (`kind: Event`). */
  events: KubeObject[];
  clock: ClockState;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type Reply = {
  [K in RequestType]:
    | { type: 'reply'; id: number; request: K; ok: true; value: ReplyValues[K] }
    | { type: 'reply'; id: number; request: K; ok: false; error: SerializedError };
}[RequestType];

export type Message =
  | Reply
  | { type: 'output'; id: number; stream: 'stdout' | 'stderr'; text: string }
  /** The running command asked for the screen to be cleared (`clear`). */
  | { type: 'clear'; id: number }
  /** The running command `id` reads a line of standard input (`kubectl exec -it … -- sh`): the page sends it with `stdin`. */
  | { type: 'readLine'; id: number }
  /**
   * The running command `id` (`kubectl edit`) waits for a text to be edited, as kubectl waits for
   * its editor: the page opens it in an editor tab and answers with `editorResult`. `title` names
   * the object (`deployment/web`); `language` is `yaml` or `json`. Sent again with the error
   * comment when the server rejects the change.
   */
  | { type: 'openEditor'; id: number; title: string; text: string; language: string }
  | { type: 'batch'; batch: Batch }
  /** Virtual time moved (sent when no batch carries it, a few times a second at most). */
  | { type: 'clock'; clock: ClockState }
  /** The open lesson changed (checks, progress, fired events), or `null`: back in the free sandbox. */
  | { type: 'lesson'; lesson: LessonView | null }
  /** The simulation is broken; the page should restart the Worker from the last snapshot. */
  | { type: 'fatal'; error: SerializedError };

/** The Worker as the page sees it: a real `Worker`, or the in-process host in tests. */
export interface WorkerLike {
  postMessage(message: Request): void;
  onmessage: ((event: { data: Message }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

/** The page as the Worker sees it (`self` in a Worker; a function call in tests). */
export interface PortLike {
  postMessage(message: Message): void;
}

// ---------------------------------------------------------------------------------------------
// Lessons. Self-contained view types (the protocol may not import src/lessons): the Worker parses
// and runs a lesson; the page only renders what these say. Quiz answers and hints stay in the
// Worker until the learner has earned them.

/** A lesson folder as files: `lesson.md` plus what it references (images as `data:` URLs). */
export interface LessonFiles {
  slug: string;
  files: Record<string, string>;
}

export type LessonRequest =
  /** Metadata and saved progress for these lessons (the page's built-in catalogue), and the
   *  lesson open now (a reload resumes it). */
  | { type: 'lessonCatalogue'; id: number; sources: LessonFiles[] }
  /** Open a lesson: resume its saved cluster and step, or start over with `restart`. `text` is a
   *  dropped file (`.md` or a `.lesson.json` bundle) the Worker unpacks instead of `source`. */
  | { type: 'lessonOpen'; id: number; source?: LessonFiles; text?: string; fileName?: string; restart?: boolean }
  /** Save the lesson and go back to the free sandbox cluster. */
  | { type: 'lessonClose'; id: number }
  | { type: 'lessonGoto'; id: number; step: number }
  | { type: 'lessonHint'; id: number }
  /** Reveal the current step's solution (the page then runs it in the terminal, if asked). */
  | { type: 'lessonSolution'; id: number }
  /** Restore the cluster as it was when the current step opened, and open the step again. */
  | { type: 'lessonResetStep'; id: number }
  /** Fire the current step's pending scripted events now (presenter "E"). */
  | { type: 'lessonTriggerEvents'; id: number }
  | { type: 'lessonQuiz'; id: number; question: number; choices: number[] }
  | { type: 'lessonPredict'; id: number; prediction: number; choice: string };

/** A request that replaced the cluster: the mirror starts over from `full`. */
export interface LessonSwitch {
  full: FullState;
  lesson: LessonView | null;
}

export interface LessonSummary {
  slug: string;
  title: string;
  summary: string;
  level: string;
  duration: string;
  order?: number;
  tags: string[];
  steps: number;
  /** Saved progress, if the learner has opened it. */
  progress?: { step: number; completed: number; finished: boolean };
  /** Why the lesson cannot be opened (parse problems), if it cannot. */
  problems?: string[];
}

export type SolutionActionView = { run: string } | { wait: number } | { waitUntilQuiet: true };

export interface CheckView {
  title: string;
  passed: boolean;
  why?: string;
  observed?: string;
}

export interface QuizView {
  question: string;
  multiple: boolean;
  choices: string[];
  /** Once answered: what was chosen, whether it was right, and each choice's explanation. */
  answer?: { chosen: number[]; correct: boolean; correctChoices: number[]; explanations: (string | undefined)[] };
}

export interface PredictView {
  question: string;
  choices: string[];
  choice?: string;
  /** What the cluster then said, once observed; `correct` compares it with the choice. */
  observed?: string;
  correct?: boolean;
  explain?: string;
}

export interface StepView {
  id: string;
  title: string;
  /** Markdown. */
  body: string;
  completed: boolean;
  hints: string[];
  hintCount: number;
  /** Shown once asked for; `hasSolution` says whether there is one to ask for. */
  solution?: SolutionActionView[];
  hasSolution: boolean;
  events: number;
  quiz: QuizView[];
  predict: PredictView[];
}

export interface EventOutputView {
  command: string;
  output: string;
  exitCode: number;
  /** Virtual time it fired at. */
  at: number;
}

export interface LessonView {
  slug: string;
  title: string;
  summary: string;
  level: string;
  duration: string;
  tags: string[];
  /** Markdown before the first step. */
  intro: string;
  steps: StepView[];
  step: number;
  finished: boolean;
  /** Checks of the current step, as last evaluated. */
  checks: CheckView[];
  /** Scripted events of the current step still to fire, with their virtual due times. */
  pending: { run: string; at: number }[];
  /** Output of the scripted events fired since the current step opened. */
  events: EventOutputView[];
  /** Images in the lesson folder: path → `data:` URL. */
  assets: Record<string, string>;
}
