/**
 * Resource names as kubectl accepts them: plural, singular, short name, kind, `kind.group`,
 * `plural.group` and `plural.version.group`, case-insensitive, resolved against what the server
 * serves (the RESTMapper's job in real kubectl).
 */
import { RESOURCE_TYPES, type ResourceType } from '../../engine/api/resources';

export class UnknownResourceError extends Error {
  constructor(readonly resource: string) {
    super(`the server doesn't have a resource type "${resource}"`);
  }
}

export function resolveResource(name: string): ResourceType {
  const n = name.toLowerCase();
  const dot = n.indexOf('.');
  const base = dot < 0 ? n : n.slice(0, dot);
  const rest = dot < 0 ? undefined : n.slice(dot + 1);
  for (const t of RESOURCE_TYPES) {
    const names = [t.plural, t.singular, t.kind.toLowerCase(), ...t.shortNames];
    if (!names.includes(base)) continue;
    if (rest === undefined) return t;
    if (rest === t.group || rest === `${t.version}.${t.group}` || (t.group === '' && rest === t.version)) return t;
  }
  throw new UnknownResourceError(name);
}

export interface ResourceArg {
  type: ResourceType;
  /** The name as typed, for messages (`deploy`). */
  typed: string;
  names: string[];
}

/**
 * Splits `get` style arguments: `pods`, `pods web db`, `pods,deploy`, `pod/web deploy/x`.
 * Mixing `type/name` with bare types is rejected with kubectl's message.
 */
export function parseResourceArgs(args: string[]): ResourceArg[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw new Error(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
    }
    const out: ResourceArg[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const typed = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!typed || !name) throw new Error(`arguments in resource/name form must have a single resource and name`);
      const type = resolveResource(typed);
      const last = out[out.length - 1];
      if (last && last.type === type) last.names.push(name);
      else out.push({ type, typed, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args;
  const typeNames = types.split(',').filter((t) => t !== '');
  if (typeNames.length > 1 && names.length > 0) {
    return typeNames.map((typed) => ({ type: resolveResource(typed), typed, names }));
  }
  const out: ResourceArg[] = [];
  for (const typed of typeNames) {
    if (typed === 'all') {
      for (const t of inDiscoveryOrder(RESOURCE_TYPES.filter((x) => x.categories.includes('all')))) out.push({ type: t, typed: t.plural, names: [] });
      continue;
    }
    out.push({ type: resolveResource(typed), typed, names });
  }
  return out;
}

/** The apiserver's group priority (core first), as discovery lists groups. */
const GROUP_ORDER = ['', 'apps', 'events.k8s.io', 'autoscaling', 'batch', 'networking.k8s.io', 'policy', 'storage.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io'];

/**
 * Category expansion (`get all`) follows discovery: groups by priority, each group's resources
 * sorted by name — so pods, services, daemonsets, deployments, replicasets, statefulsets, hpa,
 * cronjobs, jobs.
 */
export function inDiscoveryOrder<T extends { group: string; plural: string }>(types: T[]): T[] {
  const rank = (g: string) => {
    const i = GROUP_ORDER.indexOf(g);
    return i < 0 ? GROUP_ORDER.length : i;
  };
  return [...types].sort((a, b) => rank(a.group) - rank(b.group) || a.group.localeCompare(b.group) || (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
}
