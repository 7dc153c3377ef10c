/**
 * Startup, readiness and liveness probes (pkg/kubelet/prober). Probe workers tick every
 * periodSeconds from the pod's admission; a tick before initialDelaySeconds has passed does
 * nothing, so only the ticks that probe are scheduled, and only for containers that have probes.
 * Results need successThreshold / failureThreshold in a row; every failure is an Unhealthy event.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import { containerExited } from './containers';
import type { NodeKubelet } from './kubelet';
import { liveProcess, sendSigterm } from './processes';
import { scheduleKill } from './termination';
import type { ContainerState, PodState, ProbeKind } from './types';

const TITLE: Record<ProbeKind, string> = { startup: 'Startup', readiness: 'Readiness', liveness: 'Liveness' };

function probeOf(spec: Container, kind: ProbeKind): Probe | undefined {
  return kind === 'startup' ? spec.startupProbe : kind === 'readiness' ? spec.readinessProbe : spec.livenessProbe;
}

function periodMs(p: Probe): number {
  return (p.periodSeconds ?? 10) * 1000;
}

/** The first worker tick at or after `from`, ticks being admittedAt + n·period. */
function nextTick(ps: PodState, p: Probe, from: number): number {
  const period = periodMs(p);
  const n = Math.max(0, Math.ceil((from - ps.admittedAt) / period));
  return ps.admittedAt + n * period;
}

/**
 * A probe tick is housekeeping once its worker has settled: passing (result true, no failures
 * since), or a readiness probe failing past its threshold (it only keeps the pod unready). Either
 * way nothing changes until something else (a process, a kill) does, so the cluster can be quiet.
 */
function settled(c: ContainerState, kind: ProbeKind, p: Probe | undefined): boolean {
  const s = c.probes[kind];
  if (!s || s.result === undefined) return false;
  if (s.result && s.failures === 0) return true;
  return kind === 'readiness' && !s.result && s.failures >= (p?.failureThreshold ?? 3);
}

function scheduleProbe(k: NodeKubelet, ps: PodState, c: ContainerState, kind: ProbeKind, at: number, p?: Probe): void {
  k.schedule(at, { k: 'probe', uid: ps.uid, container: c.name, instance: c.instance, probe: kind, boot: k.state.boot }, settled(c, kind, p));
}

function scheduleFirst(k: NodeKubelet, ps: PodState, c: ContainerState, spec: Container, kind: ProbeKind): void {
  const p = probeOf(spec, kind);
  if (!p) return;
  c.probes[kind] = { successes: 0, failures: 0 };
  const earliest = Math.max(k.now(), (c.startedAt ?? k.now()) + (p.initialDelaySeconds ?? 0) * 1000);
  scheduleProbe(k, ps, c, kind, nextTick(ps, p, earliest));
}

export function startProbes(k: NodeKubelet, ps: PodState, c: ContainerState, spec: Container): void {
  if (c.init) return;
  if (spec.startupProbe) scheduleFirst(k, ps, c, spec, 'startup');
  else {
    scheduleFirst(k, ps, c, spec, 'readiness');
    scheduleFirst(k, ps, c, spec, 'liveness');
  }
}

export function resetProbes(c: ContainerState): void {
  c.probes = {};
}

export function onProbe(k: NodeKubelet, ps: PodState, c: ContainerState, kind: ProbeKind): void {
  const state = c.probes[kind];
  if (c.step !== 'running' || !state || ps.terminating || c.killReason) return;
  const spec = k.containerSpec(ps, c);
  const p = probeOf(spec, kind);
  if (!p) return;
  const { ok, output } = runProbe(k, ps, c, spec, p);
  if (ok) {
    state.failures = 0;
    state.successes++;
    if (state.successes >= (kind === 'readiness' ? (p.successThreshold ?? 1) : 1)) state.result = true;
  } else {
    state.successes = 0;
    state.failures++;
    k.record(ps, c, 'Warning', 'Unhealthy', `${TITLE[kind]} probe failed: ${output}`);
    if (state.failures >= (p.failureThreshold ?? 3)) state.result = false;
  }
  if (kind === 'readiness') {
    const ready = state.result === true;
    if (c.ready !== ready) {
      c.ready = ready;
      k.markDirty(ps);
    }
  }
  if (kind === 'startup' && state.result === true) {
    c.started = true;
    delete c.probes.startup;
    c.ready = !spec.readinessProbe;
    k.markDirty(ps);
    scheduleFirst(k, ps, c, spec, 'readiness');
    scheduleFirst(k, ps, c, spec, 'liveness');
    return;
  }
  if ((kind === 'liveness' || kind === 'startup') && state.result === false) {
    k.record(ps, c, 'Normal', 'Killing', `Container ${c.name} failed ${kind} probe, will be restarted`);
    return killForRestart(k, ps, c, p);
  }
  scheduleProbe(k, ps, c, kind, k.now() + periodMs(p), p);
}

/** SIGTERM now, SIGKILL after the grace period (the probe's own, else the pod's). */
function killForRestart(k: NodeKubelet, ps: PodState, c: ContainerState, p: Probe): void {
  c.killReason = 'probe';
  const grace = p.terminationGracePeriodSeconds ?? k.podObject(ps)?.spec?.terminationGracePeriodSeconds ?? 30;
  if (grace <= 0) return containerExited(k, ps, c, { exitCode: 137, probeKilled: true });
  sendSigterm(k, ps, c);
  scheduleKill(k, ps, c, k.now() + grace * 1000);
}

function portOf(spec: Container, port: number | string | undefined): number {
  if (typeof port === 'number') return port;
  const named = spec.ports?.find((x) => x.name === port);
  return named?.containerPort ?? Number(port);
}

function runProbe(k: NodeKubelet, ps: PodState, c: ContainerState, spec: Container, p: Probe): { ok: boolean; output: string } {
  const rec = c.process;
  const ip = ps.podIP ?? '';
  const listening = (port: number) => !!rec?.listening && (rec.ports.length === 0 || rec.ports.includes(port));
  if (p.exec) {
    const live = liveProcess(k, ps, c);
    if (!live) return { ok: false, output: '' };
    const env: Record<string, string> = {};
    for (const e of spec.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
    live.touched = true;
    const r = k.runtime.exec(p.exec.command ?? [], live.fs, () => k.now(), env);
    if (r.ms > (p.timeoutSeconds ?? 1) * 1000) {
      return { ok: false, output: `command ${JSON.stringify((p.exec.command ?? []).join(' '))} timed out` };
    }
    return { ok: r.exitCode === 0, output: r.output.replace(/\n$/, '') };
  }
  if (p.httpGet) {
    const port = portOf(spec, p.httpGet.port);
    const host = p.httpGet.host ?? ip;
    const path = p.httpGet.path ?? '/';
    const url = `${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path}`;
    if (!listening(port)) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    const status = liveProcess(k, ps, c)?.proc.http?.(port, path) ?? 200;
    if (status >= 200 && status < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${status}` };
  }
  if (p.tcpSocket) {
    const port = portOf(spec, p.tcpSocket.port);
    const host = p.tcpSocket.host ?? ip;
    if (!listening(port)) return { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
    return { ok: true, output: '' };
  }
  if (p.grpc) {
    const port = p.grpc.port;
    if (!listening(port)) return { ok: false, output: `timeout: failed to connect service "${ip}:${port}" within 1s` };
    return { ok: true, output: '' };
  }
  return { ok: true, output: '' };
}
