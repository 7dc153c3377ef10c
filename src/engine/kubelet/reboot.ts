/**
 * `sim node fail` / `sim node recover`: the node's VM goes down and comes back.
 *
 * Down: the kubelet stops renewing its Lease and posting status (one write freezes both at the
 * last renewal), and stops progressing its pods: its timers are ignored, pods bound to it stay as
 * they are (Pending without status, Running with stale status, Terminating forever).
 *
 * Back up, it is a reboot, as on a real VM: containerd's records survive on disk but every
 * process is dead. The kubelet registers again (new bootID, `Rebooted` event), renews at once,
 * and resyncs every pod: the sandbox is re-created (`SandboxChanged`, a new pod IP), init
 * containers run again, and each container that was running shows lastState Terminated with
 * reason `Unknown`, exit code 255, and starts again with restartCount + 1. Pods being deleted are
 * finished off; pods deleted meanwhile are forgotten; pods bound meanwhile are admitted.
 *
 * Coming back takes time (`powerOn`): the VM boots, systemd starts containerd and the kubelet,
 * and only then does the kubelet post status. BOOT_MS is 45–75 s: an Azure VM restart (the
 * platform's stop/start of the VM, firmware, the Ubuntu 22.04 node image's kernel and systemd
 * boot — typically 30–60 s for a Linux VM on Azure, as `az vm restart` timings and the boot
 * diagnostics' timestamps show) plus containerd and the kubelet starting (a few seconds; the
 * kubelet posts node status right after it starts, then every 10 s). A kubelet that merely
 * restarts (systemctl restart kubelet) is back in seconds, but this model is a VM: its
 * processes die. The node lifecycle controller then sees the fresh heartbeat on its next monitor
 * pass (every 5 s, controllers/nodeLifecycle.ts) and removes the NoExecute taint; the
 * NoSchedule ones go with the node update at once.
 */
import { formatRFC3339 } from '../util/time';
import type { NodeKubelet } from './kubelet';
import { releaseIp } from './ipam';
import { kubeletConditions, formatMicroTime, leaseRenewTime, LEASE_NAMESPACE, nodeHeartbeat } from './nodeObject';
import { beginTermination } from './termination';
import type { PodState } from './types';

export function stopNode(k: NodeKubelet): void {
  const s = k.state;
  // Powered off again while booting: the boot never completes.
  s.bootingUntil = undefined;
  if (!s.alive) return;
  const now = k.now();
  const renew = leaseRenewTime(s, now);
  const beat = nodeHeartbeat(s, now);
  s.alive = false;
  s.stoppedAt = now;
  const api = k.ctx.api;
  const lease = api.tryGet('leases.coordination.k8s.io', LEASE_NAMESPACE, k.name);
  if (lease) api.update('leases.coordination.k8s.io', { ...lease, spec: { ...lease.spec, renewTime: formatMicroTime(renew) } });
  const node = k.ctx.store.get('nodes', undefined, k.name);
  if (node?.status?.conditions) {
    const conditions = node.status.conditions.map((c: any) => ({ ...c, lastHeartbeatTime: formatRFC3339(beat) }));
    api.updateStatus('nodes', { ...node, status: { ...node.status, conditions } }, { fieldManager: 'kubelet' });
  }
}

/** From power-on to the kubelet posting status: VM boot, then containerd and the kubelet start. */
export const BOOT_MS: [number, number] = [45_000, 75_000];

/**
 * Powers the VM on: returns the instant its kubelet will start (the caller schedules
 * `startNode` then), the one already decided when it is booting, or now when it is up.
 */
export function powerOn(k: NodeKubelet): number {
  const s = k.state;
  if (s.alive) return k.now();
  s.bootingUntil ??= k.now() + k.jitter(BOOT_MS);
  return s.bootingUntil;
}

export function startNode(k: NodeKubelet): void {
  const s = k.state;
  s.bootingUntil = undefined;
  if (s.alive) return;
  const now = k.now();
  const downSince = s.stoppedAt ?? now;
  s.alive = true;
  s.boot++;
  s.bootID = uuidLike(k);
  s.renewAnchor = now;
  s.statusAnchor = now;
  s.stoppedAt = undefined;
  s.pullQueue = [];
  k.live.clear();
  postNodeRestart(k, now);
  for (const ps of Object.values(s.pods)) rebootPod(k, ps, downSince);
}

function uuidLike(k: NodeKubelet): string {
  const h = k.ctx.random.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function postNodeRestart(k: NodeKubelet, now: number): void {
  const api = k.ctx.api;
  const lease = api.tryGet('leases.coordination.k8s.io', LEASE_NAMESPACE, k.name);
  if (lease) api.update('leases.coordination.k8s.io', { ...lease, spec: { ...lease.spec, renewTime: formatMicroTime(now) } });
  const node = k.ctx.store.get('nodes', undefined, k.name);
  if (!node) return;
  const status = {
    ...node.status,
    conditions: kubeletConditions(now, node.status?.conditions),
    nodeInfo: { ...node.status?.nodeInfo, bootID: k.state.bootID },
  };
  api.updateStatus('nodes', { ...node, status }, { fieldManager: 'kubelet' });
  const ref = { apiVersion: 'v1', kind: 'Node', name: k.name, uid: k.name };
  const record = (type: 'Normal' | 'Warning', reason: string, message: string) =>
    k.ctx.record({ component: 'kubelet', host: k.name }, ref, type, reason, message);
  record('Normal', 'Starting', 'Starting kubelet.');
  record('Warning', 'Rebooted', `Node ${k.name} has been rebooted, boot id: ${k.state.bootID}`);
  record('Normal', 'NodeReady', `Node ${k.name} status is now: NodeReady`);
}

function rebootPod(k: NodeKubelet, ps: PodState, downSince: number): void {
  const pod = k.podObject(ps);
  if (!pod) return k.forget(ps);
  if (ps.finished && !ps.terminating) return;
  for (const c of ps.containers) {
    if (c.step === 'running') {
      c.lastTerminated = {
        exitCode: 255,
        reason: 'Unknown',
        startedAt: c.startedAt ?? downSince,
        finishedAt: downSince,
        containerID: c.containerID ?? '',
      };
      c.restartCount++;
      c.previousLogs = c.logs;
      c.logs = [];
    } else if (c.terminated) {
      // Dead before the reboot (an init container that completed, an app container in back-off).
      c.lastTerminated = c.terminated;
      c.restartCount++;
    }
    c.terminated = undefined;
    c.waiting = undefined;
    c.step = 'idle';
    c.ready = false;
    c.started = false;
    c.killReason = undefined;
    c.process = undefined;
    c.probes = {};
    c.instance++;
  }
  releaseIp(k.state.ipam, ps.podIP, ps.uid);
  ps.podIP = undefined;
  ps.sandboxReady = false;
  ps.sandbox++;
  k.markDirty(ps);
  // A pod deleted while the node was down (taint eviction, a delete) goes to termination as one
  // already terminating does: the kubelet's pod workers route a pod with a deletionTimestamp to
  // terminating and never re-create its sandbox, so no SandboxChanged.
  if (ps.terminating || pod.metadata.deletionTimestamp) {
    ps.terminating = undefined;
    return beginTermination(k, ps, pod);
  }
  k.record(ps, undefined, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
  k.schedule(k.now() + k.jitter([500, 1500]), { k: 'sandbox', uid: ps.uid, sandbox: ps.sandbox, boot: k.state.boot });
}
