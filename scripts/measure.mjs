// Measures the built app in Debian's Chromium (run `npm run build` first):
//  - cold load (no cache, no service worker) to a terminal that accepts input, and to a booted cluster;
//  - JavaScript bytes (gzip) fetched before the terminal accepts input, and the Worker's;
//  - a `kubectl get pods` round trip, keypress to output drawn, on the fresh cluster and with more pods.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = 4179;
const server = spawn('node', ['scripts/serve-dist.mjs', String(PORT)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const results = { machine: `${cpus()[0].model} × ${cpus().length}`, chromium: browser.version() };
try {
  const loads = [];
  for (let i = 0; i < 3; i++) loads.push(await coldLoad(i === 0));
  results.coldLoad = loads.map((l) => ({ ...l, js: undefined }));
  results.jsBeforeTerminal = loads[0].js;
  results.roundTrip = await roundTrips();
} finally {
  await browser.close();
  server.kill();
}
console.log(JSON.stringify(results, null, 2));

async function coldLoad(collect) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const scripts = [];
  page.on('response', async (res) => {
    const url = res.url();
    if (!/\.js$/.test(new URL(url).pathname)) return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    scripts.push({ url: new URL(url).pathname.split('/').pop(), at: Date.now(), raw: body.length, gzip: gzipSync(body).length });
  });
  const start = Date.now();
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForFunction(() => {
    const t = window.__pilothouseTerminal;
    return !!t && !!document.querySelector('.xterm-helper-textarea') && t.buffer.active.getLine(t.buffer.active.cursorY)?.translateToString(true).includes('learner@Azure');
  }, null, { polling: 'raf' });
  const terminal = Date.now() - start;
  await page.waitForSelector('html[data-ready="true"]');
  const booted = Date.now() - start;
  const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
  await page.waitForTimeout(300);
  const before = scripts.filter((s) => s.at - start <= terminal);
  const sum = (list, k) => list.reduce((n, s) => n + s[k], 0);
  const worker = scripts.filter((s) => s.url.startsWith('entry-'));
  await context.close();
  return {
    terminalAcceptsInputMs: terminal,
    clusterBootedMs: booted,
    domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
    js: collect
      ? {
          files: before.map((s) => `${s.url} ${(s.gzip / 1024).toFixed(1)} KB gzip`),
          totalGzipKB: +(sum(before, 'gzip') / 1024).toFixed(1),
          workerGzipKB: +(sum(worker, 'gzip') / 1024).toFixed(1),
        }
      : undefined,
  };
}

async function roundTrips() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForSelector('html[data-ready="true"]');
  const trip = (cmd, until) =>
    page.evaluate(
      ([cmd, until]) =>
        new Promise((resolve) => {
          const t = window.__pilothouseTerminal;
          const t0 = performance.now();
          const startY = t.buffer.active.baseY + t.buffer.active.cursorY;
          const sub = t.onWriteParsed(() => {
            const b = t.buffer.active;
            const y = b.baseY + b.cursorY;
            const line = b.getLine(y)?.translateToString(true) ?? '';
            const prev = b.getLine(y - 1)?.translateToString(true) ?? '';
            if (y >= startY + 2 && line.startsWith('learner@Azure') && new RegExp(until).test(prev)) {
              sub.dispose();
              resolve(Math.round((performance.now() - t0) * 10) / 10);
            }
          });
          t.input(`${cmd}\r`, true);
        }),
      [cmd, until],
    );
  const out = {};
  console.error('round trips…');
  const median = async (cmd, until) => {
    const times = [];
    for (let i = 0; i < 5; i++) times.push(await trip(cmd, until));
    return times.sort((a, b) => a - b)[2];
  };
  out.getPodsAllNamespaces_freshCluster_ms = await median('kubectl get pods -A', '\\S');
  await trip('kubectl create deployment big --image=nginx --replicas=300', 'created');
  await page.getByTestId('skip-ahead').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="pods/default/big-"][data-status="Running"]').length >= 300, null, { timeout: 60_000 }).catch(() => {});
  const pods = await page.evaluate(() => Object.keys(window.__pilothouse.store.getState().mirror.objects.pods ?? {}).length);
  out[`getPods_${pods}podsInCluster_ms`] = await median('kubectl get pods', '\\S');
  await context.close();
  return out;
}
