/**
 * Dev harness (dev.html): the graph, list, inspector and events strip over a fake cluster.
 * URL parameters: theme=light|dark, nodes=N, pools=N, deployments=N, replicas=N, owners=0|1,
 * churn=1 (create/delete/flip pods every 100 ms and record update times in window.__graphPerf),
 * list=0 (no list view, to time the graph alone), graph=0 (no graph, to time the list alone),
 * cy={…} (extra cytoscape options as JSON, e.g. cy={"pixelRatio":1}), throttle=MS (least time between
 * two updates of a big graph).
 */
import { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { KubeObject } from '../../engine/objects';
import { EventsStrip } from '../panes/EventsStrip';
import { Inspector } from '../panes/Inspector';
import { ClusterGraph } from './ClusterGraph';
import { ClusterList } from './ClusterList';
import { fakeCluster, fakeEvents, fakePod, seeded } from './fakeCluster';
import { PALETTES, type Theme } from './palette';
import { lookup, type ObjectRef, type ObjectsByResource } from './refs';

const q = new URLSearchParams(location.search);
const num = (k: string, d: number) => Number(q.get(k) ?? d);
const theme = (q.get('theme') ?? 'light') as Theme;
const nodesPerPool = Math.max(1, Math.round(num('nodes', 6) / num('pools', 2)));
const initial = fakeCluster({
  pools: Array.from({ length: num('pools', 2) }, (_, i) => ({ name: i === 0 ? 'nodepool1' : `user${i}`, nodes: nodesPerPool })),
  deployments: num('deployments', 8),
  replicas: num('replicas', 6),
  daemonSets: num('daemonsets', 2),
  unscheduled: num('unscheduled', 3),
});
const NOW = Date.UTC(2025, 0, 1, 0, 10);
const events = fakeEvents(initial, NOW);

declare global {
  interface Window {
    __graphPerf?: { updates: number[]; longTasks: number[]; pods: number; phases: string[] };
  }
}

function useChurn(enabled: boolean): ObjectsByResource {
  const [objects, setObjects] = useState(initial);
  useEffect(() => {
    if (!enabled) return;
    const rand = seeded(7);
    const nodes = Object.keys(initial.nodes);
    let n = 0;
    const timer = setInterval(() => {
      setObjects((prev) => {
        const pods = { ...prev.pods };
        const keys = Object.keys(pods);
        for (let i = 0; i < 10; i++) {
          const k = keys[Math.floor(rand() * keys.length)];
          if (rand() < 0.5) delete pods[k];
          else {
            const name = `churn-${n++}`;
            pods[`default/${name}`] = fakePod(name, 'default', { node: nodes[Math.floor(rand() * nodes.length)], status: rand() < 0.8 ? 'Running' : 'ContainerCreating' });
          }
        }
        return { ...prev, pods };
      });
    }, 100);
    return () => clearInterval(timer);
  }, [enabled]);
  return objects;
}

function Harness() {
  const objects = useChurn(q.get('churn') === '1');
  const [selected, setSelected] = useState<ObjectRef | null>(q.get('select') ? { resource: 'pods', namespace: 'default', name: q.get('select')! } : null);
  const object = selected ? lookup(objects, selected) : undefined;
  const related = useMemo(() => relatives(objects, object), [objects, object]);
  const p = PALETTES[theme];
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 300px', gridTemplateRows: '1fr 150px', height: '100%', background: p.background, color: p.text }}>
      <div style={{ position: 'relative', minHeight: 0 }}>
        {q.get('graph') !== '0' && <ClusterGraph objects={objects} selected={selected} onSelect={setSelected} showOwners={q.get('owners') !== '0'} theme={theme} render={q.get('cy') ? JSON.parse(q.get('cy')!) : undefined} throttleMs={q.get('throttle') ? Number(q.get('throttle')) : undefined} />}
      </div>
      <div style={{ gridRow: 'span 2', overflow: 'auto', borderLeft: `1px solid ${p.pool.border}`, padding: 6 }}>
        {object ? (
          <Inspector object={object} events={events.filter((e) => e.involvedObject && (e.involvedObject as any).name === object.metadata.name)} owner={related.owner} children={related.children} onSelect={setSelected} onEdit={() => {}} now={NOW} theme={theme} />
        ) : q.get('list') === '0' ? null : (
          <ClusterList objects={objects} selected={selected} onSelect={setSelected} theme={theme} />
        )}
      </div>
      <div style={{ borderTop: `1px solid ${p.pool.border}`, minHeight: 0 }}>
        <EventsStrip events={events} now={NOW} onSelect={setSelected} theme={theme} />
      </div>
    </div>
  );
}

function relatives(objects: ObjectsByResource, object: KubeObject | undefined): { owner?: KubeObject; children: KubeObject[] } {
  if (!object) return { children: [] };
  const ref = object.metadata.ownerReferences?.[0];
  const owner = ref ? Object.values(objects).flatMap((r) => Object.values(r)).find((o) => o.metadata.uid === ref.uid) : undefined;
  const children = Object.values(objects)
    .flatMap((r) => Object.values(r))
    .filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === object.metadata.uid));
  return { owner, children };
}

const perf = (window.__graphPerf = { updates: [] as number[], longTasks: [] as number[], pods: Object.keys(initial.pods).length, phases: [] as string[] });
new PerformanceObserver((list) => list.getEntries().forEach((e) => perf.longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask', buffered: true });
new MutationObserver(() => {
  const el = document.querySelector('[data-update-ms]');
  if (el) perf.updates.push(Number(el.getAttribute('data-update-ms')));
  if (el) perf.phases.push(el.getAttribute('data-update-phases') ?? '');
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-update-ms'] });

createRoot(document.getElementById('root')!).render(<Harness />);
