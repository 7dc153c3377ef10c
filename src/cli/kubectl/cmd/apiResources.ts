import { METRICS_RESOURCE_TYPES } from '../../../engine/api/metrics';
import { RESOURCE_TYPES, type ResourceType } from '../../../engine/api/resources';
import type { KubectlCommand } from '../command';
import { alignText, KUBECTL_GET_TABWRITER } from '../../../engine/util/tabwriter';

function groupOrder(a: ResourceType, b: ResourceType): number {
  if (a.group !== b.group) return a.group === '' ? -1 : b.group === '' ? 1 : a.group < b.group ? -1 : 1;
  return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
}

export const apiResources: KubectlCommand = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'namespaced', type: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'verbs', type: 'stringArray', usage: 'Limit to resources that support the specified verbs.' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'categories', type: 'stringArray', usage: 'Limit to resources that belong to the specified categories.' },
    { name: 'cached', type: 'bool', usage: 'Use the cached list of resources if available.' },
  ],
  *run(flags, env) {
    // Discovery lists the metrics API too (metrics-server's aggregated APIService).
    let types = [...RESOURCE_TYPES, ...METRICS_RESOURCE_TYPES].sort(groupOrder);
    if (flags.changed('namespaced')) types = types.filter((t) => t.namespaced === flags.bool('namespaced'));
    if (flags.changed('api-group')) types = types.filter((t) => t.group === flags.string('api-group'));
    const verbs = flags.strings('verbs').flatMap((v) => v.split(','));
    if (verbs.length) types = types.filter((t) => verbs.every((v) => t.verbs.includes(v)));
    const cats = flags.strings('categories').flatMap((v) => v.split(','));
    if (cats.length) types = types.filter((t) => cats.every((c) => t.categories.includes(c)));
    if (flags.string('sort-by') === 'kind') types.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
    const o = flags.string('output');
    if (o === 'name') {
      env.out(types.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural) + '\n').join(''));
      return 0;
    }
    const wide = o === 'wide';
    const rows: string[][] = [];
    if (!flags.bool('no-headers')) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
    for (const t of types) {
      const row = [t.plural, t.shortNames.join(','), t.group ? `${t.group}/${t.version}` : t.version, String(t.namespaced), t.kind];
      if (wide) row.push(t.verbs.join(','), t.categories.join(','));
      rows.push(row);
    }
    env.out(alignText(rows.map((r) => r.join('\t')).join('\n') + '\n', KUBECTL_GET_TABWRITER));
    return 0;
  },
};
