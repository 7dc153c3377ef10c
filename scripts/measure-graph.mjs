// Measures the cluster graph under load in Debian's Chromium: the graph harness
// (src/ui/graph/dev.html, built for production into a temporary folder) with 100 nodes and
// 3,000 pods, 10 pods created, deleted or flipped every 100 ms, while the graph updates.
// Records every main-thread task over 50 ms (PerformanceObserver 'longtask') and the graph's own
// update time (GraphSync's stats). Long tasks are wall-clock time: on a shared 2-core machine they
// grow with everything else running, so a Chromium trace of the same window also gives each main-
// thread task's own CPU time (the trace's thread time), and the load average is printed beside.
//
//   node scripts/measure-graph.mjs [--seconds 10] [--runs 3] [--query 'cy={"pixelRatio":1}' …] [--no-build] [--profile] [--viewport 1366x768]
// --profile also prints the functions with the most self time (a CPU profile of the first run).
import { mkdtempSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    query: { type: 'string', multiple: true, default: [''] },
    out: { type: 'string', default: join(tmpdir(), 'pilothouse-graph-harness') },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    viewport: { type: 'string', default: '1366x768' },
  },
});
const PORT = 4181;
const outDir = args.out ?? mkdtempSync(join(tmpdir(), 'pilothouse-graph-'));
if (!args['no-build'] || !existsSync(join(outDir, 'src/ui/graph/dev.html'))) {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, rollupOptions: { input: 'src/ui/graph/dev.html' } } });
}
const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: PORT, strictPort: true } });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : 0);
  return { count: s.length, median: q(0.5), p95: q(0.95), max: s.length ? s[s.length - 1] : 0 };
};
const results = { machine: `${cpus()[0].model} × ${cpus().length}`, chromium: browser.version(), viewport: args.viewport, seconds: Number(args.seconds), variants: [] };
try {
  for (const extra of args.query) {
    const runs = [];
    for (let r = 0; r < Number(args.runs); r++) runs.push(await measure(extra));
    const longTasks = runs.flatMap((x) => x.longTasks);
    const updates = runs.flatMap((x) => x.updates);
    const cpu = runs.flatMap((x) => x.taskCpu);
    results.variants.push({
      query: extra || '(defaults)',
      pods: runs[0].pods,
      elements: runs[0].elements,
      graphUpdates: updates.length,
      longTasksOver50ms: stats(longTasks),
      longTaskMsPerSecond: Math.round(longTasks.reduce((a, b) => a + b, 0) / runs.length / Number(args.seconds)),
      ourUpdateMs: stats(updates.map((u) => Math.round(u * 10) / 10)),
      // CPU time of the main thread's tasks over 10 ms wall (from the trace): what the page itself costs.
      taskCpuMs: stats(cpu),
      tasksOver50msCpu: cpu.filter((c) => c > 50).length,
      mainThreadCpuMsPerSecond: Math.round(runs.reduce((n, x) => n + x.cpuTotal, 0) / runs.length / Number(args.seconds)),
      loadAverage: runs.map((x) => x.load),
    });
    console.error(JSON.stringify(results.variants.at(-1)));
  }
} finally {
  await browser.close();
  server.httpServer.close();
}
console.log(JSON.stringify(results, null, 2));

async function measure(extra) {
  const [width, height] = args.viewport.split('x').map(Number);
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  // 100 nodes in 4 pools; 56 Deployments × 50 replicas + 2 DaemonSets on every node = 3,000 pods.
  const query = `theme=dark&nodes=100&pools=4&deployments=56&replicas=50&daemonsets=2&unscheduled=0&churn=1&list=0${extra ? `&${extra}` : ''}`;
  await page.goto(`http://127.0.0.1:${PORT}/src/ui/graph/dev.html?${query}`);
  await page.waitForSelector('[data-elements]');
  await page.waitForTimeout(1500); // first draw and fit
  await page.evaluate(() => {
    window.__graphPerf.longTasks.length = 0;
    window.__graphPerf.updates.length = 0;
  });
  const cdp = args.profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  } else await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  const load0 = loadavg()[0];
  await page.waitForTimeout(Number(args.seconds) * 1000);
  const load = Math.round(((load0 + loadavg()[0]) / 2) * 10) / 10;
  const { taskCpu, cpuTotal } = cdp ? { taskCpu: [], cpuTotal: 0 } : mainThreadTaskCpu(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);
  const perf = await page.evaluate(() => ({
    longTasks: [...window.__graphPerf.longTasks],
    updates: [...window.__graphPerf.updates],
    pods: window.__graphPerf.pods,
    elements: Number(document.querySelector('[data-elements]')?.getAttribute('data-elements')),
  }));
  await context.close();
  return { ...perf, taskCpu, cpuTotal, load };
}

/** CPU milliseconds (thread time) of each renderer main-thread task that took over 10 ms of wall time, and of all tasks. */
function mainThreadTaskCpu(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return { taskCpu: [], cpuTotal: 0 };
  const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  return {
    taskCpu: tasks.filter((e) => e.dur > 10_000).map((e) => Math.round((e.tdur ?? 0) / 100) / 10),
    cpuTotal: tasks.reduce((n, e) => n + (e.tdur ?? 0), 0) / 1000,
  };
}

/** Self time per function (top 25) from a CDP CPU profile. */
function printProfile(profile) {
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
  }
  const total = [...byFn.values()].reduce((a, b) => a + b, 0);
  console.error(`profile: ${Math.round(total)} ms sampled`);
  for (const [k, ms] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.error(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
}
