import { defineConfig } from 'vite';

// The page (src/ui) is built by Vite into a static site in dist/. The engine runs in a Web Worker.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022' },
  worker: { format: 'es' },
});
