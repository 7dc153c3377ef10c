/**
 * The Monaco side of the YAML editor: loads Monaco lazily, keeps one model per buffer (so each tab
 * keeps its own undo history and scroll position), follows the buffers, the active tab, the theme
 * and the font size given by the page, and shows markers. The buffers stay owned by the page:
 * every edit goes out through onChange, and a text the page changes (an "Edit" of a live object)
 * comes back in.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type * as Setup from './monaco/setup';
import type { EditorMarker } from './yamlSyntax';

export interface EditorBuffer {
  id: string;
  title: string;
  text: string;
}

export interface MonacoEditorOptions {
  buffers: EditorBuffer[];
  activeId: string;
  theme: 'light' | 'dark';
  fontSize: number;
  onChange(id: string, text: string): void;
  /** Ctrl/Cmd+Enter in the editor. */
  onApplyShortcut(): void;
}

export type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; error: string };

interface Loaded {
  m: typeof Setup;
  editor: Setup.monaco.editor.IStandaloneCodeEditor;
  models: Map<string, Setup.monaco.editor.ITextModel>;
  views: Map<string, Setup.monaco.editor.ICodeEditorViewState | null>;
  /** Texts this editor sent through onChange that the page may not have handed back yet. */
  emitted: Map<string, string[]>;
  shownId?: string;
}

export function useMonacoEditor(host: RefObject<HTMLDivElement | null>, options: MonacoEditorOptions) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const loaded = useRef<Loaded | null>(null);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    let disposed = false;
    import('./monaco/setup').then(
      (m) => {
        if (disposed || !host.current) return;
        const { theme, fontSize } = latest.current;
        const editor = m.monaco.editor.create(host.current, {
          model: null,
          automaticLayout: true,
          theme: theme === 'dark' ? 'vs-dark' : 'vs',
          fontSize,
          tabSize: 2,
          insertSpaces: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fixedOverflowWidgets: true,
          quickSuggestions: { other: true, comments: false, strings: true },
          ariaLabel: 'YAML manifest editor. Ctrl+Enter applies it to the cluster.',
        });
        editor.addAction({
          id: 'pilothouse.apply',
          label: 'Apply to the cluster (kubectl apply -f -)',
          keybindings: [m.monaco.KeyMod.CtrlCmd | m.monaco.KeyCode.Enter],
          run: () => latest.current.onApplyShortcut(),
        });
        loaded.current = { m, editor, models: new Map(), views: new Map(), emitted: new Map() };
        setState({ status: 'ready' });
      },
      (err: unknown) => {
        if (!disposed) setState({ status: 'failed', error: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      disposed = true;
      const l = loaded.current;
      loaded.current = null;
      if (!l) return;
      l.editor.dispose();
      for (const model of l.models.values()) model.dispose();
    };
  }, [host]);

  // Buffers → models.
  useEffect(() => {
    const l = loaded.current;
    if (state.status !== 'ready' || !l) return;
    for (const b of options.buffers) syncBuffer(l, b, latest);
    for (const [id, model] of l.models) {
      if (options.buffers.some((b) => b.id === id)) continue;
      model.dispose();
      l.models.delete(id);
      l.views.delete(id);
      l.emitted.delete(id);
    }
  }, [state.status, options.buffers]);

  // The active tab.
  useEffect(() => {
    const l = loaded.current;
    if (state.status !== 'ready' || !l) return;
    const model = l.models.get(options.activeId) ?? null;
    if (l.editor.getModel() === model) return;
    if (l.shownId !== undefined) l.views.set(l.shownId, l.editor.saveViewState());
    l.editor.setModel(model);
    l.shownId = options.activeId;
    const view = l.views.get(options.activeId);
    if (view) l.editor.restoreViewState(view);
  }, [state.status, options.activeId, options.buffers]);

  useEffect(() => {
    const l = loaded.current;
    if (state.status !== 'ready' || !l) return;
    l.m.monaco.editor.setTheme(options.theme === 'dark' ? 'vs-dark' : 'vs');
    l.editor.updateOptions({ fontSize: options.fontSize });
  }, [state.status, options.theme, options.fontSize]);

  return {
    state,
    /** The buffer's current text as the editor holds it (newer than the page's copy while typing). */
    textOf(id: string): string | undefined {
      return loaded.current?.models.get(id)?.getValue();
    },
    /** Shows markers (YAML syntax errors, the API's errors) on a buffer, replacing the previous ones. */
    showMarkers(id: string, markers: EditorMarker[]) {
      const l = loaded.current;
      const model = l?.models.get(id);
      if (!l || !model) return;
      const { MarkerSeverity } = l.m.monaco;
      l.m.monaco.editor.setModelMarkers(model, l.m.APPLY_MARKER_OWNER, markers.map((mk) => ({
        ...mk,
        severity: mk.severity === 'error' ? MarkerSeverity.Error : MarkerSeverity.Warning,
      })));
      if (markers[0] && l.editor.getModel() === model) l.editor.revealLineInCenterIfOutsideViewport(markers[0].startLineNumber);
    },
    /** The span to mark for an error the page located only by line (and maybe column). */
    markerRange(id: string, line: number, column?: number): Omit<EditorMarker, 'message' | 'severity'> {
      const model = loaded.current?.models.get(id);
      if (!model || line < 1 || line > model.getLineCount()) return { startLineNumber: line, startColumn: column ?? 1, endLineNumber: line, endColumn: (column ?? 1) + 1 };
      if (column) {
        const word = model.getWordAtPosition({ lineNumber: line, column });
        return { startLineNumber: line, startColumn: word?.startColumn ?? column, endLineNumber: line, endColumn: word?.endColumn ?? column + 1 };
      }
      return { startLineNumber: line, startColumn: model.getLineFirstNonWhitespaceColumn(line) || 1, endLineNumber: line, endColumn: model.getLineMaxColumn(line) };
    },
    focus() {
      loaded.current?.editor.focus();
    },
  };
}

function syncBuffer(l: Loaded, b: EditorBuffer, latest: RefObject<MonacoEditorOptions>) {
  const model = l.models.get(b.id);
  if (!model) {
    const uri = l.m.bufferUri(b.id);
    l.m.monaco.editor.getModel(uri)?.dispose();
    const created = l.m.monaco.editor.createModel(b.text, 'yaml', uri);
    created.onDidChangeContent(() => {
      l.m.monaco.editor.setModelMarkers(created, l.m.APPLY_MARKER_OWNER, []);
      const text = created.getValue();
      const sent = l.emitted.get(b.id) ?? [];
      sent.push(text);
      if (sent.length > 100) sent.shift();
      l.emitted.set(b.id, sent);
      latest.current.onChange(b.id, text);
    });
    l.models.set(b.id, created);
    return;
  }
  if (model.getValue() === b.text) {
    l.emitted.set(b.id, []);
    return;
  }
  // The page is behind on this editor's own typing: wait for it to catch up.
  if (l.emitted.get(b.id)?.includes(b.text)) return;
  // The page changed the text (an "Edit" reloaded the object): replace it, as one undoable edit.
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text: b.text }], () => null);
}
