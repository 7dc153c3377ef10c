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
  | { type: 'reset'; id: number };

export type RequestType = Request['type'];

/** What each request is answered with when it succeeds. */
export interface ReplyValues {
  boot: FullState & { restored: boolean };
  run: { exitCode: number } | { incomplete: true };
  interrupt: { interrupted: boolean };
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
  | { type: 'batch'; batch: Batch }
  /** Virtual time moved (sent when no batch carries it, a few times a second at most). */
  | { type: 'clock'; clock: ClockState }
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
