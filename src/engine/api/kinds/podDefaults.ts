/**
 * Scheme defaulting for pods and pod templates, after `pkg/apis/core/v1/defaults.go` (plus the v1
 * conversion that mirrors `serviceAccountName` into the deprecated `serviceAccount`, and the
 * canonical form quantities take when decoded). `setPodSpecDefaults` is shared by Pods and every
 * workload's pod template; `setPodDefaults` adds what only a Pod gets (`enableServiceLinks`,
 * requests defaulted from limits).
 */
import type { Container, PodSpec, Probe, Volume } from 'kubernetes-types/core/v1';
import { badRequest } from '../errors';
import { canonicalQuantity, QuantityError } from '../../util/quantity';

type Obj = Record<string, any>;

/** What `parsers.ParseImageName` calls the tag: `latest` when neither tag nor digest is given. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) return name.slice(colon + 1);
  return at >= 0 || image === '' ? '' : 'latest';
}

export function setPodSpecDefaults(spec: PodSpec, kind: string): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!spec.securityContext) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  // v1 conversion: serviceAccountName wins; the deprecated serviceAccount mirrors it.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  for (const v of spec.volumes ?? []) setVolumeDefaults(v);
  for (const c of spec.containers ?? []) setContainerDefaults(c, kind);
  for (const c of spec.initContainers ?? []) setContainerDefaults(c, kind);
}

/** Pod-only defaults (SetDefaults_Pod): requests default to limits, service links on. */
export function setPodDefaults(spec: PodSpec): void {
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits as Obj | undefined;
    if (!limits || !c.resources) continue;
    const requests = (c.resources.requests ?? (c.resources.requests = {})) as Obj;
    for (const [name, q] of Object.entries(limits)) if (!(name in requests)) requests[name] = q;
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])])
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
  }
}

function setContainerDefaults(c: Container, kind: string): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  if (!c.resources) c.resources = {};
  for (const list of [c.resources.limits, c.resources.requests] as (Obj | undefined)[]) {
    if (!list) continue;
    for (const name of Object.keys(list)) list[name] = canonical(list[name], kind);
  }
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) setProbeDefaults(probe);
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) if (h?.httpGet) setHTTPGetDefaults(h.httpGet as Obj);
  for (const e of c.env ?? []) if (e.valueFrom?.fieldRef && !e.valueFrom.fieldRef.apiVersion) e.valueFrom.fieldRef.apiVersion = 'v1';
}

function setProbeDefaults(p: Probe): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  if (p.httpGet) setHTTPGetDefaults(p.httpGet as Obj);
}

function setHTTPGetDefaults(g: Obj): void {
  if (!g.path) g.path = '/';
  if (!g.scheme) g.scheme = 'HTTP';
}

function setVolumeDefaults(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = 420;
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = 420;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = 420;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
  }
  if (v.projected) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = 420;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken && !s.serviceAccountToken.expirationSeconds) s.serviceAccountToken.expirationSeconds = 3600;
      for (const item of s.downwardAPI?.items ?? []) if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
    }
  }
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
}

/** A quantity in canonical form; an unparseable one fails decoding as the apiserver's does. */
function canonical(q: unknown, kind: string): string {
  try {
    return canonicalQuantity(q as string | number);
  } catch (e) {
    if (e instanceof QuantityError) throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${e.message}`);
    throw e;
  }
}
