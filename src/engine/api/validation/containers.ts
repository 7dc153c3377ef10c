/**
 * Container validation after core validation's `validateContainers` / `validateInitContainers` /
 * `validateContainerCommon`: names, images, ports, env, volume mounts, pull policy, probes and
 * resources, with the apiserver's field paths and messages. Expects defaulted input.
 */
import type { Container, ContainerPort, EnvVar, Probe, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import { duplicate, forbiddenField, invalid, notFoundField, notSupported, required, type FieldError } from '../fieldErrors';
import { child, index, validateNonnegative } from './common';
import { isDNS1123Label, isValidPortName, isValidPortNum } from './names';
import { validateResourceRequirements } from './resources';

type Handler = { exec?: { command?: string[] }; httpGet?: { path?: string; port: number | string; scheme?: string }; tcpSocket?: { port: number | string }; grpc?: { port: number }; sleep?: { seconds: number } };

export function validateContainers(containers: Container[] | undefined, volumes: Volume[] | undefined, grace: number | undefined, path: string): FieldError[] {
  if (!containers?.length) return [required(path)];
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    // A search rather than a Set per pod: containers are few.
    if (containers.findIndex((other) => other.name === c.name) < i) errs.push(duplicate(child(p, 'name'), c.name));
    errs.push(...validateLifecycle(c, grace, p));
    errs.push(...validateProbe(c.livenessProbe, grace, child(p, 'livenessProbe'), 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, grace, child(p, 'readinessProbe'), 'readiness'));
    errs.push(...validateProbe(c.startupProbe, grace, child(p, 'startupProbe'), 'startup'));
    if (c.restartPolicy !== undefined) errs.push(forbiddenField(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

export function validateInitContainers(init: Container[] | undefined, regular: Container[] | undefined, volumes: Volume[] | undefined, grace: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  // Most pods have none: no Set of the regular containers' names then.
  if (!init?.length) return errs;
  const names = new Set((regular ?? []).map((c) => c.name));
  init.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const sidecar = c.restartPolicy === 'Always';
    if (c.restartPolicy !== undefined && !sidecar) errs.push(notSupported(child(p, 'restartPolicy'), c.restartPolicy, ['Always']));
    if (names.has(c.name)) errs.push(duplicate(child(p, 'name'), c.name));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], path));
    if (sidecar) {
      errs.push(...validateLifecycle(c, grace, p));
      errs.push(...validateProbe(c.livenessProbe, grace, child(p, 'livenessProbe'), 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, grace, child(p, 'readinessProbe'), 'readiness'));
      errs.push(...validateProbe(c.startupProbe, grace, child(p, 'startupProbe'), 'startup'));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const)
        if (c[f]) errs.push(forbiddenField(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
    }
  });
  return errs;
}

function validateContainerCommon(c: Container, volumes: Volume[] | undefined, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(child(p, 'name')));
  else {
    const messages = isDNS1123Label(c.name);
    for (let i = 0; i < messages.length; i++) errs.push(invalid(child(p, 'name'), c.name, messages[i]));
  }
  if (!c.image) errs.push(required(child(p, 'image')));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(child(p, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(child(p, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validatePorts(c.ports, child(p, 'ports')));
  errs.push(...validateEnv(c.env, child(p, 'env')));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, child(p, 'volumeMounts')));
  const pull = c.imagePullPolicy;
  if (!pull) errs.push(required(child(p, 'imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) errs.push(notSupported(child(p, 'imagePullPolicy'), pull, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResourceRequirements(c.resources, child(p, 'resources')));
  return errs;
}

/** Pod-only: images may not carry leading or trailing whitespace. */
export function validateContainersOnlyForPod(containers: Container[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (containers ?? []).forEach((c, i) => {
    if (c.image && c.image.trim() !== c.image) errs.push(invalid(child(index(path, i), 'image'), c.image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}

function validatePorts(ports: ContainerPort[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!ports?.length) return errs;
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = index(path, i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) msgs.forEach((m) => errs.push(invalid(child(p, 'name'), port.name, m)));
      else if (names.has(port.name)) errs.push(duplicate(child(p, 'name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(child(p, 'containerPort')));
    else isValidPortNum(port.containerPort).forEach((m) => errs.push(invalid(child(p, 'containerPort'), port.containerPort, m)));
    if (port.hostPort) isValidPortNum(port.hostPort).forEach((m) => errs.push(invalid(child(p, 'hostPort'), port.hostPort, m)));
    if (!port.protocol) errs.push(required(child(p, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errs.push(notSupported(child(p, 'protocol'), port.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

function checkHostPortConflicts(containers: Container[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!containers.some(hasPorts)) return errs;
  const seen = new Set<string>();
  containers.forEach((c, ci) =>
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const id = `${port.protocol}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(id)) errs.push(duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), id));
      else seen.add(id);
    }),
  );
  return errs;
}

function hasPorts(c: Container): boolean {
  return (c.ports?.length ?? 0) > 0;
}

const RELAXED_ENV_NAME = "a valid environment variable name must consist only of printable ASCII characters other than '='";

function validateEnv(env: EnvVar[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((e, i) => {
    const p = child(index(path, i), 'name');
    if (!e.name) errs.push(required(p));
    else if ([...e.name].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) > 126 || ch === '=')) errs.push(invalid(p, e.name, RELAXED_ENV_NAME));
  });
  return errs;
}

/**
 * Whether one of the first `before` volumes (all when absent) is named `name`. A pod has a few
 * volumes: a search beats building a Set of their names per validated pod.
 */
export function hasVolume(volumes: Volume[] | undefined, name: string | undefined, before = volumes?.length ?? 0): boolean {
  if (!name || !volumes) return false;
  for (let i = 0; i < before; i++) if (volumes[i].name === name) return true;
  return false;
}

function validateVolumeMounts(mounts: VolumeMount[] | undefined, volumes: Volume[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!mounts) return errs;
  for (let i = 0; i < mounts.length; i++) {
    const m = mounts[i];
    if (!m.name) errs.push(required(child(index(path, i), 'name')));
    if (!hasVolume(volumes, m.name)) errs.push(notFoundField(child(index(path, i), 'name'), m.name));
    if (!m.mountPath) errs.push(required(child(index(path, i), 'mountPath')));
    if (mountedBefore(mounts, m.mountPath, i)) errs.push(invalid(child(index(path, i), 'mountPath'), m.mountPath, 'must be unique'));
  }
  return errs;
}

/** Whether one of the first `before` mounts has this mount path (a search: mounts are few). */
function mountedBefore(mounts: VolumeMount[], mountPath: string, before: number): boolean {
  for (let i = 0; i < before; i++) if (mounts[i].mountPath === mountPath) return true;
  return false;
}

function validateLifecycle(c: Container, grace: number | undefined, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const l = c.lifecycle;
  if (l?.postStart) errs.push(...validateHandler(l.postStart as Handler, grace, child(child(p, 'lifecycle'), 'postStart')));
  if (l?.preStop) errs.push(...validateHandler(l.preStop as Handler, grace, child(child(p, 'lifecycle'), 'preStop')));
  return errs;
}

function validateProbe(probe: Probe | undefined, grace: number | undefined, p: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!probe) return [];
  const { exec, httpGet, tcpSocket, grpc } = probe;
  const errs = validateHandler({ exec, httpGet, tcpSocket, grpc } as Handler, grace, p);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const)
    errs.push(...validateNonnegative(probe[f], child(p, f)));
  const tgps = probe.terminationGracePeriodSeconds;
  if (tgps !== undefined && tgps <= 0) errs.push(invalid(child(p, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind === 'readiness' && tgps !== undefined) errs.push(invalid(child(p, 'terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  if (kind !== 'readiness' && probe.successThreshold !== 1) errs.push(invalid(child(p, 'successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  return errs;
}

function validateHandler(h: Handler, grace: number | undefined, p: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (name: keyof Handler, check: () => FieldError[]) => {
    if (!h[name]) return;
    if (n++ > 0) errs.push(forbiddenField(child(p, name), 'may not specify more than 1 handler type'));
    else errs.push(...check());
  };
  one('exec', () => (h.exec!.command?.length ? [] : [required(child(child(p, 'exec'), 'command'))]));
  one('httpGet', () => {
    const g = h.httpGet!;
    const e: FieldError[] = [];
    if (!g.path) e.push(required(child(child(p, 'httpGet'), 'path')));
    e.push(...validatePortNumOrName(g.port, child(child(p, 'httpGet'), 'port')));
    if (g.scheme !== 'HTTP' && g.scheme !== 'HTTPS') e.push(notSupported(child(child(p, 'httpGet'), 'scheme'), g.scheme ?? '', ['HTTP', 'HTTPS']));
    return e;
  });
  one('tcpSocket', () => validatePortNumOrName(h.tcpSocket!.port, child(child(p, 'tcpSocket'), 'port')));
  one('grpc', () => validatePortNumOrName(h.grpc!.port, child(child(p, 'grpc'), 'port')));
  one('sleep', () => {
    const s = h.sleep!.seconds;
    const g = grace ?? 30;
    return s <= 0 || s > g ? [invalid(child(p, 'sleep'), s, `must be greater than 0 and less than terminationGracePeriodSeconds (${g})`)] : [];
  });
  if (n === 0) errs.push(required(p, 'must specify a handler type'));
  return errs;
}

export function validatePortNumOrName(port: number | string, p: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(p, port, m));
  return isValidPortName(port).map((m) => invalid(p, port, m));
}
