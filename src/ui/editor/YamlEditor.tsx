/**
 * The YAML editor pane: buffers as tabs, a Monaco editor with Kubernetes-schema-aware validation,
 * completion and hover (monaco-yaml), snippets for common kinds, and Apply (Ctrl/Cmd+Enter) through
 * the page's `onApply` — the same path as `kubectl apply -f -`. YAML syntax errors are shown with
 * their positions and nothing is sent; the API's errors come back as markers on their lines.
 *
 * Load it lazily — `React.lazy(() => import('./editor/YamlEditor'))` — Monaco itself is a further
 * dynamic import, so neither is in the page's first load. Until Monaco arrives the buffer is shown
 * read-only; if it cannot load, a plain text area takes its place (typing and Apply still work).
 */
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { SNIPPETS } from './snippets';
import { useMonacoEditor, type EditorBuffer } from './useMonacoEditor';
import { describeSyntaxErrors, yamlSyntaxMarkers, type EditorMarker } from './yamlSyntax';
import './YamlEditor.css';

export type { EditorBuffer } from './useMonacoEditor';

/** An error the API reported, placed by the page (see fieldPathToRange). Lines and columns are 1-based. */
export interface ApplyMarker {
  line: number;
  column?: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface ApplyResult {
  ok: boolean;
  /** What `kubectl apply` printed: `deployment.apps/web configured`, or the error. */
  output: string;
  markers?: ApplyMarker[];
}

export interface YamlEditorProps {
  buffers: EditorBuffer[];
  activeId: string;
  onChange(id: string, text: string): void;
  onSelectBuffer(id: string): void;
  /** A new tab: `kind` is a snippet's kind (`Deployment`), or undefined for an empty manifest. */
  onNewBuffer(kind?: string): void;
  onCloseBuffer(id: string): void;
  onApply(text: string): Promise<ApplyResult>;
  /** The Apply button's label for the active buffer ("Save and close" for a `kubectl edit` tab). */
  applyLabel?: string;
  theme: 'light' | 'dark';
  fontSize: number;
}

/** The last apply's outcome, for the buffer it was about. */
type Status = { bufferId: string; tone: 'info' | 'ok' | 'error'; text: string };
const HINT = 'Ctrl+Enter applies the buffer to the cluster.';

export default function YamlEditor(props: YamlEditorProps) {
  const { buffers, activeId, onChange, onSelectBuffer, onNewBuffer, onCloseBuffer, onApply, applyLabel = 'Apply', theme, fontSize } = props;
  const host = useRef<HTMLDivElement>(null);
  const [lastStatus, setStatus] = useState<Status | null>(null);
  const status = lastStatus && lastStatus.bufferId === activeId ? lastStatus : { tone: 'info' as const, text: HINT };
  const [busy, setBusy] = useState(false);
  const active = buffers.find((b) => b.id === activeId);
  const applyRef = useRef<() => Promise<void>>(async () => {});
  const onApplyShortcut = useCallback(() => void applyRef.current(), []);
  const editor = useMonacoEditor(host, { buffers, activeId, theme, fontSize, onChange, onApplyShortcut });

  const apply = useCallback(async () => {
    if (!active || busy) return;
    const id = active.id;
    const text = editor.textOf(id) ?? active.text;
    const syntax = yamlSyntaxMarkers(text);
    editor.showMarkers(id, syntax);
    if (syntax.some((m) => m.severity === 'error')) {
      setStatus({ bufferId: id, tone: 'error', text: `${describeSyntaxErrors(syntax)} — nothing was applied.` });
      return;
    }
    setBusy(true);
    setStatus({ bufferId: id, tone: 'info', text: 'Applying…' });
    try {
      const result = await onApply(text);
      const markers: EditorMarker[] = (result.markers ?? []).map((m) => ({ ...editor.markerRange(id, m.line, m.column), message: m.message, severity: m.severity }));
      editor.showMarkers(id, markers);
      setStatus({ bufferId: id, tone: result.ok ? 'ok' : 'error', text: result.output.trimEnd() || (result.ok ? 'Applied.' : 'Apply failed.') });
    } catch (err) {
      setStatus({ bufferId: id, tone: 'error', text: `error: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      setBusy(false);
    }
  }, [active, busy, onApply, editor]);
  applyRef.current = apply;

  const onFallbackKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void apply();
    }
  };

  return (
    <section className="ph-yaml-editor" data-theme={theme} style={{ fontSize }} aria-label="YAML editor">
      <div className="ph-yaml-editor__bar">
        <div role="tablist" aria-label="Editor buffers" className="ph-yaml-editor__tabs">
          {buffers.map((b) => (
            <span key={b.id} className="ph-yaml-editor__tab" data-active={b.id === activeId || undefined}>
              <button
                type="button"
                role="tab"
                id={`ph-yaml-tab-${b.id}`}
                aria-selected={b.id === activeId}
                tabIndex={b.id === activeId ? 0 : -1}
                onClick={() => {
                  onSelectBuffer(b.id);
                  editor.focus();
                }}
              >
                {b.title}
              </button>
              <button type="button" className="ph-yaml-editor__close" aria-label={`Close ${b.title}`} title="Close" onClick={() => onCloseBuffer(b.id)}>
                ×
              </button>
            </span>
          ))}
        </div>
        <select
          aria-label="New buffer"
          value=""
          onChange={(e) => {
            const v = e.target.value;
            if (v) onNewBuffer(v === '-' ? undefined : v);
          }}
        >
          <option value="">New…</option>
          <option value="-">Empty manifest</option>
          {SNIPPETS.map((s) => (
            <option key={s.kind} value={s.kind}>
              {s.kind}
            </option>
          ))}
        </select>
        <button type="button" className="ph-yaml-editor__apply" onClick={() => void apply()} disabled={!active || busy} title={`${applyLabel} (Ctrl+Enter)`}>
          {applyLabel}
        </button>
      </div>
      <div className="ph-yaml-editor__body" role="tabpanel" aria-labelledby={active ? `ph-yaml-tab-${active.id}` : undefined}>
        <div ref={host} className="ph-yaml-editor__monaco" hidden={editor.state.status === 'failed' || !active} />
        {editor.state.status === 'loading' && active && (
          <pre className="ph-yaml-editor__placeholder" aria-busy="true">{active.text}</pre>
        )}
        {editor.state.status === 'failed' && active && (
          <textarea
            className="ph-yaml-editor__fallback"
            aria-label={`YAML of ${active.title}`}
            spellCheck={false}
            value={active.text}
            onChange={(e) => onChange(active.id, e.target.value)}
            onKeyDown={onFallbackKey}
          />
        )}
        {!active && <p className="ph-yaml-editor__empty">No buffer open. Pick a kind under “New…”.</p>}
      </div>
      <div role="status" aria-live="polite" className="ph-yaml-editor__status" data-tone={status.tone}>
        {editor.state.status === 'failed' ? `The editor could not load (${editor.state.error}); using plain text. ` : ''}
        {status.text}
      </div>
    </section>
  );
}
