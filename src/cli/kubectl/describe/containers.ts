/**
 * The container blocks of pod and pod-template descriptions (describeContainers and helpers
 * in describe.go): ports, command, state, resources, probes, environment and mounts.
 */
import type { Container, ContainerPort, ContainerState, ContainerStatus, EnvVar, Probe } from 'kubernetes-types/core/v1';
import { canonicalQuantity } from '../../../engine/util/quantity';
import { rfc1123 } from './helpers';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

/** Resolves a fieldRef env var to its value (EnvValueRetriever); absent for pod templates. */
export type EnvResolver = (e: EnvVar) => string;

const portList = (ports: ContainerPort[] | undefined, key: 'containerPort' | 'hostPort'): string =>
  (ports ?? []).map((p) => `${p[key] ?? 0}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`).join(', ');

function describeBasicInfo(c: Container, status: ContainerStatus | undefined, space: string, w: PrefixWriter): void {
  w.write(LEVEL_1, `${space ? ' ' : ''}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = portList(c.ports, 'containerPort');
  w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
  const hostPorts = portList(c.ports, 'hostPort');
  w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeCommand(c: Container, w: PrefixWriter): void {
  for (const [title, items] of [['Command', c.command], ['Args', c.args]] as const) {
    if (!items || items.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const item of items) for (const line of item.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
}

/** describeStatus: Running / Waiting / Terminated with their details. */
export function describeState(title: string, state: ContainerState | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${title}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
  }
}

/** describeResources: Limits then Requests, resource names sorted, quantities canonical. */
export function describeResources(res: Container['resources'], w: PrefixWriter, level: number): void {
  for (const [title, list] of [['Limits', res?.limits], ['Requests', res?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${canonicalQuantity(list![n])}\n`);
  }
}

const intOrString = (v: number | string | undefined): string => (v === undefined ? '' : String(v));

/** DescribeProbe, kubectl <= 1.36 wording (`#success=1 #failure=3`). */
export function describeProbe(p: Probe): string {
  const attrs =
    `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s ` +
    `#success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const port = intOrString(h.port);
    const rawHost = h.host ?? '';
    const host = port ? `${rawHost.includes(':') ? `[${rawHost}]` : rawHost}:${port}` : rawHost;
    const scheme = (h.scheme ?? '').toLowerCase();
    let path = h.path ?? '';
    if (path && !path.startsWith('/') && host) path = `/${path}`;
    return `http-get ${scheme ? `${scheme}://` : host ? '//' : ''}${host}${path} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${intOrString(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeProbes(c: Container, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

function describeEnvFrom(c: Container, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    const [from, ref] = e.configMapRef ? ['ConfigMap', e.configMapRef] : e.secretRef ? ['Secret', e.secretRef] : ['', undefined];
    const optional = ref?.optional === true;
    const prefix = e.prefix ? ` with prefix '${e.prefix}'` : '';
    w.write(LEVEL_3, `${ref?.name ?? ''}\t${from}${prefix}\tOptional: ${optional}\n`);
  }
}

function describeEnv(c: Container, resolve: EnvResolver | undefined, resourceValue: (e: EnvVar) => string, w: PrefixWriter): void {
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((line, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef) {
      const value = resolve ? resolve(e) : '';
      w.write(LEVEL_3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      w.write(LEVEL_3, `${e.name}:\t${resourceValue(e)} (${from.resourceFieldRef.resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`);
    }
  }
}

function describeMounts(c: Container, w: PrefixWriter): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = [...(c.volumeDevices ?? [])].sort((a, b) => (a.devicePath < b.devicePath ? -1 : 1));
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of devices) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}

export interface ContainerContext {
  statuses?: ContainerStatus[];
  resolve?: EnvResolver;
  resourceValue: (c: Container, e: EnvVar) => string;
}

/** describeContainers: `Label:` (or `Label: <none>`), then one block per container. */
export function describeContainers(label: string, containers: Container[] | undefined, ctx: ContainerContext, w: PrefixWriter, space = ''): void {
  const list = containers ?? [];
  w.write(LEVEL_0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  const statuses = new Map((ctx.statuses ?? []).map((s) => [s.name, s]));
  for (const c of list) {
    const status = statuses.get(c.name);
    describeBasicInfo(c, status, space, w);
    describeCommand(c, w);
    if (status) {
      describeState('State', status.state, w);
      if (status.lastState?.terminated) describeState('Last State', status.lastState, w);
      w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, LEVEL_2);
    describeProbes(c, w);
    if ((c.envFrom ?? []).length > 0) describeEnvFrom(c, w);
    describeEnv(c, ctx.resolve, (e) => ctx.resourceValue(c, e), w);
    describeMounts(c, w);
  }
}
