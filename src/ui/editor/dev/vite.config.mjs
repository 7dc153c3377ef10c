// Dev harness for the YAML editor alone (not part of the app build):
//   npx vite --config src/ui/editor/dev/vite.config.mjs            (dev server, port 5199)
//   npx vite build --config src/ui/editor/dev/vite.config.mjs      (production build in /tmp)
//   npx vite preview --config src/ui/editor/dev/vite.config.mjs    (serves that build)
// `editorResolve` is what the app's vite.config.ts needs too (see ../README.md).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export const editorResolve = {
  alias: [
    // monaco-yaml 5.5 → monaco-worker-manager imports the pre-0.56 path of Monaco's worker entry.
    { find: 'monaco-editor/esm/vs/editor/editor.worker.js', replacement: 'monaco-editor/editor/editor.worker.js' },
  ],
};

/** Pre-bundle the worker entries too: they are reached only through `new Worker(new URL(…))`, which the
 *  dev server's dependency scan does not follow, so it would find them late and reload the page. */
export const editorOptimizeDeps = {
  include: ['monaco-yaml', 'monaco-yaml/yaml.worker.js', 'monaco-editor/editor/editor.worker.js'],
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Its own cache, so this harness never disturbs the app's dev server.
  cacheDir: '/tmp/pilothouse-editor-dev-cache',
  optimizeDeps: editorOptimizeDeps,
  base: './',
  plugins: [react()],
  resolve: editorResolve,
  worker: { format: 'es' },
  build: { outDir: '/tmp/pilothouse-editor-dev', emptyOutDir: true, target: 'es2022' },
  server: { port: 5199, strictPort: true },
  preview: { port: 5198, strictPort: true },
});
