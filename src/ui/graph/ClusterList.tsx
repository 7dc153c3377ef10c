/**
 * The accessible list view of the objects the graph draws: nested lists of buttons with names a
 * screen reader announces (`pod web-7c5d-abcde Running on aks-nodepool1-…`). Clicking selects.
 * Each row has `data-testid` = its object key (`pods/default/web-7c5d-abcde`) and `data-status`.
 */
import { useMemo, useState } from 'react';
import { buildListSections, type ListRow } from './listModel';
import { buildGraphModel } from './model';
import { PALETTES, type Theme } from './palette';
import { parseKey } from './relations';
import { refKey, type ObjectRef, type ObjectsByResource } from './refs';
import type { StatusCategory } from './status';

export interface ClusterListProps {
  objects: ObjectsByResource;
  selected?: ObjectRef | null;
  onSelect(ref: ObjectRef): void;
  showOwners?: boolean;
  theme: Theme;
  /** Above this many pods, each node's pods are listed only when the node is expanded (default 500). */
  collapseAbove?: number;
}

interface RowProps {
  row: ListRow;
  selectedKey: string | null;
  onSelect(ref: ObjectRef): void;
  theme: Theme;
}

function Badge({ row, theme }: { row: ListRow; theme: Theme }) {
  if (!row.status) return null;
  const p = PALETTES[theme];
  const colour = row.category && row.category in p.status ? p.status[row.category as StatusCategory] : row.category === 'Ready' || row.category === 'ok' ? p.muted : p.status.failing;
  return (
    <span aria-hidden="true" style={{ marginLeft: 6, padding: '0 5px', borderRadius: 3, fontSize: '0.85em', color: colour, border: `1px solid ${colour}` }}>
      {row.status}
    </span>
  );
}

function RowButton({ row, selectedKey, onSelect, theme }: RowProps) {
  const [word, name] = row.name.split(' ', 2);
  const selected = row.key === selectedKey;
  return (
    <button
      type="button"
      className="cluster-list-row"
      aria-label={row.name}
      aria-current={selected ? 'true' : undefined}
      data-testid={row.key}
      data-status={row.status || undefined}
      onClick={() => onSelect(parseKey(row.key))}
      style={{
        all: 'unset',
        cursor: 'pointer',
        display: 'block',
        padding: '1px 4px',
        borderRadius: 3,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        outlineOffset: 1,
        background: selected ? PALETTES[theme].selected + '33' : undefined,
      }}
    >
      <span style={{ opacity: 0.65 }}>{word}</span> {name}
      <Badge row={row} theme={theme} />
    </button>
  );
}

function NodeRow({ row, expanded, onToggle, ...rest }: RowProps & { expanded: boolean; onToggle(): void }) {
  const pods = row.children ?? [];
  const nodeName = row.key.slice('nodes/'.length);
  return (
    <li>
      <div style={{ display: 'flex', alignItems: 'center' }}>
        <button
          type="button"
          aria-expanded={expanded}
          aria-label={`${expanded ? 'Hide' : 'Show'} pods on ${nodeName}`}
          onClick={onToggle}
          disabled={pods.length === 0}
          style={{ all: 'unset', cursor: 'pointer', width: '1.2em', textAlign: 'center', opacity: pods.length ? 1 : 0.3 }}
        >
          {expanded ? '▾' : '▸'}
        </button>
        <RowButton row={row} {...rest} />
      </div>
      {expanded && pods.length > 0 && (
        <ul aria-label={`Pods on ${nodeName}`} style={{ listStyle: 'none', margin: 0, paddingLeft: '2.2em' }}>
          {pods.map((p) => (
            <li key={p.key}>
              <RowButton row={p} {...rest} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function ClusterList({ objects, selected, onSelect, showOwners = true, theme, collapseAbove = 500 }: ClusterListProps) {
  const sections = useMemo(() => buildListSections(buildGraphModel(objects, { showOwners, withEdges: false })), [objects, showOwners]);
  const podCount = useMemo(() => Object.keys(objects.pods ?? {}).length, [objects]);
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const selectedKey = selected ? refKey(selected) : null;
  const expandedByDefault = podCount <= collapseAbove;
  const rowProps = { selectedKey, onSelect, theme };
  const palette = PALETTES[theme];
  const listStyle = { listStyle: 'none', margin: 0, paddingLeft: '0.8em' } as const;
  return (
    <section aria-label="Cluster objects" className="cluster-list" style={{ color: palette.text, font: 'calc(var(--font-size, 14px) * 0.86) system-ui, sans-serif', overflow: 'auto', height: '100%' }}>
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={`cluster-list-${s.id}`}>
          <h3 id={`cluster-list-${s.id}`} style={{ fontSize: '0.95em', margin: '8px 0 2px', color: palette.muted }}>
            {s.title} ({s.id === 'pools' ? s.rows.reduce((n, r) => n + (r.children?.length ?? 0), 0) + ' nodes' : s.rows.length})
          </h3>
          {s.rows.length === 0 ? (
            <p style={{ margin: '0 0 0 0.8em', opacity: 0.6 }}>none</p>
          ) : s.id === 'pools' ? (
            <ul aria-label="Node pools" style={listStyle}>
              {s.rows.map((pool) => (
                <li key={pool.key}>
                  <div style={{ fontWeight: 600, padding: '2px 0' }}>{pool.name}</div>
                  <ul aria-label={`Nodes in ${pool.name.split(',')[0]}`} style={listStyle}>
                    {(pool.children ?? []).map((n) => (
                      <NodeRow
                        key={n.key}
                        row={n}
                        {...rowProps}
                        expanded={toggled[n.key] ?? expandedByDefault}
                        onToggle={() => setToggled((t) => ({ ...t, [n.key]: !(t[n.key] ?? expandedByDefault) }))}
                      />
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <ul aria-label={s.title} style={listStyle}>
              {s.rows.map((r) => (
                <li key={r.key}>
                  <RowButton row={r} {...rowProps} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
