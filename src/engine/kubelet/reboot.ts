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
 */
import { formatRFC3339 } from '../util/time';
import type { NodeKubelet } from './kubelet';
import { releaseIp } from './ipam';
import { kubeletConditions, formatMicroTime, leaseRenewTime, LEASE_NAMESPACE, nodeHeartbeat } from './nodeObject';
import { beginTermination } from './termination';
import type { PodState } from './types';

export function stopNode(k: NodeKubelet): void {
  const s = k.state;
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
    api.updateStatus('nodes', { ...node, status: { ...node.status, conditions } });
  }
}

export function startNode(k: NodeKubelet): void {
  const s = k.state;
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
  api.updateStatus('nodes', { ...node, status });
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
  if (ps.terminating) {
    ps.terminating = undefined;
    return beginTermination(k, ps, pod);
  }
  k.record(ps, undefined, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
  k.schedule(k.now() + k.jitter([500, 1500]), { k: 'sandbox', uid: ps.uid, sandbox: ps.sandbox });
}
