import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { clearStorage, expectTerminal, openApp, terminalText, type } from './helpers';

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
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Enter');
  await expectTerminal(page, 'deployment.apps/web created');
  await page.getByTestId('skip-ahead').click();
  await expect(runningPods(page, 'web-')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/editor-apply.png' });
});
