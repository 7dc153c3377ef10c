/** describeTopologySpreadConstraints: one line per constraint, sorted by topology key. */
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { selectorString } from '../../../engine/printers';
import { goSortBy } from './helpers';
import { LEVEL_0, type PrefixWriter } from './writer';

export function describeTopologySpread(tscs: TopologySpreadConstraint[] | undefined, w: PrefixWriter, space = ''): void {
  if (!tscs || tscs.length === 0) return;
  const sorted = goSortBy([...tscs], (a, b) => a.topologyKey < b.topologyKey);
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let line = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) line += ` for selector ${selectorString(t.labelSelector) || '<none>'}`;
    w.write(LEVEL_0, `${line}\n`);
  });
}
