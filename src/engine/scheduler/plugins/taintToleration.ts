/**
 * TaintToleration. Filter: the first NoSchedule/NoExecute taint the pod does not tolerate rejects
 * the node. Score (weight 3): fewer untolerated PreferNoSchedule taints is better.
 *
 * Reason string: since kubernetes#134740 (cherry-picked to release-1.34, so every current 1.34
 * patch) the taint's key and value are no longer printed: `node(s) had untolerated taint(s)`.
 * Earlier releases printed `node(s) had untolerated taint {key: value}`.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import {
  defaultNormalizeScore,
  tolerationsTolerate,
  unresolvable,
  type FilterPlugin,
  type PodInfo,
  type ScorePlugin,
  type Status,
} from '../framework';
import type { NodeInfo } from '../nodeInfo';

export const TAINT_TOLERATION = 'TaintToleration';
export const ERR_REASON_UNTOLERATED = 'node(s) had untolerated taint(s)';

const REJECTED = unresolvable(TAINT_TOLERATION, ERR_REASON_UNTOLERATED);

/** v1helper.FindMatchingUntoleratedTaint over NoSchedule/NoExecute taints. */
export function firstUntoleratedTaint(taints: Taint[], tolerations: Toleration[]): Taint | undefined {
  for (const t of taints) if (!tolerationsTolerate(tolerations, t)) return t;
  return undefined;
}

export const taintTolerationFilter: FilterPlugin = {
  name: TAINT_TOLERATION,
  filter(p: PodInfo, n: NodeInfo): Status | null {
    if (n.hardTaints.length === 0) return null;
    return firstUntoleratedTaint(n.hardTaints, p.tolerations) ? REJECTED : null;
  },
};

/** Tolerations with effect PreferNoSchedule or no effect (which means all effects). */
function preferTolerations(p: PodInfo): Toleration[] {
  let s = p.state[TAINT_TOLERATION] as Toleration[] | undefined;
  if (!s) p.state[TAINT_TOLERATION] = s = p.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  return s;
}

export const taintTolerationScore: ScorePlugin = {
  name: TAINT_TOLERATION,
  weight: 3,
  preScore(_p: PodInfo, nodes: NodeInfo[]): boolean {
    // Without PreferNoSchedule taints every node scores 100: no effect on the ranking.
    return nodes.some((n) => n.softTaints.length > 0);
  },
  score(p: PodInfo, n: NodeInfo): number {
    if (n.softTaints.length === 0) return 0;
    const tols = preferTolerations(p);
    let count = 0;
    for (const t of n.softTaints) if (!tolerationsTolerate(tols, t)) count++;
    return count;
  },
  normalize(_p, scores) {
    defaultNormalizeScore(scores, true);
  },
};
