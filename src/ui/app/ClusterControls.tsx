/** Reset, Export (a snapshot file) and Import, one click each. */
import { useRef } from 'react';
import type { ClusterSnapshot } from '../../protocol/messages';
import { useApp, useServices } from './context';
import { formatVirtualTime } from './format';

const FORMAT = 'pilothouse-snapshot';

export function ClusterControls() {
  const services = useServices();
  const { bridge, store } = services;
  const file = useRef<HTMLInputElement>(null);
  const now = useApp((s) => s.clock.now);

  const exportFile = async () => {
    const snapshot = await bridge.exportSnapshot();
    const body = JSON.stringify({ format: FORMAT, version: 1, history: store.getState().history, snapshot });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
    a.download = `pilothouse-${formatVirtualTime(now).replace(/[: ]/g, '-').replace(/-UTC$/, '')}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const importFile = async (f: File) => {
    try {
      const parsed = JSON.parse(await f.text());
      const snapshot: ClusterSnapshot = parsed?.format === FORMAT ? parsed.snapshot : parsed;
      if (!snapshot || typeof snapshot !== 'object' || !('store' in snapshot)) throw new Error('not a Pilothouse snapshot');
      await bridge.importSnapshot(snapshot);
      services.print(`\x1b[36m# Imported the cluster from ${f.name}.\x1b[0m`);
    } catch (err) {
      services.print(`\x1b[31m# Import failed: ${(err as Error).message}\x1b[0m`);
    }
  };

  const reset = async () => {
    if (!window.confirm('Reset the cluster to a fresh one? Everything in it is lost (export it first to keep it).')) return;
    await bridge.reset();
    services.print('\x1b[36m# The cluster was reset to a fresh one.\x1b[0m');
  };

  return (
    <div className="cluster-controls" role="group" aria-label="Cluster">
      <button type="button" onClick={() => void reset()} data-testid="reset">
        Reset
      </button>
      <button type="button" onClick={() => void exportFile()} data-testid="export">
        Export
      </button>
      <button type="button" onClick={() => file.current?.click()} data-testid="import">
        Import
      </button>
      <input
        ref={file}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="import-file"
        aria-label="Snapshot file to import"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f);
        }}
      />
    </div>
  );
}
