import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { clearStorage, expectTerminal, focusEditor, openApp, terminalText, type } from './helpers';

const runningPods = (page: Page, prefix: string) => page.locator(`[data-testid^="pods/default/${prefix}"][data-status="Running"]`);

test.beforeEach(async ({ page }) => {
  await clearStorage(page);
  await openApp(page);
});

test('create a deployment, skip ahead, see 3 Running pods', async ({ page }) => {
  await type(page, 'kubectl create deployment web --image=nginx --replicas=3');
  await expectTerminal(page, 'deployment.apps/web created');
  await page.getByTestId('skip-ahead').click();
  await expect(runningPods(page, 'web-')).toHaveCount(3);
  await page.locator('.xterm-helper-textarea').focus();
  await type(page, 'kubectl get pods');
  await expect.poll(async () => ((await terminalText(page)).match(/^web-\S+\s+1\/1\s+Running/gm) ?? []).length).toBe(3);
  await page.screenshot({ path: 'test-results/deployment-running.png' });
  await runningPods(page, 'web-').first().click();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.inspector-pane > .pane-body')).toContainText('Running');
  await expect(page.locator('.inspector-pane').getByText('Loading the inspector')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/inspector.png' });
});

test('kubectl get pods -w streams until Ctrl+C', async ({ page }) => {
  await type(page, 'kubectl get pods -w');
  // A pod created meanwhile (through the editor's apply path) streams into the watch.
  await page.evaluate(() => (window as any).__pilothouse.bridge.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: watched\nspec:\n  containers:\n  - name: c\n    image: nginx\n'));
  await expectTerminal(page, /watched\s+0\/1\s+Pending/);
  await expectTerminal(page, /watched\s+1\/1\s+Running/);
  await page.keyboard.press('Control+C');
  await expectTerminal(page, '^C');
  await type(page, 'echo after');
  await expectTerminal(page, '\nafter', 'echo after');
  await page.screenshot({ path: 'test-results/watch-interrupted.png' });
});

test('Tab completes a pod name', async ({ page }) => {
  await type(page, 'kubectl create deployment solo --image=nginx');
  await page.getByTestId('skip-ahead').click();
  await expect(runningPods(page, 'solo-')).toHaveCount(1);
  const podName = (await runningPods(page, 'solo-').getAttribute('data-testid'))!.split('/').pop()!;
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('kubectl get pod so');
  await page.keyboard.press('Tab');
  await expectTerminal(page, `kubectl get pod ${podName} `);
  await page.keyboard.press('Enter');
  await expectTerminal(page, new RegExp(`${podName}\\s+1/1\\s+Running`));
  await page.screenshot({ path: 'test-results/tab-completion.png' });
});

test('reload keeps the objects and the terminal history', async ({ page }) => {
  await type(page, 'kubectl create deployment keep --image=nginx --replicas=2');
  await page.getByTestId('skip-ahead').click();
  await expect(runningPods(page, 'keep-')).toHaveCount(2);
  const names = await runningPods(page, 'keep-').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  await page.waitForTimeout(1500); // the page saves a moment after a change (and again when hidden)
  await page.reload();
  await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
  await expect(runningPods(page, 'keep-')).toHaveCount(2);
  expect(await runningPods(page, 'keep-').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(names);
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('ArrowUp');
  await expectTerminal(page, '$ kubectl create deployment keep --image=nginx --replicas=2');
  await page.keyboard.press('Control+U');
  await type(page, 'history');
  await expectTerminal(page, /1 {2}kubectl create deployment keep --image=nginx --replicas=2\n\s+2 {2}history/);
  await page.screenshot({ path: 'test-results/after-reload.png' });
});

test('export, reset, import brings the same objects back', async ({ page }) => {
  await type(page, 'kubectl create deployment saved --image=nginx --replicas=2');
  await page.getByTestId('skip-ahead').click();
  await expect(runningPods(page, 'saved-')).toHaveCount(2);
  const names = await runningPods(page, 'saved-').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await (await download).path();
  expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('pilothouse-snapshot');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('reset').click();
  await expect(page.locator('[data-testid^="pods/default/saved-"]')).toHaveCount(0);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(runningPods(page, 'saved-')).toHaveCount(2);
  expect(await runningPods(page, 'saved-').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(names);
  await expectTerminal(page, '# Imported the cluster from');
  await page.screenshot({ path: 'test-results/imported.png' });
});

test('Ctrl+Enter in the editor applies the buffer', async ({ page }) => {
  await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
  await focusEditor(page);
  await page.keyboard.press('Control+Enter');
  await expectTerminal(page, 'deployment.apps/web created');
  await page.getByTestId('skip-ahead').click();
  await expect(runningPods(page, 'web-')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/editor-apply.png' });
});

test('an invalid manifest shows markers and Ctrl+Enter changes nothing', async ({ page }) => {
  await type(page, 'kubectl create deployment web --image=nginx --replicas=2');
  await page.getByTestId('skip-ahead').click();
  await expect(runningPods(page, 'web-')).toHaveCount(2);
  await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
  // The same Deployment with a misspelt field (line 5) and replicas written as a word (line 7).
  const manifest = (replicas: string) =>
    ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', '  labelz: {tier: front}', 'spec:', `  replicas: ${replicas}`, '  selector:', '    matchLabels:', '      app: web', '  template:', '    metadata:', '      labels:', '        app: web', '    spec:', '      containers:', '      - name: nginx', '        image: nginx:1.27', ''].join('\n');
  const setBuffer = (text: string) =>
    page.evaluate((text) => {
      const { store } = (window as any).__pilothouse;
      const s = store.getState();
      store.setState({ buffers: s.buffers.map((b: { id: string }) => (b.id === s.activeBuffer ? { ...b, text } : b)) });
    }, text);
  // The line numbers beside the error squiggles Monaco draws.
  const errorLines = () =>
    page.evaluate(() => {
      const numbers = Array.from(document.querySelectorAll('.monaco-editor .line-numbers')).map((e) => ({ n: Number(e.textContent), r: e.getBoundingClientRect() }));
      return Array.from(document.querySelectorAll('.monaco-editor .squiggly-error')).map((s) => {
        const r = s.getBoundingClientRect();
        return numbers.find((l) => r.top + r.height / 2 >= l.r.top && r.top + r.height / 2 < l.r.bottom)?.n;
      });
    });
  const applyAndExpectError = async (text: string, line: number, word: string, message: string, hover = message) => {
    await setBuffer(text);
    await expect(page.locator('.monaco-editor .view-lines')).toContainText(text.split('\n')[6]);
    await focusEditor(page);
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('.ph-yaml-editor__status')).toHaveAttribute('data-tone', 'error');
    await expect(page.locator('.ph-yaml-editor__status')).toContainText(message);
    // The terminal wraps long lines: compare without whitespace.
    await expect.poll(async () => (await terminalText(page)).split('(from the editor)').pop()!.replace(/\s/g, '')).toContain(message.replace(/\s/g, ''));
    await expect.poll(errorLines).toContain(line);
    // The marker is the apiserver's message (not only the schema's): hover the line to read it.
    await page.mouse.move(0, 0);
    await page.locator('.monaco-editor .view-line span > span', { hasText: word }).first().hover();
    await expect(page.locator('.monaco-hover').filter({ hasText: hover.slice(0, 40) }).first()).toBeVisible();
  };
  // Applied to a live object this is a patch: the apiserver decodes the patched map and names no
  // field ("patch: Invalid value: …: unrecognized type: int32"); the schema's marker sits on line 7.
  await applyAndExpectError(manifest('three'), 7, 'three', 'unrecognized type: int32', 'Incorrect type. Expected');
  await page.screenshot({ path: 'test-results/invalid-manifest.png' });
  await applyAndExpectError(manifest('5'), 5, 'labelz', 'unknown field "metadata.labelz"');
  // Nothing changed: still 2 replicas of the old image, in the list and through kubectl.
  await page.getByTestId('skip-ahead').click();
  await expect(runningPods(page, 'web-')).toHaveCount(2);
  await page.locator('.xterm-helper-textarea').focus();
  await type(page, 'kubectl get deploy -o wide');
  await expectTerminal(page, /web\s+2\/2\s+2\s+2\s+\S+\s+nginx\s+nginx\s/, 'kubectl get deploy -o wide');
});

test('a crashed Worker restarts from the last save and says so', async ({ page }) => {
  await page.goto('./?e2e=1');
  await expect(page.locator('html[data-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.locator('.xterm-helper-textarea').focus();
  await type(page, 'kubectl create deployment survivor --image=nginx --replicas=2');
  await page.getByTestId('skip-ahead').click();
  await expect(runningPods(page, 'survivor-')).toHaveCount(2);
  const names = await runningPods(page, 'survivor-').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  await page.evaluate(() => (window as any).__pilothouse.bridge.persist());
  await page.evaluate(() => (window as any).__pilothouseCrashWorker());
  await expect(page.getByRole('status').filter({ hasText: 'restarted from its last save' })).toBeVisible();
  await expectTerminal(page, '# The simulation stopped unexpectedly and was restarted from its last save.');
  await expect(runningPods(page, 'survivor-')).toHaveCount(2);
  expect(await runningPods(page, 'survivor-').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(names);
  // The new Worker answers, and what was typed before the crash is still in the history.
  await page.locator('.xterm-helper-textarea').focus();
  await type(page, 'kubectl get deploy survivor');
  await expectTerminal(page, /survivor\s+2\/2/, 'kubectl get deploy survivor');
  await type(page, 'history');
  await expectTerminal(page, /1 {2}kubectl create deployment survivor --image=nginx --replicas=2/, '$ history');
  await page.screenshot({ path: 'test-results/worker-restarted.png' });
});

test('light theme and projector-size text read well', async ({ page }) => {
  await type(page, 'kubectl create deployment web --image=nginx --replicas=3');
  await page.getByTestId('skip-ahead').click();
  await expect(runningPods(page, 'web-')).toHaveCount(3);
  await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html[data-theme="light"]')).toHaveCount(1);
  await runningPods(page, 'web-').first().click();
  await expect(page.locator('.inspector-pane > .pane-body')).toContainText('Running');
  await expect(page.locator('.inspector-pane').getByText('Loading the inspector')).toHaveCount(0);
  await page.locator('.xterm-helper-textarea').focus();
  await type(page, 'kubectl get pods -o wide');
  await expectTerminal(page, /web-\S+\s+1\/1\s+Running/, 'kubectl get pods -o wide');
  await page.screenshot({ path: 'test-results/light-theme.png' });
  // A presenter scales the text up with Ctrl/Cmd + (six steps), in the dark theme.
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  const before = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--font-size'));
  for (let i = 0; i < 6; i++) await page.keyboard.press('Control+=');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--font-size'))).not.toBe(before);
  await page.locator('.xterm-helper-textarea').focus();
  await type(page, 'kubectl get deploy');
  await expectTerminal(page, /web\s+3\/3/, 'kubectl get deploy');
  await page.screenshot({ path: 'test-results/projector.png' });
});
