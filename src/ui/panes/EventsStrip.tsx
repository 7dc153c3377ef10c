/**
 * The events strip: the newest Events scrolling along (type, reason, object, message, age),
 * filterable by type and by text; clicking a row selects the object the Event is about.
 */
import { useMemo, useState } from 'react';
import type { KubeObject } from '../../engine/objects';
import { PALETTES, type Theme } from '../graph/palette';
import type { ObjectRef } from '../graph/refs';
import { eventRows, type EventTypeFilter } from './events';

export interface EventsStripProps {
  events: KubeObject[];
  /** Virtual time (ms) the ages are measured at. */
  now: number;
  onSelect(ref: ObjectRef): void;
  theme?: Theme;
  /** Rows shown at most (default 200). */
  limit?: number;
}

const TYPES: [EventTypeFilter, string][] = [
  ['all', 'All'],
  ['Warning', 'Warnings'],
  ['Normal', 'Normal'],
];

export function EventsStrip({ events, now, onSelect, theme = 'light', limit = 200 }: EventsStripProps) {
  const [type, setType] = useState<EventTypeFilter>('all');
  const [text, setText] = useState('');
  const rows = useMemo(() => eventRows(events, { type, text }, now, limit), [events, type, text, now, limit]);
  const p = PALETTES[theme];
  const cell = { padding: '1px 8px 1px 0', whiteSpace: 'nowrap', verticalAlign: 'top' } as const;
  return (
    <section aria-label="Events" style={{ display: 'flex', flexDirection: 'column', height: '100%', color: p.text, font: 'calc(var(--font-size, 14px) * 0.86) system-ui, sans-serif' }}>
      <div role="toolbar" aria-label="Filter events" style={{ display: 'flex', gap: 6, alignItems: 'center', padding: '4px 6px' }}>
        <strong style={{ marginRight: 4 }}>Events</strong>
        {TYPES.map(([value, name]) => (
          <button key={value} type="button" aria-pressed={type === value} onClick={() => setType(value)} style={{ cursor: 'pointer', fontWeight: type === value ? 'bold' : 'normal' }}>
            {name}
          </button>
        ))}
        <input type="search" aria-label="Filter events by text" placeholder="Filter…" value={text} onChange={(e) => setText(e.target.value)} style={{ flex: '0 1 220px' }} />
        <span aria-live="polite" style={{ color: p.muted, marginLeft: 'auto' }}>
          {rows.length} shown
        </span>
      </div>
      <div style={{ overflow: 'auto', flex: 1, minHeight: 0 }}>
        <table aria-label="Newest events" style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr style={{ textAlign: 'left', color: p.muted, position: 'sticky', top: 0, background: p.background }}>
              <th style={cell}>Age</th>
              <th style={cell}>Type</th>
              <th style={cell}>Reason</th>
              <th style={cell}>Object</th>
              <th style={{ ...cell, width: '100%' }}>Message</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`event/${r.key}`} onClick={() => r.ref && onSelect(r.ref)} style={{ cursor: r.ref ? 'pointer' : undefined }}>
                <td style={cell}>{r.count > 1 ? `${r.age} (x${r.count})` : r.age}</td>
                <td style={{ ...cell, color: r.type === 'Warning' ? p.status.failing : p.muted }}>{r.type}</td>
                <td style={cell}>{r.reason}</td>
                <td style={cell}>
                  {r.ref ? (
                    <button
                      type="button"
                      aria-label={`Select ${r.object}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        onSelect(r.ref!);
                      }}
                      style={{ all: 'unset', cursor: 'pointer', color: p.selected }}
                    >
                      {r.object}
                    </button>
                  ) : (
                    r.object
                  )}
                </td>
                <td style={{ ...cell, whiteSpace: 'normal' }}>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
