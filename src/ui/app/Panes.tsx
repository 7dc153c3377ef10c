/**
 * Slots for the panes other modules deliver: the cluster graph and its accessible list
 * (src/ui/graph), the inspector and the events strip (src/ui/panes). Each slot reads the store
 * and passes plain props; a pane not delivered yet shows a placeholder region.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import type { KubeObject } from '../../engine/objects';
import type { ObjectRef } from '../graph/refs';
import { keyOf } from '../state/mirror';
import { actions, type AppStore } from '../state/store';
import { useApp, useServices } from './context';
import { relativesOf } from './relatives';

const ClusterGraph = lazy(() => import('../graph/ClusterGraph').then((m) => ({ default: m.ClusterGraph })));
const ClusterList = lazy(() => import('../graph/ClusterList').then((m) => ({ default: m.ClusterList })));
const Inspector = lazy(() => import('../panes/Inspector').then((m) => ({ default: m.Inspector })));
const EventsStrip = lazy(() => import('../panes/EventsStrip').then((m) => ({ default: m.EventsStrip })));

function useSelect() {
  const { store } = useServices();
  return (ref: ObjectRef | null) => actions.select(store, ref);
}

export function ClusterPane() {
  const objects = useApp((s) => s.mirror.objects);
  const selection = useApp((s) => s.selection);
  const theme = useApp((s) => s.layout.theme);
  const select = useSelect();
  const [showOwners, setShowOwners] = useState(true);
  return (
    <section className="pane graph-pane" aria-label="Cluster graph">
      <div className="pane-toolbar">
        <h2>Cluster</h2>
        <label>
          <input type="checkbox" checked={showOwners} onChange={(e) => setShowOwners(e.target.checked)} /> Owners
        </label>
      </div>
      <div className="graph-host">
        <Suspense fallback={<p className="placeholder">Loading the graph…</p>}>
          <ClusterGraph objects={objects} selected={selection} onSelect={select} showOwners={showOwners} theme={theme} />
        </Suspense>
      </div>
    </section>
  );
}

export function InspectorPane() {
  const objects = useApp((s) => s.mirror.objects);
  const selection = useApp((s) => s.selection);
  const theme = useApp((s) => s.layout.theme);
  const select = useSelect();
  const [tab, setTab] = useState<'list' | 'inspector'>('list');
  const shown = selection && tab === 'inspector' ? 'inspector' : 'list';
  return (
    <section className="pane inspector-pane" aria-label="Objects and inspector">
      <div className="pane-toolbar" role="tablist" aria-label="Objects or inspector">
        <button type="button" role="tab" aria-selected={shown === 'list'} onClick={() => setTab('list')}>
          Objects
        </button>
        <button type="button" role="tab" aria-selected={shown === 'inspector'} disabled={!selection} onClick={() => setTab('inspector')}>
          Inspector
        </button>
      </div>
      <div className="pane-body" role="tabpanel">
        {shown === 'list' ? (
          <Suspense fallback={<p className="placeholder">Loading the object list…</p>}>
            <ClusterList
              objects={objects}
              selected={selection}
              onSelect={(ref) => {
                select(ref);
                setTab('inspector');
              }}
              theme={theme}
            />
          </Suspense>
        ) : (
          <Suspense fallback={<p className="placeholder">Loading the inspector…</p>}>
            <SelectedObject
              onSelect={(ref) => {
                select(ref);
                setTab('inspector');
              }}
            />
          </Suspense>
        )}
      </div>
    </section>
  );
}

function SelectedObject({ onSelect }: { onSelect(ref: ObjectRef): void }) {
  const { store } = useServices();
  const objects = useApp((s) => s.mirror.objects);
  const events = useApp((s) => s.mirror.events);
  const selection = useApp((s) => s.selection);
  const now = useApp((s) => s.clock.now);
  const theme = useApp((s) => s.layout.theme);
  const object = selection ? objects[selection.resource]?.[keyOf(selection)] : undefined;
  const related = useMemo(() => relativesOf(objects, events, object), [objects, events, object]);
  if (!object) return <p className="placeholder">{selection ? `${selection.name} no longer exists.` : 'Nothing selected.'}</p>;
  return <Inspector object={object} events={related.events} owner={related.owner} children={related.children} onSelect={onSelect} onEdit={(o) => void editInEditor(store, o)} now={now} theme={theme} />;
}

/** "Edit in editor": the live object's YAML in a buffer of its own (the editor code loads lazily). */
async function editInEditor(store: AppStore, object: KubeObject): Promise<void> {
  const { liveObjectBuffer } = await import('../editor/liveObject');
  const b = liveObjectBuffer(object);
  const rest = store.getState().buffers.filter((x) => x.id !== b.id);
  actions.setBuffers(store, [...rest, b], b.id);
}

export function EventsPane() {
  const events = useApp((s) => s.mirror.events);
  const now = useApp((s) => s.clock.now);
  const theme = useApp((s) => s.layout.theme);
  const select = useSelect();
  return (
    <section className="pane events-pane" aria-label="Events">
      <Suspense fallback={<p className="placeholder">Loading events…</p>}>
        <EventsStrip events={events} now={now} onSelect={select} theme={theme} />
      </Suspense>
    </section>
  );
}
