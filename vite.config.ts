import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The page (src/ui) is built by Vite into a static site in dist/. The engine runs in a Web Worker.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', target: 'es2022' },
  worker: { format: 'es' },
});
