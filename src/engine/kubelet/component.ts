/**
 * The `kubelet` component: hosts one NodeKubelet per node, routes pod watch events by
 * spec.nodeName and timers by node (the timer key is the node name), and exposes what the cluster
 * profiles, `sim` and kubectl need: addNode, stop/start (node fail/recover), logs and usage.
 * An idle node costs nothing: no periodic timers; Lease renewals and node heartbeats are derived
 * when read (nodeObject.ts).
 */
import { badRequest, notFound } from '../api/errors';
import type { KubeObject } from '../objects';
import type { Component, SimContext } from '../sim/component';
import type { ShellEffect } from '../shell/types';
import type { StoreEvent } from '../store/store';
import { clone } from '../util/clone';
import { Fifo } from '../util/fifo';
import { defaultRuntime } from './defaultRuntime';
import { execInContainer, execTarget, openExec, type ExecOptions, type ExecStarter } from './exec';
import { newIpam } from './ipam';
import { NodeKubelet } from './kubelet';
import { selectLogs, type LogOptions } from './logs';
import { podServing, type Serving } from './serving';
import { buildLease, buildNode, deriveLease, deriveNode, LEASE_NAMESPACE } from './nodeObject';
import { powerOn, startNode, stopNode } from './reboot';
import type { ContainerRuntime } from './runtimePort';
import { idTable, type NodeSpecInput, type NodeState, type TimerData } from './types';

export const KUBELET_COMPONENT = 'kubelet';
const NODE_INDEX = 'kubelet.nodeName';

export interface ContainerUsage {
  name: string;
  /** CPU in millicores. */
  cpu: number;
  /** Memory working set in bytes. */
  memory: number;
}

export type CallHandler = (name: string, payload: unknown, from: { namespace: string; pod: string; container: string; node: string }) => unknown;

interface Queued {
  node: string;
  uid: string;
  namespace: string;
  name: string;
}

const NO_NODE: readonly string[] = [];

const hasDirty = (k: NodeKubelet): boolean => k.hasDirty();

/** The timer key of a node's VM finishing its boot (node names have no `|`). */
const BOOT_TIMER = 'boot|';

export class KubeletComponent implements Component {
  readonly name = KUBELET_COMPONENT;
  private ctx!: SimContext;
  private nodes = new Map<string, NodeKubelet>();
  /** Pod events to look at, in order. */
  private queue = new Fifo<Queued>();
  /** Nodes with statuses to post, in the order they became dirty. */
  private dirtyNodes = new Fifo<NodeKubelet>();
  private callHandler: CallHandler = () => undefined;
  private saved?: Record<string, NodeState>;
  private indexValues = new Map<string, readonly string[]>();

  constructor(private readonly runtime: ContainerRuntime = defaultRuntime()) {}

  start(ctx: SimContext): void {
    this.ctx = ctx;
    ctx.store.addIndex('pods', NODE_INDEX, (p) => this.nodeIndexValues(p));
    ctx.store.subscribe((e) => this.onStoreEvent(e));
    ctx.api.addReadHook('leases.coordination.k8s.io', (obj, now) => deriveLease(obj, this.nodes.get(obj.metadata.name)?.state, now));
    ctx.api.addReadHook('nodes', (obj, now) => deriveNode(obj, this.nodes.get(obj.metadata.name)?.state, now));
    for (const [name, state] of Object.entries(this.saved ?? {})) this.nodes.set(name, this.newKubelet(clone(state)));
    this.saved = undefined;
  }

  /** Registers a node: its Node object and Lease, and a running kubelet for it. */
  addNode(spec: NodeSpecInput): KubeObject {
    if (this.nodes.has(spec.name)) throw new Error(`node ${spec.name} already has a kubelet`);
    const ctx = this.ctx;
    const now = ctx.now();
    const r = ctx.random;
    const id = { machineID: r.hex(32), systemUUID: uuid(r.hex(32)), bootID: spec.nodeInfo?.bootID ?? uuid(r.hex(32)) };
    const node = ctx.api.create('nodes', buildNode(spec, id, now), { fieldManager: 'kubelet' });
    if (!ctx.store.get('namespaces', undefined, LEASE_NAMESPACE)) {
      ctx.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: LEASE_NAMESPACE } });
    }
    ctx.api.create('leases.coordination.k8s.io', buildLease(spec, node, now));
    const state: NodeState = {
      spec: clone(spec),
      alive: true,
      boot: 1,
      bootID: id.bootID,
      renewAnchor: now,
      statusAnchor: now,
      images: {},
      pullQueue: [],
      ipam: newIpam(spec.podCIDR),
      crashBackoff: {},
      pullBackoff: {},
      pods: idTable(),
      containerSeq: 0,
    };
    this.nodes.set(spec.name, this.newKubelet(state));
    const ref = { apiVersion: 'v1', kind: 'Node', name: spec.name, uid: spec.name };
    const record = (reason: string, message: string) => ctx.record({ component: 'kubelet', host: spec.name }, ref, 'Normal', reason, message);
    record('Starting', 'Starting kubelet.');
    record('NodeHasSufficientMemory', `Node ${spec.name} status is now: NodeHasSufficientMemory`);
    record('NodeHasNoDiskPressure', `Node ${spec.name} status is now: NodeHasNoDiskPressure`);
    record('NodeHasSufficientPID', `Node ${spec.name} status is now: NodeHasSufficientPID`);
    record('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    record('NodeReady', `Node ${spec.name} status is now: NodeReady`);
    this.resync(spec.name);
    return node;
  }

  /**
   * Who answers containers' host calls (`net.connect`, `net.http`, `dns.lookup`…): the network
   * layer, once it exists. Answers must be plain JSON and depend only on cluster state, so that
   * replay after a restore sees the same ones (they are recorded).
   */
  setCallHandler(handler: CallHandler): void {
    this.callHandler = handler;
  }

  kubeletAlive(node: string): boolean {
    return this.nodes.get(node)?.state.alive ?? false;
  }

  hasNode(node: string): boolean {
    return this.nodes.has(node);
  }

  stopKubelet(node: string): void {
    const k = this.mustNode(node);
    k.flush();
    stopNode(k);
  }

  /**
   * `sim node recover`: powers the node's VM on. Its kubelet starts once the VM has booted
   * (reboot.ts, BOOT_MS); returns that instant (now when it is up already).
   */
  powerOn(node: string): number {
    const k = this.mustNode(node);
    const booting = k.state.bootingUntil !== undefined;
    const at = powerOn(k);
    if (!k.state.alive && !booting) this.ctx.queue.schedule(at, this.name, BOOT_TIMER + node, { at });
    return at;
  }

  startKubelet(node: string): void {
    const k = this.mustNode(node);
    if (k.state.alive) return;
    startNode(k);
    this.resync(node);
  }

  /** Log lines of a container, as `kubectl logs` reads them (errors are the apiserver's). */
  logs(namespace: string, pod: string, container: string, opts: LogOptions = {}): string[] {
    const obj = this.ctx.store.get('pods', namespace, pod);
    if (!obj) throw notFound('pods', pod);
    const node = obj.spec?.nodeName;
    const ps = node ? this.nodes.get(node)?.state.pods[obj.metadata.uid!] : undefined;
    const all = [...(obj.spec?.initContainers ?? []), ...(obj.spec?.containers ?? [])];
    if (!all.some((c: any) => c.name === container)) throw badRequest(`container ${container} is not valid for pod ${pod}`);
    if (!node) throw badRequest(`pod ${pod} does not have a host assigned`);
    const c = ps?.containers.find((x) => x.name === container);
    if (opts.previous) {
      if (!c || !(c.lastTerminated || (c.waiting && c.terminated))) throw badRequest(`previous terminated container "${container}" in pod "${pod}" not found`);
      return selectLogs(c.waiting && c.terminated ? c.logs : c.previousLogs, opts);
    }
    if (!c || (!c.containerID && !c.lastTerminated)) {
      const reason = c?.waiting?.reason ?? (c?.init ? 'PodInitializing' : 'ContainerCreating');
      const why = reason === 'ImagePullBackOff' || reason === 'ErrImagePull' ? 'trying and failing to pull image' : reason;
      throw badRequest(`container "${container}" in pod "${pod}" is waiting to start: ${why}`);
    }
    return selectLogs(c.containerID || c.logs.length ? c.logs : c.previousLogs, opts);
  }

  /**
   * `kubectl exec` (the pods/exec subresource): runs `command` in a running container of the pod
   * through its node's kubelet and runtime. Errors are thrown as the apiserver or kubelet words
   * them; the generator returns the command's exit code (see exec.ts).
   */
  exec(namespace: string, pod: string, container: string, command: string[], opts: ExecOptions = {}): Generator<ShellEffect, number, unknown> {
    const obj = execTarget(this.ctx.store, namespace, pod, container);
    return execInContainer(this.nodes.get(obj.spec!.nodeName), obj, container, command, opts);
  }

  /** The same in two steps, for a server that must answer the upgrade before the command starts. */
  openExec(namespace: string, pod: string, container: string): ExecStarter {
    const obj = execTarget(this.ctx.store, namespace, pod, container);
    return openExec(this.nodes.get(obj.spec!.nodeName), obj, container);
  }

  /** What a connection to the pod's `port` finds (the cluster network asks; see serving.ts). */
  serving(namespace: string, pod: string, port: number, path?: string): Serving {
    const obj = this.ctx.store.get('pods', namespace, pod);
    return podServing(obj?.spec?.nodeName ? this.nodes.get(obj.spec.nodeName) : undefined, obj, port, path);
  }

  /** CPU and memory of a pod's running containers, for metrics; undefined if not running here. */
  usage(namespace: string, pod: string): ContainerUsage[] | undefined {
    const obj = this.ctx.store.get('pods', namespace, pod);
    const k = obj?.spec?.nodeName ? this.nodes.get(obj.spec.nodeName) : undefined;
    const ps = k?.state.alive ? k.state.pods[obj!.metadata.uid!] : undefined;
    if (!ps) return undefined;
    return ps.containers
      .filter((c) => c.step === 'running' && c.process)
      .map((c) => ({ name: c.name, cpu: c.process!.cpuMillis, memory: c.process!.memoryBytes }));
  }

  onTimer(key: string, data: unknown): void {
    if (key.startsWith(BOOT_TIMER)) {
      const node = key.slice(BOOT_TIMER.length);
      if (this.nodes.get(node)?.state.bootingUntil === (data as { at: number }).at) this.startKubelet(node);
      return;
    }
    this.nodes.get(key)?.onTimer(data as TimerData);
  }

  work(): boolean {
    const item = this.queue.shift();
    if (item) {
      const k = this.nodes.get(item.node);
      const pod = this.ctx.store.get('pods', item.namespace, item.name);
      const mine = pod && pod.metadata.uid === item.uid && pod.spec?.nodeName === item.node ? pod : undefined;
      k?.handlePod(item.uid, mine);
      return true;
    }
    for (let k = this.dirtyNodes.shift(); k; k = this.dirtyNodes.shift()) {
      k.flushQueued = false;
      if (k.hasDirty()) {
        k.flush();
        return true;
      }
    }
    return false;
  }

  busy(): boolean {
    return this.queue.size > 0 || this.dirtyNodes.some(hasDirty);
  }

  /** A node has statuses to post: queued once, until `work` takes it. */
  private queueFlush(k: NodeKubelet): void {
    if (k.flushQueued) return;
    k.flushQueued = true;
    this.dirtyNodes.push(k);
  }

  snapshot(): unknown {
    const nodes: Record<string, NodeState> = {};
    for (const [name, k] of this.nodes) nodes[name] = clone(k.state);
    return { nodes };
  }

  restore(state: unknown): void {
    this.saved = (state as { nodes: Record<string, NodeState> }).nodes;
  }

  /**
   * The node-name index's values of a pod: one shared list per node, as every write of a pod is
   * indexed again (the store only reads the lists).
   */
  private nodeIndexValues(pod: KubeObject): readonly string[] {
    const node: string | undefined = pod.spec?.nodeName;
    if (!node) return NO_NODE;
    let values = this.indexValues.get(node);
    if (!values) this.indexValues.set(node, (values = [node]));
    return values;
  }

  private newKubelet(state: NodeState): NodeKubelet {
    return new NodeKubelet(state, this.ctx, this.runtime, this.name, (k) => this.queueFlush(k), (name, payload, from) =>
      this.callHandler(name, payload, { namespace: from.pod.namespace, pod: from.pod.name, container: from.container, node: state.spec.name }),
    );
  }

  private mustNode(node: string): NodeKubelet {
    const k = this.nodes.get(node);
    if (!k) throw new Error(`no kubelet for node ${node}`);
    return k;
  }

  /** Every pod bound to the node is looked at again (registration, restart). */
  private resync(node: string): void {
    for (const p of this.ctx.store.byIndex('pods', NODE_INDEX, node)) this.enqueue(node, p);
  }

  private enqueue(node: string, pod: KubeObject): void {
    this.queue.push({ node, uid: pod.metadata.uid!, namespace: pod.metadata.namespace!, name: pod.metadata.name });
  }

  private onStoreEvent(e: StoreEvent): void {
    if (e.resource !== 'pods') return;
    const node = e.object.spec?.nodeName ?? e.old?.spec?.nodeName;
    const k = node ? this.nodes.get(node) : undefined;
    if (!k || !k.state.alive) return;
    const known = !!k.state.pods[e.object.metadata.uid!];
    if (e.type === 'MODIFIED' && known && e.old && sameForKubelet(e.old, e.object)) return;
    this.enqueue(node!, e.object);
  }
}

/** A change the kubelet need not look at (its own status writes, label edits). */
function sameForKubelet(a: KubeObject, b: KubeObject): boolean {
  return (
    a.metadata.deletionTimestamp === b.metadata.deletionTimestamp &&
    a.metadata.deletionGracePeriodSeconds === b.metadata.deletionGracePeriodSeconds &&
    a.spec?.nodeName === b.spec?.nodeName
  );
}

function uuid(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
