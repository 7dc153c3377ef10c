/**
 * The editor slot, loaded lazily (Monaco is large): connects the YAML editor's props to the
 * store's buffers and applies through the Worker, printing the result in the terminal as
 * `kubectl apply -f -` would.
 */
import { useEffect, useRef } from 'react';
import YamlEditor, { type ApplyResult } from '../editor/YamlEditor';
import { newBufferText } from '../editor/snippets';
import { filesOf } from '../bridge/bridge';
import { actions, type Buffer } from '../state/store';
import { applyMarkers } from './applyMarkers';
import { useApp, useServices } from './context';

const FILES_DELAY_MS = 300;

export default function EditorPane() {
  const services = useServices();
  const { store, bridge } = services;
  const buffers = useApp((s) => s.buffers);
  const active = useApp((s) => s.activeBuffer);
  const theme = useApp((s) => s.layout.theme);
  const fontSize = useApp((s) => s.layout.fontSize);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    if (store.getState().buffers.length === 0) actions.setBuffers(store, [newBuffer([], 'Deployment')]);
  }, [store]);

  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void bridge.setFiles(filesOf(buffers)).catch(() => {}), FILES_DELAY_MS);
  }, [buffers, bridge]);

  const setBuffers = (next: Buffer[], activeId?: string) => actions.setBuffers(store, next, activeId);

  const onApply = async (text: string): Promise<ApplyResult> => {
    const editing = store.getState().buffers.find((b) => b.id === store.getState().activeBuffer)?.editFor;
    if (editing !== undefined) {
      // kubectl edit's tab: the waiting command gets the text, patches, and prints in the terminal.
      const { accepted } = await bridge.editorResult(editing, text);
      if (!accepted) actions.setBuffers(store, store.getState().buffers.filter((b) => b.editFor !== editing));
      return { ok: accepted, output: accepted ? 'Saved: kubectl edit goes on in the terminal.' : 'kubectl edit is no longer waiting for this text.' };
    }
    const title = store.getState().buffers.find((b) => b.id === store.getState().activeBuffer)?.title ?? 'buffer';
    const r = await bridge.apply(text, title);
    services.print(`\x1b[2m# kubectl apply -f ${title} (from the editor)\x1b[0m\n${r.stdout}${r.stderr}`);
    // On failure the error comes first: kubectl's warnings (a missing last-applied annotation) would hide it.
    const lines = (r.stdout + r.stderr).trim().split('\n');
    const output = r.exitCode === 0 ? lines.join('\n') : [...lines.filter((l) => !l.startsWith('Warning:')), ...lines.filter((l) => l.startsWith('Warning:'))].join('\n');
    return { ok: r.exitCode === 0, output, markers: r.exitCode === 0 ? [] : applyMarkers(text, r.stderr) };
  };

  if (buffers.length === 0 || !active) return null;
  return (
    <YamlEditor
      buffers={buffers}
      activeId={active}
      theme={theme}
      fontSize={fontSize}
      onChange={(id, text) => setBuffers(store.getState().buffers.map((b) => (b.id === id ? { ...b, text } : b)))}
      onSelectBuffer={(id) => setBuffers(store.getState().buffers, id)}
      onNewBuffer={(kind) => {
        const b = newBuffer(store.getState().buffers, kind);
        setBuffers([...store.getState().buffers, b], b.id);
      }}
      onCloseBuffer={(id) => {
        const editing = store.getState().buffers.find((b) => b.id === id)?.editFor;
        if (editing !== undefined) void bridge.editorResult(editing, null).catch(() => {});
        const rest = store.getState().buffers.filter((b) => b.id !== id);
        setBuffers(rest.length ? rest : [newBuffer([], undefined)], rest.length ? undefined : undefined);
      }}
      onApply={onApply}
      applyLabel={buffers.find((b) => b.id === active)?.editFor !== undefined ? 'Save and close' : 'Apply'}
    />
  );
}

function newBuffer(existing: Buffer[], kind: string | undefined): Buffer {
  const base = (kind ?? 'manifest').toLowerCase();
  let title = `${base}.yaml`;
  for (let i = 2; existing.some((b) => b.title === title); i++) title = `${base}-${i}.yaml`;
  return { id: title, title, text: newBufferText(kind) };
}
