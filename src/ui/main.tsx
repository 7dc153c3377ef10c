/**
 * The page's entry: restores what the page saved (history, buffers, layout, speed), starts the
 * Worker through the bridge, renders the app, and registers the service worker that makes the
 * built site work offline.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { WorkerLike } from '../protocol/messages';
import { App } from './App';
import { AppContext, type AppServices } from './app/context';
import { Bridge } from './bridge/bridge';
import { keepPersisted, loadPersisted } from './state/persist';
import { createAppStore } from './state/store';
import './app/app.css';

async function main() {
  const saved = await loadPersisted();
  const store = createAppStore(
    saved ? { history: saved.history, buffers: saved.buffers, activeBuffer: saved.activeBuffer, layout: saved.layout, clock: { now: 0, speed: saved.speed, quiet: true } } : {},
  );
  // The one place the page names the Worker's entry: a URL for the bundler, not an import.
  let current: Worker | undefined;
  const createWorker = () => (current = new Worker(new URL('../worker/entry.ts', import.meta.url), { type: 'module', name: 'simulation' })) as unknown as WorkerLike;
  // Browser tests only (`?e2e=1`): kill the Worker and report it the way a crashed Worker reports itself.
  if (new URLSearchParams(location.search).has('e2e')) {
    (window as unknown as { __pilothouseCrashWorker?: () => void }).__pilothouseCrashWorker = () => {
      current?.terminate();
      current?.dispatchEvent(new ErrorEvent('error', { message: 'e2e: the simulation worker was killed' }));
    };
  }
  const bridge = new Bridge({ createWorker, store });
  const services: AppServices = { store, bridge, print: () => {} };
  bridge.onRestart = () => services.print(`\x1b[33m# ${store.getState().worker.notice}\x1b[0m`);
  keepPersisted(store);
  const persistCluster = () => void bridge.persist().catch(() => {});
  window.addEventListener('pagehide', persistCluster);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && persistCluster());
  (window as unknown as { __pilothouse?: AppServices }).__pilothouse = services;

  createRoot(document.getElementById('app')!).render(
    <StrictMode>
      <AppContext.Provider value={services}>
        <App />
      </AppContext.Provider>
    </StrictMode>,
  );
  await bridge.start(saved?.speed ?? 1);
  document.documentElement.dataset.ready = 'true';
}

void main();

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('./sw.js').catch(() => {}));
}
