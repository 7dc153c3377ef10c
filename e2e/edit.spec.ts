import { expect, test } from '@playwright/test';
import { clearStorage, expectTerminal, focusEditor, openApp, terminalText, type } from './helpers';

test.beforeEach(async ({ page }) => {
  await clearStorage(page);
  await openApp(page);
});

test('kubectl edit opens the deployment in an editor tab; Ctrl+Enter saves it and the command patches', async ({ page }) => {
  await type(page, 'kubectl create deployment web --image=nginx --replicas=3');
  await expectTerminal(page, 'deployment.apps/web created');
  await type(page, 'kubectl edit deploy/web --output-patch');
  const tab = page.getByRole('tab', { name: 'edit deployment/web' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.ph-yaml-editor__apply')).toHaveText('Save and close');
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText("# Please edit the object below. Lines beginning with a '#' will be ignored,");
  // The command waits for the editor, as kubectl waits for vi.
  expect(await terminalText(page)).not.toContain('edited');

  // Find `replicas: 3` from the top (spec comes before status), type over the selection, save.
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+F');
  // Typing in the find box selects the first match after the cursor.
  await page.keyboard.type('replicas: 3');
  await page.keyboard.press('Escape');
  await page.keyboard.type('replicas: 5');
  await page.keyboard.press('Control+Enter');
  await expectTerminal(page, 'deployment.apps/web edited');
  await expect(tab).toHaveCount(0);
  await page.screenshot({ path: 'test-results/edit-saved.png' });

  await page.locator('.xterm-helper-textarea').focus();
  await type(page, "kubectl get deploy web -o jsonpath='{.spec.replicas}{\"\\n\"}'");
  await expect.poll(async () => (await terminalText(page)).split('jsonpath=').pop()).toMatch(/\n5\s*\n/);
});

test('closing the tab cancels kubectl edit', async ({ page }) => {
  await type(page, 'kubectl create deployment web --image=nginx');
  await type(page, 'kubectl edit deployment web');
  const tab = page.getByRole('tab', { name: 'edit deployment/web' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Close edit deployment/web' }).click();
  await expectTerminal(page, 'Edit cancelled, no changes made.');
  await expect(tab).toHaveCount(0);
});
