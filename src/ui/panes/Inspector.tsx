/**
 * The inspector of the selected object: key facts (facts.ts), owner and children links, its Events,
 * and its YAML (read-only) with "Edit in editor". Props only; the app wires it to the store.
 */
import { useMemo } from 'react';
import type { KubeObject } from '../../engine/objects';
import { PALETTES, type Theme } from '../graph/palette';
import { kindWord, refOfObject, type ObjectRef } from '../graph/refs';
import { eventRows } from './events';
import { keyFacts } from './facts';
import { objectYaml } from './objectYaml';

export interface InspectorProps {
  object?: KubeObject;
  /** Events about the object (any order; shown newest first). */
  events: KubeObject[];
  owner?: KubeObject;
  children: KubeObject[];
  onSelect(ref: ObjectRef): void;
  onEdit(object: KubeObject): void;
  /** Virtual time (ms) for ages; without it, timestamps are shown as written. */
  now?: number;
  theme?: Theme;
}

const MAX_CHILDREN = 50;

function label(o: KubeObject): string {
  return `${kindWord(refOfObject(o).resource)} ${o.metadata.name}`;
}

function ObjectLink({ o, onSelect, color }: { o: KubeObject; onSelect(ref: ObjectRef): void; color: string }) {
  return (
    <button type="button" onClick={() => onSelect(refOfObject(o))} style={{ all: 'unset', cursor: 'pointer', color, textDecoration: 'underline' }}>
      {label(o)}
    </button>
  );
}

export function Inspector({ object, events, owner, children, onSelect, onEdit, now, theme = 'light' }: InspectorProps) {
  const p = PALETTES[theme];
  const yamlText = useMemo(() => (object ? objectYaml(object) : ''), [object]);
  const rows = useMemo(() => eventRows(events, { type: 'all', text: '' }, now ?? Date.now(), 100), [events, now]);
  if (!object) {
    return (
      <section aria-label="Inspector" style={{ color: p.muted, font: 'calc(var(--font-size, 14px) * 0.93) system-ui, sans-serif', padding: 8 }}>
        Select an object in the graph or the list to inspect it.
      </section>
    );
  }
  const title = label(object);
  const h = { fontSize: '0.95em', margin: '12px 0 4px', color: p.muted } as const;
  const cell = { padding: '1px 6px 1px 0', verticalAlign: 'top' } as const;
  return (
    <section aria-label={`Inspector: ${title}`} style={{ color: p.text, font: 'calc(var(--font-size, 14px) * 0.86) system-ui, sans-serif', padding: 8 }}>
      <header style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
        <h2 style={{ fontSize: '1.15em', margin: 0, wordBreak: 'break-all' }}>
          <span style={{ color: p.muted, fontWeight: 'normal' }}>{object.kind}</span> {object.metadata.name}
        </h2>
        <button type="button" onClick={() => onEdit(object)} aria-label={`Edit ${title} in editor`} style={{ marginLeft: 'auto', cursor: 'pointer' }}>
          Edit in editor
        </button>
      </header>

      <dl aria-label="Key facts" style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 10px', margin: '8px 0' }}>
        {keyFacts(object, now).map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt style={{ color: p.muted }}>{k}</dt>
            <dd style={{ margin: 0, wordBreak: 'break-word' }}>{v}</dd>
          </div>
        ))}
      </dl>

      {owner && (
        <p style={{ margin: '4px 0' }}>
          <span style={{ color: p.muted }}>Controlled by </span>
          <ObjectLink o={owner} onSelect={onSelect} color={p.selected} />
        </p>
      )}
      {children.length > 0 && (
        <>
          <h3 style={h}>Owns ({children.length})</h3>
          <ul aria-label="Owned objects" style={{ margin: 0, paddingLeft: '1.2em' }}>
            {children.slice(0, MAX_CHILDREN).map((c) => (
              <li key={c.metadata.uid ?? `${c.kind}/${c.metadata.namespace}/${c.metadata.name}`}>
                <ObjectLink o={c} onSelect={onSelect} color={p.selected} />
              </li>
            ))}
            {children.length > MAX_CHILDREN && <li>and {children.length - MAX_CHILDREN} more</li>}
          </ul>
        </>
      )}

      <h3 style={h}>Events ({rows.length})</h3>
      {rows.length === 0 ? (
        <p style={{ margin: 0, color: p.muted }}>No events.</p>
      ) : (
        <table aria-label={`Events of ${title}`} style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr style={{ textAlign: 'left', color: p.muted }}>
              <th style={cell}>Type</th>
              <th style={cell}>Reason</th>
              <th style={cell}>Age</th>
              <th style={cell}>Message</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td style={{ ...cell, color: r.type === 'Warning' ? p.status.failing : undefined }}>{r.type}</td>
                <td style={cell}>{r.reason}</td>
                <td style={cell}>{now === undefined ? (new Date(r.time).toISOString().slice(11, 19)) : r.count > 1 ? `${r.age} (x${r.count})` : r.age}</td>
                <td style={{ ...cell, wordBreak: 'break-word' }}>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3 style={h}>YAML</h3>
      <pre
        aria-label={`YAML of ${title}`}
        tabIndex={0}
        style={{ margin: 0, padding: 6, maxHeight: 360, overflow: 'auto', background: p.pool.fill, border: `1px solid ${p.pool.border}`, borderRadius: 4, font: 'calc(var(--font-size, 14px) * 0.82) ui-monospace, "DejaVu Sans Mono", monospace' }}
      >
        {yamlText}
      </pre>
    </section>
  );
}
