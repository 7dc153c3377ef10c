/**
 * The kubelet's own state, all plain JSON so a snapshot carries it whole. What lives only in
 * memory (running process generators) is rebuilt from this by replay (see processes.ts).
 */
import type { BackoffTable } from './backoff';
import type { NodeSystemInfo } from 'kubernetes-types/core/v1';
import type { IpamState } from './ipam';

/**
 * What `addNode` takes: a machine as the profiles describe it (cluster/nodeTemplate.ts's
 * NodeTemplate fits), with defaults for whatever is left out.
 */
export interface NodeSpecInput {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  /** `cpu`, `memory`, `pods`, `ephemeral-storage`… as Kubernetes quantities. */
  capacity: Record<string, string>;
  /** Defaults to capacity. */
  allocatable?: Record<string, string>;
  internalIP: string;
  /** Defaults to `name`. */
  hostname?: string;
  /** The node's pod range, e.g. `10.244.1.0/24`; pod IPs come from it. */
  podCIDR: string;
  providerID?: string;
  unschedulable?: boolean;
  /** status.nodeInfo; machineID, systemUUID and bootID are drawn when absent. */
  nodeInfo?: Partial<NodeSystemInfo>;
}

export interface LogLine {
  /** Virtual ms. */
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface TerminatedInfo {
  exitCode: number;
  reason: string;
  message?: string;
  signal?: number;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export interface ProbeState {
  /** Last result; undefined before the first probe. */
  result?: boolean;
  successes: number;
  failures: number;
}

/** The process of one running container instance, as needed to rebuild it by replay. */
export interface ProcessRecord {
  startedAt: number;
  seed: number;
  /** Effects taken from the generator so far. */
  steps: number;
  /** Results handed back for `call` effects, in order. */
  callResults: unknown[];
  /** Ports the process listens on (ready effects). */
  ports: number[];
  listening: boolean;
  memoryBytes: number;
  cpuMillis: number;
  /** Set once SIGTERM was delivered. */
  sigtermAt?: number;
  /** Exit already decided (the container is gone once the kubelet handles it). */
  exited?: boolean;
  /** What the container's emptyDir mounts held when it started (path → text), for its process to read. */
  volumeFiles?: Record<string, string>;
}

export type ContainerStep =
  | 'idle' // not reached yet in this sandbox
  | 'pulling' // queued or pulling its image
  | 'pullFailed' // ErrImagePull / ImagePullBackOff / InvalidImageName / ErrImageNeverPull
  | 'creating' // image present, create/start under way
  | 'running'
  | 'exited' // terminated, restart decision pending or in back-off
  | 'done'; // terminated for good

export interface ContainerState {
  name: string;
  init: boolean;
  image: string;
  /** The normalized reference the runtime reports once the image is present (`docker.io/library/nginx:1.25`). */
  imageRef?: string;
  step: ContainerStep;
  /** Bumped for every new container instance: timers carry it to detect staleness. */
  instance: number;
  restartCount: number;
  waiting?: { reason: string; message?: string };
  containerID?: string;
  imageID?: string;
  startedAt?: number;
  terminated?: TerminatedInfo;
  lastTerminated?: TerminatedInfo;
  ready: boolean;
  started: boolean;
  probes: { startup?: ProbeState; readiness?: ProbeState; liveness?: ProbeState };
  process?: ProcessRecord;
  /** Why the kubelet is stopping this instance, once it is. */
  killReason?: 'probe' | 'delete';
  logs: LogLine[];
  previousLogs: LogLine[];
  /** What `kubectl exec` sessions wrote (`null`: removed), for this container instance only. */
  exec?: { instance: number; files: Record<string, string | null>; sessions: number };
}

export interface PodState {
  uid: string;
  namespace: string;
  name: string;
  admittedAt: number;
  /** The sandbox generation (a VM reboot makes a new one). */
  sandbox: number;
  sandboxReady: boolean;
  podIP?: string;
  startTime: number;
  containers: ContainerState[];
  /** Transition times of the pod conditions the kubelet owns. */
  conditions: Record<string, { status: string; at: number }>;
  terminating?: { since: number; deadline: number };
  /** Terminal phase reached (Succeeded/Failed): nothing runs any more. */
  finished?: 'Succeeded' | 'Failed';
  /** The pod spec hash the containers were started from, per container. */
  specHash: Record<string, string>;
  /** emptyDir contents by volume name (see volumes.ts): they live as long as the pod does here. */
  volumes?: Record<string, Record<string, string | null>>;
}

export interface PullRequest {
  uid: string;
  container: string;
  image: string;
  enqueuedAt: number;
  startedAt?: number;
}

export interface CachedImage {
  imageID: string;
  size: number;
}

export interface NodeState {
  spec: NodeSpecInput;
  alive: boolean;
  /** Increments on every (re)start of the kubelet; timers of an older boot are ignored. */
  boot: number;
  bootID: string;
  /** Lease renewals happen at renewAnchor + k·10 s while alive. */
  renewAnchor: number;
  /** Time of the last node status post (heartbeats derive from it every 5 min). */
  statusAnchor: number;
  stoppedAt?: number;
  /** The VM was powered on and is booting: its kubelet starts at this instant (reboot.ts). */
  bootingUntil?: number;
  images: Record<string, CachedImage>;
  pullQueue: PullRequest[];
  ipam: IpamState;
  crashBackoff: BackoffTable;
  pullBackoff: BackoffTable;
  pods: Record<string, PodState>;
  /** Containers started on this node, for containerd-style ids. */
  containerSeq: number;
}

/** Plain-JSON data of the kubelet's timers (the component adds the boot number). */
/**
 * `boot`: the node's boot it was set in (timers of an earlier boot are void), last and in the
 * literal itself: a key added afterwards would cost every timer a second allocation.
 */
export type TimerData =
  | { k: 'sandbox'; uid: string; sandbox: number; boot: number }
  | { k: 'pullDone'; uid: string; container: string; boot: number }
  | { k: 'create' | 'start' | 'proc' | 'sync' | 'pullSync' | 'pullRetry' | 'kill'; uid: string; container: string; instance: number; boot: number }
  | { k: 'termExit'; uid: string; container: string; instance: number; exitCode: number; boot: number }
  | { k: 'probe'; uid: string; container: string; instance: number; probe: ProbeKind; boot: number };

export type ProbeKind = 'startup' | 'readiness' | 'liveness';

/**
 * An empty object for a table keyed by ids (pod uids, IPs): null-prototype objects are hash
 * tables in V8 from the start, where a plain `{}` would get a hidden class per key added — and
 * every node's keys differ, so none of those classes is ever shared. Plain JSON all the same.
 */
export function idTable<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
