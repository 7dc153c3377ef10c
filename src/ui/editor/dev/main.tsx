/**
 * A page with only the YAML editor, for trying it in a browser and for dev/check.mjs. Apply is
 * faked here the way the page will do it for real: parse, ask "the API", map each error's field
 * path to a line with fieldPathToRange.
 */
import { lazy, StrictMode, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { parseAllDocuments } from 'yaml';
import { fieldPathToRange } from '../fieldPath';
import { liveObjectBuffer } from '../liveObject';
import { newBufferText, snippetFor } from '../snippets';
import type { ApplyResult, EditorBuffer } from '../YamlEditor';

const YamlEditor = lazy(() => import('../YamlEditor'));

const initial: EditorBuffer[] = [{ id: 'b1', title: 'deployment.yaml', text: newBufferText('Deployment') }];

/** A stand-in for the API: rejects a non-integer spec.replicas the way the apiserver words it. */
async function fakeApply(text: string): Promise<ApplyResult> {
  const docs = parseAllDocuments(text, { version: '1.1' });
  const objects = (Array.isArray(docs) ? docs : []).map((d) => d.toJS()).filter((o) => o && typeof o === 'object');
  const lines: string[] = [];
  const markers: ApplyResult['markers'] = [];
  objects.forEach((obj, i) => {
    const replicas = obj.spec?.replicas;
    if (replicas !== undefined && !Number.isInteger(replicas)) {
      const msg = `${obj.kind} in version "v1" cannot be handled as a ${obj.kind}: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`;
      lines.push(`Error from server (BadRequest): error when creating "STDIN": ${msg}`);
      const r = fieldPathToRange(text, 'spec.replicas', i);
      if (r) markers.push({ line: r.startLineNumber, column: r.startColumn, message: msg, severity: 'error' });
    } else {
      lines.push(`${String(obj.kind).toLowerCase()}.apps/${obj.metadata?.name} configured`);
    }
  });
  return { ok: markers.length === 0, output: lines.join('\n'), markers };
}

function Harness() {
  const [buffers, setBuffers] = useState(initial);
  const [activeId, setActiveId] = useState('b1');
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const [fontSize, setFontSize] = useState(14);
  const open = (b: EditorBuffer) => {
    setBuffers((bs) => (bs.some((x) => x.id === b.id) ? bs.map((x) => (x.id === b.id ? b : x)) : [...bs, b]));
    setActiveId(b.id);
  };
  const editLive = () =>
    open(liveObjectBuffer({
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', resourceVersion: '1234', managedFields: [] },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
      status: { replicas: 3, readyReplicas: 3 },
    }));
  return (
    <>
      <div style={{ display: 'flex', gap: 8, padding: 4, fontSize: 12 }}>
        <button onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>theme: {theme}</button>
        <button onClick={() => setFontSize(fontSize + 2)}>A+</button>
        <button onClick={() => setFontSize(Math.max(10, fontSize - 2))}>A-</button>
        <button onClick={editLive}>Edit deployment/web</button>
      </div>
      <div style={{ flex: 1, minHeight: 0 }}>
        <Suspense fallback={<p>Loading editor…</p>}>
          <YamlEditor
            buffers={buffers}
            activeId={activeId}
            theme={theme}
            fontSize={fontSize}
            onChange={(id, text) => setBuffers((bs) => bs.map((b) => (b.id === id ? { ...b, text } : b)))}
            onSelectBuffer={setActiveId}
            onNewBuffer={(kind) => {
              const id = `b${Date.now()}`;
              open({ id, title: `${(snippetFor(kind ?? '')?.label ?? 'untitled')}.yaml`, text: newBufferText(kind) });
            }}
            onCloseBuffer={(id) => {
              setBuffers((bs) => bs.filter((b) => b.id !== id));
              if (id === activeId) setActiveId(buffers.find((b) => b.id !== id)?.id ?? '');
            }}
            onApply={fakeApply}
          />
        </Suspense>
      </div>
    </>
  );
}

// For dev/check.mjs: read markers from Monaco itself (the same module instance the editor uses).
void import('../monaco/setup').then((m) => ((window as unknown as { __phMonaco: unknown }).__phMonaco = m.monaco));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
