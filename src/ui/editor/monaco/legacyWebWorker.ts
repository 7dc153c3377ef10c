/**
 * The monaco-yaml ↔ Monaco ≥ 0.55 bridge (monaco-yaml issues #272/#278, PR #282).
 *
 * monaco-yaml 5.5 (through monaco-worker-manager) still calls the old
 * `monaco.editor.createWebWorker({ moduleId, label, createData })`. Since 0.55 that function wants
 * `{ worker }` — a Worker or a promise of one — and no longer sends `createData`: the caller must post
 * it, as Monaco's own language features do (`vs/internal/common/workers.js`): first a message that
 * wakes the worker's `initialize`, then the create data. This wraps the monaco namespace so that old
 * calls are translated, and leaves new-style calls alone. The other half of the fix is in the build:
 * an alias so `monaco-editor/esm/vs/editor/editor.worker.js` (moved in 0.56) resolves again.
 */

/** The old options object monaco-worker-manager passes. */
export interface LegacyWebWorkerOptions {
  moduleId?: string;
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

/** The parts of a Worker this needs (tests pass a fake). */
export interface PostTarget {
  postMessage(message: unknown): void;
}

interface MonacoLike {
  editor: { createWebWorker(opts: any): unknown };
}

/**
 * `monaco`, with `editor.createWebWorker` accepting the old options. `createWorker(label)` makes the
 * Worker for a label (`yaml`). The original namespace is not modified: other callers keep the real API.
 */
export function withLegacyCreateWebWorker<M extends MonacoLike>(monaco: M, createWorker: (label: string) => PostTarget | Promise<PostTarget>): M {
  const original = monaco.editor.createWebWorker.bind(monaco.editor);
  const editor = Object.create(monaco.editor) as M['editor'];
  editor.createWebWorker = (opts: LegacyWebWorkerOptions | { worker: unknown }) => {
    if ('worker' in opts) return original(opts);
    const label = opts.label ?? 'monaco-editor-worker';
    const worker = Promise.resolve(createWorker(label)).then((w) => {
      w.postMessage('ignore');
      w.postMessage(opts.createData);
      return w;
    });
    return original({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
  };
  const shimmed = Object.create(monaco) as M;
  Object.defineProperty(shimmed, 'editor', { value: editor, enumerable: true });
  return shimmed;
}
