/**
 * kube-scheduler's default profile as a simulation Component named `default-scheduler`. It
 * schedules pods with spec.schedulerName `default-scheduler` and no spec.nodeName, one pod per
 * `work()` call: pop from the scheduling queue, run the cycle (scheduleOne.ts), then bind through
 * the API and record `Scheduled`, or record `FailedScheduling` with the FitError message, set
 * PodScheduled=False and park the pod. Woken by store events on pods and nodes; timed events only
 * for backoff expiry and the 5-minute flush, and only while pods wait on them.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { isApiError } from '../api/errors';
import type { KubeObject } from '../objects';
import type { Component, SimContext } from '../sim/component';
import type { StoreEvent } from '../store/store';
import { clone, deepEqual } from '../util/clone';
import { formatRFC3339 } from '../util/time';
import { bindPod, setUnschedulable } from './binding';
import { DRA_POST_FILTER_MSG, fitErrorMessage, NO_NODES_AVAILABLE, type Diagnosis } from './fitError';
import { podInfoOf, SCHEDULER_NAME, type FilterPlugin, type PodInfo, type ScorePlugin } from './framework';
import { ClusterCache, isTerminal, podKey } from './nodeInfo';
import { preempt, type Candidate } from './preemption';
import { balancedAllocation } from './plugins/balancedAllocation';
import { imageLocality } from './plugins/imageLocality';
import { nodeAffinityFilter, nodeAffinityScore } from './plugins/nodeAffinity';
import { nodeName } from './plugins/nodeName';
import { nodePorts } from './plugins/nodePorts';
import { nodeResourcesFitFilter, nodeResourcesFitScore } from './plugins/nodeResourcesFit';
import { nodeUnschedulable } from './plugins/nodeUnschedulable';
import { taintTolerationFilter, taintTolerationScore } from './plugins/taintToleration';
import { eventMayHelp, nodeInfoOf, type ClusterEvent } from './queueingHints';
import { SchedulingQueue, type QueuedPod } from './queue';
import { Framework } from './scheduleOne';

/** Who the scheduler's Events come from: one object for all (the recorder copies what it keeps). */
const SOURCE = { component: SCHEDULER_NAME };

/** Store objects are plain JSON; these are the typed views the plugins read. */
const asPod = (o: KubeObject) => o as unknown as Pod;
const asNode = (o: KubeObject) => o as unknown as Node;

interface SchedulerState {
  queue: QueuedPod[];
  startIndex: number;
}

/** Whether this scheduler should place the pod (and it is not placed, finished or going away). */
export function responsibleFor(pod: KubeObject): boolean {
  const spec = pod.spec ?? {};
  return (
    (spec.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME &&
    !spec.nodeName &&
    !pod.metadata.deletionTimestamp &&
    !isTerminal(asPod(pod)) &&
    !(spec.schedulingGates?.length > 0)
  );
}

export class Scheduler implements Component {
  readonly name = SCHEDULER_NAME;
  readonly cache = new ClusterCache();
  readonly queue = new SchedulingQueue();
  private ctx!: SimContext;
  private framework!: Framework;
  private infos = new Map<string, { pod: KubeObject; info: PodInfo }>();
  private timers: Record<'backoff' | 'flush', number | undefined> = { backoff: undefined, flush: undefined };
  private restored: SchedulerState | undefined;

  start(ctx: SimContext): void {
    this.ctx = ctx;
    const filters: FilterPlugin[] = [nodeUnschedulable, nodeName, taintTolerationFilter, nodeAffinityFilter, nodePorts, nodeResourcesFitFilter];
    const scorers: ScorePlugin[] = [
      taintTolerationScore,
      nodeAffinityScore,
      nodeResourcesFitScore,
      balancedAllocation,
      imageLocality(() => this.cache.imageNodes, () => this.cache.nodeCount),
    ];
    this.framework = new Framework(filters, scorers, this.cache, ctx.random);
    for (const n of ctx.store.list('nodes')) this.cache.setNode(asNode(n));
    const pods = ctx.store.list('pods');
    for (const p of pods) this.cache.setPod(asPod(p), podKey(asPod(p)));
    if (this.restored) {
      this.framework.startIndex = this.restored.startIndex;
      for (const qp of this.restored.queue) if (this.responsible(qp.key)) this.queue.restoreEntry(qp);
    }
    for (const p of pods) if (responsibleFor(p)) this.queue.add(podKey(asPod(p)), p.spec?.priority ?? 0, ctx.now());
    this.restored = undefined;
    ctx.store.subscribe((e) => {
      if (e.resource === 'pods') this.onPod(e);
      else if (e.resource === 'nodes') this.onNode(e);
    });
    this.armTimers();
  }

  busy(): boolean {
    return this.queue.activeSize > 0;
  }

  work(): boolean {
    const qp = this.queue.pop();
    if (!qp) return false;
    const pod = this.podAt(qp.key);
    if (!pod || !responsibleFor(pod)) {
      this.queue.done(qp.key);
      return true;
    }
    const info = podInfoOf(asPod(pod));
    const result = this.framework.schedule(info);
    if ('host' in result) this.bind(qp, pod, result.host);
    else this.fail(qp, pod, info, result.diagnosis, result.noNodes);
    return true;
  }

  onTimer(key: string): void {
    const now = this.ctx.now();
    const k = key === 'backoff' ? 'backoff' : 'flush';
    if (this.timers[k] !== undefined && this.timers[k]! <= now) this.timers[k] = undefined;
    if (k === 'backoff') this.queue.flushBackoff(now);
    else this.queue.flushLeftover(now);
    this.queue.flushBackoff(now);
    this.armTimers();
  }

  snapshot(): SchedulerState {
    return { queue: [...this.queue.pods.values()].map((qp) => ({ ...qp, unschedulablePlugins: [...qp.unschedulablePlugins] })), startIndex: this.framework.startIndex };
  }

  restore(state: unknown): void {
    this.restored = state as SchedulerState;
  }

  private responsible(key: string): boolean {
    const pod = this.podAt(key);
    return !!pod && responsibleFor(pod);
  }

  /** The stored pod of a `namespace/name` key (sliced, not split: no array per look-up). */
  private podAt(key: string): KubeObject | undefined {
    const slash = key.indexOf('/');
    return this.ctx.store.get('pods', key.slice(0, slash), key.slice(slash + 1));
  }

  private bind(qp: QueuedPod, pod: KubeObject, host: string): void {
    try {
      bindPod(this.ctx.api, pod, host);
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.reason === 'NotFound') this.queue.done(qp.key);
      else {
        this.ctx.record(SOURCE, pod, 'Warning', 'FailedScheduling', `Binding rejected: ${e.message}`);
        this.queue.unschedulable(qp, [], this.ctx.now());
        this.queue.requeue(qp, this.ctx.now());
        this.armTimers();
      }
      return;
    }
    this.queue.done(qp.key);
    this.infos.delete(qp.key);
    this.ctx.record(SOURCE, pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${host}`);
  }

  private fail(qp: QueuedPod, pod: KubeObject, info: PodInfo, d: Diagnosis, noNodes?: boolean): void {
    const now = this.ctx.now();
    let message = NO_NODES_AVAILABLE;
    const plugins = new Set<string>();
    let nominated: string | undefined;
    if (!noNodes) {
      for (const s of d.nodeStatuses.values()) plugins.add(s.plugin);
      if (d.absentStatus) plugins.add(d.absentStatus.plugin);
      const pre = preempt(info, this.cache.list(), d.nodeStatuses, (p, n) => this.framework.runFilters(p, n));
      if (pre.candidate) nominated = this.preemptVictims(pod, pre.candidate);
      else {
        d.postFilterMsg = `${DRA_POST_FILTER_MSG}, ${pre.message}`;
        // A failed preemption clears an earlier nomination (NewPostFilterResultWithNominatedNode("")).
        if (pre.message.startsWith('preemption: 0/')) nominated = '';
      }
      message = fitErrorMessage(d);
    }
    this.ctx.record(SOURCE, pod, 'Warning', 'FailedScheduling', message);
    this.queue.unschedulable(qp, [...plugins].sort(), now);
    try {
      setUnschedulable(this.ctx.api, pod, message, nominated);
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
    this.armTimers();
  }

  /** Evicts the victims (DisruptionTarget condition, then a graceful delete) and nominates the node. */
  private preemptVictims(preemptor: KubeObject, c: Candidate): string {
    const api = this.ctx.api;
    for (const v of c.victims) {
      const [ns, name] = v.key.split('/');
      const victim = api.tryGet('pods', ns, name);
      if (!victim) continue;
      const withCondition = clone(victim);
      const conds = ((withCondition.status ??= {}).conditions ??= []) as { type: string }[];
      withCondition.status.conditions = [
        ...conds.filter((x) => x.type !== 'DisruptionTarget'),
        { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`, lastProbeTime: null, lastTransitionTime: formatRFC3339(this.ctx.now()) },
      ];
      try {
        api.updateStatus('pods', withCondition, { fieldManager: 'kube-scheduler' });
        api.delete('pods', ns, name);
      } catch (e) {
        if (!isApiError(e)) throw e;
        continue;
      }
      this.ctx.record(SOURCE, victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${c.node}`);
    }
    return c.node;
  }

  private onPod(e: StoreEvent): void {
    const obj = e.object;
    const pod = e.type === 'DELETED' ? undefined : obj;
    // A write that keeps spec and labels (the very same objects: a status write shares them with
    // the stored version) and the terminal-ness would store an equal cache entry: keep the one there.
    const unchanged = pod && e.old && e.old.spec === pod.spec && e.old.metadata.labels === pod.metadata.labels && isTerminal(asPod(e.old)) === isTerminal(asPod(pod));
    // The usual event, a kubelet's status write of a bound pod, changes nothing here: the pod was
    // not this scheduler's before nor is it now (so it has no queue entry or info to drop), and
    // with no pod parked there is nobody to move. Its key need not even be built.
    if (unchanged && !this.hasParked() && e.old!.metadata.deletionTimestamp === pod.metadata.deletionTimestamp && !responsibleFor(pod) && !responsibleFor(e.old!)) return;
    const key = podKey(asPod(obj));
    const old = unchanged ? this.cache.pods.get(key) : this.cache.setPod(pod && asPod(pod), key);
    if (old && this.hasParked()) {
      const now = this.cache.pods.get(key);
      if (!now || now.nodeName !== old.nodeName) this.moveOn({ kind: 'AssignedPodDelete', entry: old });
      else if (now.requests.cpu < old.requests.cpu || now.requests.memory < old.requests.memory || now.requests.ephemeral < old.requests.ephemeral || now.requests.scalar)
        this.moveOn({ kind: 'AssignedPodScaleDown', old, entry: now });
    }
    if (!pod || !responsibleFor(pod)) {
      this.queue.delete(key);
      this.infos.delete(key);
      return;
    }
    const qp = this.queue.pods.get(key);
    if (!qp) this.queue.add(key, pod.spec?.priority ?? 0, this.ctx.now());
    else if (qp.where === 'unschedulable' && e.old && (!deepEqual(e.old.spec, pod.spec) || !deepEqual(e.old.metadata.labels, pod.metadata.labels))) {
      this.queue.requeue(qp, this.ctx.now());
      this.armTimers();
    }
  }

  private onNode(e: StoreEvent): void {
    const node = e.object;
    if (e.type === 'DELETED') {
      this.cache.removeNode(node.metadata.name);
      return;
    }
    const old = e.type === 'MODIFIED' && e.old && this.hasParked() ? nodeInfoOf(asNode(e.old)) : undefined;
    const info = this.cache.setNode(asNode(node));
    if (!this.hasParked()) return;
    this.moveOn(old ? { kind: 'NodeUpdate', old, node: info } : { kind: 'NodeAdd', node: info });
  }

  private hasParked(): boolean {
    return this.queue.parked.size > 0;
  }

  private moveOn(ev: ClusterEvent): void {
    this.queue.moveUnschedulable((qp) => eventMayHelp(qp.unschedulablePlugins, this.podInfo(qp.key), ev), this.ctx.now());
    this.armTimers();
  }

  private podInfo(key: string): PodInfo {
    const pod = this.podAt(key)!;
    const cached = this.infos.get(key);
    if (cached?.pod === pod) return cached.info;
    const info = podInfoOf(asPod(pod));
    this.infos.set(key, { pod, info });
    return info;
  }

  /** Keeps one timed event at the earliest backoff expiry and one at the earliest 5-minute flush. */
  private armTimers(): void {
    const want = { backoff: this.queue.nextBackoffAt(), flush: this.queue.nextLeftoverAt() };
    for (const k of ['backoff', 'flush'] as const) {
      const at = want[k];
      const armed = this.timers[k];
      if (at !== undefined && (armed === undefined || at < armed)) {
        // The 5-minute flush only re-confirms that parked pods still don't fit: housekeeping.
        this.ctx.queue.schedule(at, this.name, k, undefined, { periodic: k === 'flush' });
        this.timers[k] = at;
      }
    }
  }
}
