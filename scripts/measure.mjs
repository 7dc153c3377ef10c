// Measures the built app in Debian's Chromium (run `npm run build` first):
//  - cold load (no cache, no service worker) to a terminal that accepts input, and to a booted cluster;
//  - JavaScript bytes (gzip) fetched before the terminal accepts input, and the Worker's;
//  - a `kubectl get pods` round trip, keypress to output drawn (median of 5): on the fresh cluster,
//    with 300 more pods, and with 1,000 Running pods in `default` — a cluster of BIG_NODES nodes made
//    headless here (createCluster, through tsx) and brought in with the page's own Import button.
//
//   node scripts/measure.mjs [--dist DIR]   (DIR: a build other than dist/, e.g. `vite build --outDir DIR`)
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { tsImport } from 'tsx/esm/api';

const { values: args } = parseArgs({ options: { dist: { type: 'string' } } });
const PORT = 4179;
/** The 1,000-pod round trip's cluster: AKS nodes hold 250 pods each. */
const BIG_NODES = 8;
const BIG_PODS = 1000;
const server = args.dist
  ? (await import('vite').then(({ preview }) => preview({ logLevel: 'warn', build: { outDir: args.dist }, preview: { port: PORT, strictPort: true } }))).httpServer
  : spawn('node', ['scripts/serve-dist.mjs', String(PORT)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const results = { machine: `${cpus()[0].model} × ${cpus().length}`, chromium: browser.version(), loadAverageAtStart: loadavg()[0] };
try {
  const loads = [];
  for (let i = 0; i < 3; i++) loads.push(await coldLoad(i === 0));
  results.coldLoad = loads.map((l) => ({ ...l, js: undefined }));
  results.jsBeforeTerminal = loads[0].js;
  results.roundTrip = await roundTrips();
} finally {
  await browser.close();
  if (args.dist) server.close();
  else server.kill();
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
          t.clear(); // a full scrollback would pin the cursor's row (1,000 lines of output fill it)
          const t0 = performance.now();
          const startY = t.buffer.active.baseY + t.buffer.active.cursorY;
          const sub = t.onWriteParsed(() => {
            const b = t.buffer.active;
            const y = b.baseY + b.cursorY;
            const line = b.getLine(y)?.translateToString(true) ?? '';
            const prev = b.getLine(y - 1)?.translateToString(true) ?? '';
            if (y >= startY + 2 && line.startsWith('learner@Azure') && new RegExp(until).test(prev)) {
              sub.dispose();
              const parsed = Math.round((performance.now() - t0) * 10) / 10;
              // xterm draws in the animation frame it asked for while parsing; this one runs after it.
              requestAnimationFrame(() => resolve({ parsed, drawn: Math.round((performance.now() - t0) * 10) / 10 }));
            }
          });
          t.input(`${cmd}\r`, true);
        }),
      [cmd, until],
    );
  const out = {};
  console.error('round trips…');
  /** Median of 5 round trips: keypress to the output parsed by xterm (`ms`) and to the frame that draws it (`drawnMs`). */
  const median = async (cmd, until) => {
    const times = [];
    for (let i = 0; i < 5; i++) times.push(await trip(cmd, until));
    const mid = (k) => times.map((t) => t[k]).sort((a, b) => a - b)[2];
    return { ms: mid('parsed'), drawnMs: mid('drawn') };
  };
  out.getPodsAllNamespaces_freshCluster = await median('kubectl get pods -A', '\\S');
  await trip('kubectl create deployment big --image=nginx --replicas=300', 'created');
  await page.getByTestId('skip-ahead').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="pods/default/big-"][data-status="Running"]').length >= 300, null, { timeout: 60_000 }).catch(() => {});
  const pods = await page.evaluate(() => Object.keys(window.__pilothouse.store.getState().mirror.objects.pods ?? {}).length);
  out[`getPods_${pods}podsInCluster`] = await median('kubectl get pods', '\\S');

  // 1,000 pods: more than 3 nodes hold, so import a bigger cluster made headless.
  console.error('making a cluster with 1,000 pods…');
  await page.getByTestId('import-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(await bigSnapshot())) });
  await page.waitForFunction(
    (n) => Object.values(window.__pilothouse.store.getState().mirror.objects.pods ?? {}).filter((p) => p.metadata.namespace === 'default' && p.status?.phase === 'Running').length >= n,
    BIG_PODS,
    { timeout: 120_000, polling: 500 },
  );
  await page.waitForTimeout(1000); // let the graph and list settle
  const running = await page.evaluate(() => Object.values(window.__pilothouse.store.getState().mirror.objects.pods ?? {}).filter((p) => p.metadata.namespace === 'default').length);
  out[`getPods_${running}podsInDefault_${BIG_NODES}nodes`] = await median('kubectl get pods', '\\S');
  // The same command's output really is a line per pod (and a header):
  await trip('kubectl get pods | wc -l', '^\\d+$');
  out.getPodsLines = await page.evaluate(() => {
    const b = window.__pilothouseTerminal.buffer.active;
    return Number(b.getLine(b.baseY + b.cursorY - 1)?.translateToString(true).trim());
  });
  await context.close();
  return out;
}

/** A snapshot file (the page's Export format) of an AKS cluster of BIG_NODES nodes with BIG_PODS Running pods in `default`. */
async function bigSnapshot() {
  const { createCluster } = await tsImport('../src/engine/cluster/create.ts', import.meta.url);
  const sim = createCluster({ nodes: BIG_NODES });
  const labels = { app: 'big' };
  sim.api.create('deployments.apps', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'big', namespace: 'default' },
    spec: { replicas: BIG_PODS, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  });
  sim.runUntilQuiet(30 * 60 * 1000);
  return { format: 'pilothouse-snapshot', version: 1, history: [], snapshot: sim.snapshot() };
}
