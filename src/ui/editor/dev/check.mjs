// Drives the editor harness in Debian's Chromium and saves screenshots:
//   node src/ui/editor/dev/check.mjs http://localhost:5198/ [/tmp/editor-shots]
// Checks that monaco-yaml's worker runs under Monaco 0.57 (a typo gets a schema marker), that
// completion offers fields, that hover shows the schema's descriptions, that Ctrl+Enter applies and
// the fake API's error lands on its line, that a YAML syntax error blocks the apply, and "Edit".
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://localhost:5198/';
const dir = process.argv[3] ?? '/tmp/editor-shots';
mkdirSync(dir, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
const problems = [];
page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
const requests = [];
page.on('request', (r) => requests.push(r.url()));
page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));

const results = [];
const check = (name, ok, detail = '') => {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};
const markers = () => page.evaluate(() => {
  const model = window.__phMonaco.editor.getEditors()[0].getModel();
  return window.__phMonaco.editor.getModelMarkers({ resource: model.uri })
    .map((m) => ({ owner: m.owner, severity: m.severity, line: m.startLineNumber, col: m.startColumn, message: m.message }));
});
/** Resets the active buffer (through Monaco's model, so the page hears it as an edit). */
const setText = (text) => page.evaluate((t) => window.__phMonaco.editor.getEditors()[0].getModel().setValue(t), text);
const getText = () => page.evaluate(() => window.__phMonaco.editor.getEditors()[0].getModel().getValue());
const waitMarkers = async (pred, ms = 8000) => {
  const end = Date.now() + ms;
  for (;;) {
    const ms_ = await markers();
    if (pred(ms_) || Date.now() > end) return ms_;
    await page.waitForTimeout(100);
  }
};
const gotoLine = async (line) => {
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.waitForTimeout(150); // let the quick input close before the next keys
};

const t0 = Date.now();
await page.goto(url);
await page.waitForSelector('.monaco-editor .view-lines', { timeout: 15000 });
await page.waitForFunction(() => !!window.__phMonaco);
check('Monaco renders', true, `${Date.now() - t0} ms to first view line`);
let m = await waitMarkers((x) => x.length > 0, 1500);
check('valid Deployment snippet has no markers', m.length === 0, JSON.stringify(m));
await page.screenshot({ path: `${dir}/1-loaded.png` });

// A typo: replicas: three (line 8 of the Deployment snippet).
const original = await getText();
await page.click('.monaco-editor .view-lines');
await gotoLine(8);
await page.keyboard.press('Home');
await page.keyboard.press('Shift+End');
await page.keyboard.type('replicas: three');
const tTypo = Date.now();
m = await waitMarkers((x) => x.some((k) => k.owner === 'yaml' && k.line === 8));
const typo = m.find((k) => k.line === 8);
check('typo `replicas: three` gets a schema marker (as an error)', typo?.severity === 8, typo ? `"${typo.message}" after ${Date.now() - tTypo} ms` : JSON.stringify(m));
await page.waitForSelector('.squiggly-error', { timeout: 3000 }).catch(() => {});
await page.screenshot({ path: `${dir}/2-typo-marker.png` });

// Unknown field.
await page.keyboard.press('Escape'); // close the word suggestion `three` before Enter
await page.keyboard.press('Enter');
await page.keyboard.type('tpye: x');
m = await waitMarkers((x) => x.some((k) => k.owner === 'yaml' && /tpye/.test(k.message)));
const unknown = m.find((k) => /tpye/.test(k.message));
check('unknown field `spec.tpye` is flagged', !!unknown, unknown?.message ?? JSON.stringify(m));
check('two typos give two markers (no anyOf cascade)', m.filter((k) => k.owner === 'yaml').length === 2, JSON.stringify(m.map((k) => `${k.line}: ${k.message}`)));
await page.screenshot({ path: `${dir}/2b-unknown-field.png` });
await setText(original.replace('replicas: 3', 'replicas: three'));

// Hover on a key shows the description from kubernetes-types.
await page.keyboard.press('Escape');
const replicasKey = page.locator('.view-line span', { hasText: /^replicas$/ }).first();
await replicasKey.hover();
const hover = await page.waitForSelector('.monaco-hover-content', { timeout: 5000 }).then((h) => h.innerText()).catch(() => '');
check('hover shows the field description', /desired pods/i.test(hover), hover.slice(0, 140).replace(/\n/g, ' | '));
await page.screenshot({ path: `${dir}/3-hover.png` });
await page.mouse.move(1300, 700);

// Completion under spec: (line 9 is `  selector:`; open a new line after `replicas`).
await gotoLine(8);
await page.keyboard.press('End');
await page.keyboard.press('Enter');
await page.keyboard.press('Control+Space');
const suggest = await page.waitForSelector('.suggest-widget .monaco-list-row', { timeout: 8000 }).then(() =>
  page.$$eval('.suggest-widget .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent)),
).catch(() => []);
check('completion offers DeploymentSpec fields', suggest.some((s) => /strategy|minReadySeconds|paused|revisionHistoryLimit/.test(s)), suggest.slice(0, 8).join(', '));
await page.screenshot({ path: `${dir}/4-completion.png` });
await page.keyboard.press('Escape');
await setText(original.replace('replicas: 3', 'replicas: three'));

// Ctrl+Enter applies; the fake API rejects replicas and the page maps spec.replicas to its line.
await page.keyboard.press('Control+Enter');
await page.waitForFunction(() => /cannot unmarshal/.test(document.querySelector('[role=status]')?.textContent ?? ''), null, { timeout: 5000 }).catch(() => {});
m = await markers();
const apiMarker = m.find((k) => k.owner === 'pilothouse-apply');
check('Ctrl+Enter applies and the API error lands on spec.replicas', apiMarker?.line === 8, JSON.stringify(apiMarker));
await page.screenshot({ path: `${dir}/5-apply-error.png` });

// A YAML syntax error blocks the apply.
await setText(`${original}bad: [1, 2\n`);
await page.click('.monaco-editor .view-lines');
await page.keyboard.press('Control+Enter');
const status = await page.waitForFunction(() => /syntax error/.test(document.querySelector('[role=status]')?.textContent ?? ''), null, { timeout: 3000 })
  .then(() => page.textContent('[role=status]')).catch(() => page.textContent('[role=status]'));
m = await markers();
check('a YAML syntax error is shown with its position and nothing is applied', /nothing was applied/.test(status ?? '') && m.some((k) => k.owner === 'pilothouse-apply'), status ?? '');
await page.screenshot({ path: `${dir}/6-syntax-error.png` });

// Snippet completion on an empty buffer.
await page.selectOption('select[aria-label="New buffer"]', '-');
await page.waitForTimeout(300);
await page.keyboard.press('Control+A');
await page.keyboard.type('deploy');
await page.keyboard.press('Control+Space');
const snip = await page.waitForSelector('.suggest-widget .monaco-list-row', { timeout: 5000 }).then(() =>
  page.$$eval('.suggest-widget .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent))).catch(() => []);
check('snippets are offered', snip.some((s) => /deployment/.test(s)), snip.slice(0, 5).join(', '));
await page.keyboard.press('Enter');
await page.waitForTimeout(800);
m = await markers();
const tabs = await page.$$eval('[role=tab]', (t) => t.map((x) => x.textContent));
check('a new buffer opens as a tab and the inserted snippet is valid', tabs.length === 2 && m.filter((k) => k.owner === 'yaml').length === 0, `${tabs.join(' | ')}; ${JSON.stringify(m.filter((k) => k.owner === 'yaml'))}`);
await page.screenshot({ path: `${dir}/7-snippet.png` });

// Multi-document YAML: each document is checked against its own kind.
await setText(`${original}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Bogus\n  ports:\n    - port: "80"\n`);
m = await waitMarkers((x) => x.filter((k) => k.owner === 'yaml').length >= 2);
check('multi-document: the Service document is checked as a Service', m.some((k) => k.line === 32 && /ClusterIP/.test(k.message)) && m.some((k) => k.line === 34), JSON.stringify(m.map((k) => `${k.line}: ${k.message}`)));
await page.screenshot({ path: `${dir}/7b-multidoc.png` });

// "Edit" of a live object, then the dark theme.
await page.click('text=Edit deployment/web');
await page.waitForSelector('[role=tab][aria-selected=true]:has-text("deployment/web")');
await page.click('text=theme: light');
await page.waitForTimeout(1000);
m = await markers();
const liveText = await page.textContent('.monaco-editor .view-lines');
check('"Edit" opens deployment/web with its YAML, valid including status', /resourceVersion/.test(liveText ?? '') && m.length === 0, JSON.stringify(m).slice(0, 200));
await page.screenshot({ path: `${dir}/8-edit-live-dark.png` });

const external = requests.filter((r) => !r.startsWith(new URL(url).origin) && !r.startsWith('data:') && !r.startsWith('blob:'));
check('no request leaves the origin (no CDN)', external.length === 0, external.join(' '));
const workers = page.workers().map((w) => w.url().split('/').pop());
check('editor and yaml workers run as real workers', workers.some((w) => /yaml/.test(w)) && workers.some((w) => /editor/.test(w)), workers.join(', '));
check('no console errors', problems.length === 0, problems.slice(0, 5).join(' || '));

await browser.close();
const failed = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - failed} passed, ${failed} failed; screenshots in ${dir}`);
process.exit(failed ? 1 : 0);
