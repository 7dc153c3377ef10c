/**
 * What the accessible list view shows: the same model as the graph, as a tree of named rows.
 * Names are what screen readers announce and what browser tests look for, e.g.
 * `pod web-7c5d-abcde Running on aks-nodepool1-12345678-vmss000001`.
 */
import type { GraphModel, PodItem, ColumnItem, NodeItem } from './model';
import { UNSCHEDULED } from './constants';

export interface ListRow {
  key: string;
  name: string;
  /** Status shown as a badge, e.g. `Running`, `NotReady`, `3/3`. */
  status: string;
  category?: string;
  children?: ListRow[];
}

export interface ListSection {
  id: string;
  title: string;
  rows: ListRow[];
}

const inNamespace = (ns: string | undefined) => (ns && ns !== 'default' ? ` in ${ns}` : '');

export function podRowName(p: PodItem): string {
  const where = p.host === UNSCHEDULED ? (p.nodeName ? `on missing node ${p.nodeName}` : 'not scheduled') : `on ${p.nodeName}`;
  return `pod ${p.ref.name} ${p.view.status} ${where}${inNamespace(p.ref.namespace)}`;
}

export function nodeRowName(n: NodeItem, pods: number): string {
  return `node ${n.ref.name} ${n.view.status}, ${pods} pod${pods === 1 ? '' : 's'}`;
}

export function itemRowName(i: ColumnItem): string {
  const state = i.column === 'roots' || i.column === 'controllers' ? `${i.state} ready` : i.state;
  return `${i.word} ${i.ref.name} ${state}${inNamespace(i.ref.namespace)}`;
}

const byName = (a: { ref: { name: string; namespace?: string } }, b: { ref: { name: string; namespace?: string } }) =>
  (a.ref.namespace ?? '').localeCompare(b.ref.namespace ?? '') || a.ref.name.localeCompare(b.ref.name);

const podRows = new WeakMap<PodItem, ListRow>();

/** Rows are cached per pod item (itself cached per pod object), so an update re-reads only what changed. */
function podRow(p: PodItem): ListRow {
  let row = podRows.get(p);
  if (!row) podRows.set(p, (row = { key: p.key, name: podRowName(p), status: p.view.status, category: p.view.category }));
  return row;
}

const SECTION_OF: Record<ColumnItem['column'], [string, string]> = {
  roots: ['workloads', 'Workloads'],
  controllers: ['workloads', 'Workloads'],
  services: ['services', 'Services'],
  claims: ['storage', 'Storage'],
  volumes: ['storage', 'Storage'],
};

export function buildListSections(model: GraphModel): ListSection[] {
  const podsByHost = new Map<string, PodItem[]>();
  for (const p of model.pods) {
    const list = podsByHost.get(p.host);
    if (list) list.push(p);
    else podsByHost.set(p.host, [p]);
  }
  const pools: ListRow[] = model.pools.map((pool) => ({
    key: pool.key,
    name: `node pool ${pool.name}, ${pool.nodes.length} node${pool.nodes.length === 1 ? '' : 's'}`,
    status: '',
    children: pool.nodes
      .map((k) => model.nodes.get(k)!)
      .sort(byName)
      .map((n) => {
        const pods = (podsByHost.get(n.key) ?? []).sort(byName);
        return { key: n.key, name: nodeRowName(n, pods.length), status: n.view.status, category: n.view.ready, children: pods.map(podRow) };
      }),
  }));
  const sections: ListSection[] = [
    { id: 'pools', title: 'Node pools', rows: pools },
    { id: 'unscheduled', title: 'Unscheduled pods', rows: (podsByHost.get(UNSCHEDULED) ?? []).sort(byName).map(podRow) },
  ];
  for (const item of [...model.items].sort(byName)) {
    const [id, title] = SECTION_OF[item.column];
    let section = sections.find((s) => s.id === id);
    if (!section) sections.push((section = { id, title, rows: [] }));
    section.rows.push({ key: item.key, name: itemRowName(item), status: item.state, category: item.warn ? 'warn' : 'ok' });
  }
  return sections;
}
