/**
 * The app shell: header (time controls, cluster controls, theme, zoom), and resizable panes —
 * graph over terminal on the left; object list / inspector over the editor on the right; the
 * events strip along the bottom. Heavy panes (graph, editor) load lazily so the terminal works
 * first.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useStore } from 'zustand';
import { ClusterControls } from './app/ClusterControls';
import { useApp, useServices } from './app/context';
import { ClusterPane, EventsPane, InspectorPane } from './app/Panes';
import { Splitter } from './app/Splitter';
import { TimeControls } from './app/TimeControls';
import { actions } from './state/store';
import TerminalPane from './terminal/TerminalPane';
import { useLessons } from './lessonPane/useLessons';

const EditorPane = lazy(() => import('./app/EditorPane'));
const LessonPane = lazy(() => import('./lessonPane/LessonPane').then((m) => ({ default: m.LessonPane })));

export function App() {
  const { store } = useServices();
  const layout = useApp((s) => s.layout);
  const worker = useApp((s) => s.worker);
  const lessons = useLessons();
  const { paneOpen, presenter, graphOnly, width: lessonWidth } = useStore(lessons.store);
  const showLesson = paneOpen || presenter;
  useZoomKeys();
  useEffect(() => {
    document.documentElement.dataset.theme = layout.theme;
    document.documentElement.style.setProperty('--font-size', `${layout.fontSize}px`);
  }, [layout.theme, layout.fontSize]);

  return (
    <div
      className={`app${presenter ? ' presenter' : ''}${graphOnly ? ' graph-only' : ''}`}
      style={{ gridTemplateRows: presenter ? 'auto minmax(0, 1fr)' : `auto minmax(0, ${1 - layout.events}fr) 6px minmax(0, ${layout.events}fr)` }}
    >
      <header className="app-header">
        <h1 className="brand">Pilothouse</h1>
        <button type="button" aria-pressed={showLesson} title="Guided lessons" onClick={() => lessons.togglePane(!showLesson)} disabled={presenter} data-testid="lessons-toggle">
          Lessons
        </button>
        <TimeControls />
        <ClusterControls />
        <div className="view-controls" role="group" aria-label="View">
          <button type="button" aria-label="Smaller text" title="Smaller text (Ctrl -)" onClick={() => actions.zoom(store, -1)}>
            A−
          </button>
          <button type="button" aria-label="Larger text" title="Larger text (Ctrl +)" onClick={() => actions.zoom(store, 1)}>
            A+
          </button>
          <button type="button" aria-label={`Switch to ${layout.theme === 'dark' ? 'light' : 'dark'} theme`} onClick={() => actions.setLayout(store, { theme: layout.theme === 'dark' ? 'light' : 'dark' })}>
            {layout.theme === 'dark' ? '☀ Light' : '☾ Dark'}
          </button>
        </div>
        {worker.notice && (
          <p className="notice" role="status">
            {worker.notice}
          </p>
        )}
      </header>
      <main className="panes" style={{ gridTemplateColumns: lessonColumns(showLesson, presenter, lessonWidth) }}>
        {showLesson && (
          <Suspense fallback={<p className="placeholder">Loading lessons…</p>}>
            <LessonPane controller={lessons} />
          </Suspense>
        )}
        {showLesson && !presenter && <Splitter orientation="vertical" label="Resize the lesson pane" value={lessonWidth} min={0.2} max={0.6} onChange={(width) => lessons.store.setState({ width })} />}
        <div className="workspace" style={{ gridTemplateColumns: presenter ? 'minmax(0, 1fr)' : `minmax(0, ${layout.left}fr) 6px minmax(0, ${1 - layout.left}fr)` }}>
          <div className="column" style={{ gridTemplateRows: `minmax(0, ${layout.graph}fr) 6px minmax(0, ${1 - layout.graph}fr)` }}>
            <ClusterPane />
            <Splitter orientation="horizontal" label="Resize graph and terminal" value={layout.graph} onChange={(graph) => actions.setLayout(store, { graph })} />
            <section className="pane terminal-pane" aria-label="Terminal">
              <TerminalPane />
            </section>
          </div>
          <Splitter orientation="vertical" label="Resize left and right columns" value={layout.left} onChange={(left) => actions.setLayout(store, { left })} />
          <div className="column right-column" style={{ gridTemplateRows: `minmax(0, ${layout.inspector}fr) 6px minmax(0, ${1 - layout.inspector}fr)` }}>
            <InspectorPane />
            <Splitter orientation="horizontal" label="Resize inspector and editor" value={layout.inspector} onChange={(inspector) => actions.setLayout(store, { inspector })} />
            <section className="pane editor-pane" aria-label="YAML editor">
              <Suspense fallback={<p className="placeholder">Loading the editor…</p>}>
                <EditorPane />
              </Suspense>
            </section>
          </div>
        </div>
      </main>
      <Splitter
        orientation="horizontal"
        label="Resize events strip"
        value={1 - layout.events}
        min={0.5}
        max={0.95}
        onChange={(v) => actions.setLayout(store, { events: Math.round((1 - v) * 1000) / 1000 })}
      />
      <EventsPane />
    </div>
  );
}

/** The lesson pane beside the workspace (graph over terminal | inspector over editor); a
 *  presenter's slide has the graph and terminal beside it and nothing else. */
function lessonColumns(lesson: boolean, presenter: boolean, width: number): string {
  if (presenter) return 'minmax(0, 0.45fr) minmax(0, 0.55fr)';
  return lesson ? `minmax(0, ${width}fr) 6px minmax(0, ${1 - width}fr)` : 'minmax(0, 1fr)';
}

/** Ctrl/Cmd + and - scale the terminal and editor text (presenters); Ctrl/Cmd 0 resets. */
function useZoomKeys() {
  const { store } = useServices();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const step = e.key === '+' || e.key === '=' ? 1 : e.key === '-' ? -1 : e.key === '0' ? 0 : undefined;
      if (step === undefined) return;
      e.preventDefault();
      actions.zoom(store, step);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [store]);
}
