/**
 * NodeAffinity. Filter: spec.nodeSelector and the required node affinity (terms ORed, each term's
 * matchExpressions and matchFields ANDed; operators In, NotIn, Exists, DoesNotExist, Gt, Lt;
 * matchFields on metadata.name). PreFilter: terms that pin `metadata.name In [...]` narrow the
 * nodes considered (as DaemonSet pods do). Score (weight 2): the sum of the weights of the
 * preferred terms a node matches.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import {
  defaultNormalizeScore,
  unresolvable,
  type FilterPlugin,
  type PodInfo,
  type PreFilterResult,
  type ScorePlugin,
  type Status,
} from '../framework';
import type { NodeInfo } from '../nodeInfo';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const REJECTED = unresolvable(NODE_AFFINITY, ERR_REASON_POD);

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(value);
    case 'NotIn':
      return !has || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0])) return false;
      const a = Number(value);
      const b = Number(values[0]);
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** A term with neither expressions nor fields matches nothing, as in nodeaffinity.NodeSelector. */
export function termMatches(term: NodeSelectorTerm, labels: Record<string, string>, name: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!requirementMatches(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined)) return false;
  for (const r of fields) {
    if (r.key !== 'metadata.name' || (r.operator !== 'In' && r.operator !== 'NotIn')) return false;
    if (!requirementMatches(r, name)) return false;
  }
  return true;
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node). */
export function requiredAffinityMatches(p: PodInfo, n: NodeInfo): boolean {
  const spec = p.pod.spec;
  const selector = spec?.nodeSelector;
  if (selector) for (const k in selector) if (n.labels[k] !== selector[k]) return false;
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return required.nodeSelectorTerms.some((t) => termMatches(t, n.labels, n.name));
}

export function hasRequiredAffinity(p: PodInfo): boolean {
  const spec = p.pod.spec;
  return !!spec?.nodeSelector || !!spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
}

/** The node names the required terms pin through `matchFields: metadata.name In`, if all do. */
function pinnedNodeNames(p: PodInfo): Set<string> | undefined {
  const terms = p.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return undefined;
  let names: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((x) => s.has(x))) : s;
    }
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

export const nodeAffinityFilter: FilterPlugin = {
  name: NODE_AFFINITY,
  preFilter(p: PodInfo): PreFilterResult | undefined {
    const names = pinnedNodeNames(p);
    if (!names) return undefined;
    if (names.size === 0) return { status: unresolvable(NODE_AFFINITY, ERR_REASON_CONFLICT) };
    return { nodeNames: names };
  },
  skips(p: PodInfo): boolean {
    return !hasRequiredAffinity(p);
  },
  filter(p: PodInfo, n: NodeInfo): Status | null {
    if (!hasRequiredAffinity(p)) return null;
    return requiredAffinityMatches(p, n) ? null : REJECTED;
  },
};

function preferredTerms(p: PodInfo): PreferredSchedulingTerm[] {
  return p.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
}

export const nodeAffinityScore: ScorePlugin = {
  name: NODE_AFFINITY,
  weight: 2,
  preScore(p: PodInfo): boolean {
    return preferredTerms(p).length > 0;
  },
  score(p: PodInfo, n: NodeInfo): number {
    let sum = 0;
    for (const t of preferredTerms(p)) if (t.weight !== 0 && termMatches(t.preference, n.labels, n.name)) sum += t.weight;
    return sum;
  },
  normalize(_p, scores) {
    defaultNormalizeScore(scores, false);
  },
};
