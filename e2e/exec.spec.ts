import { expect, test } from '@playwright/test';
import { clearStorage, expectTerminal, openApp, terminalText, type } from './helpers';

test.beforeEach(async ({ page }) => {
  await clearStorage(page);
  await openApp(page);
});

test('kubectl exec -it opens a shell in the container until exit', async ({ page }) => {
  await type(page, 'kubectl run box --image=busybox -- sleep 3600');
  await expectTerminal(page, 'pod/box created');
  await page.getByTestId('skip-ahead').click();
  await expect(page.locator('[data-testid="pods/default/box"][data-status="Running"]')).toHaveCount(1);
  await page.locator('.xterm-helper-textarea').focus();
  await type(page, 'kubectl exec -it box -- sh');
  await expectTerminal(page, '/ # ');
  await type(page, 'cd /tmp && echo hello > note');
  await expectTerminal(page, '/tmp # ', 'cd /tmp');
  await type(page, 'cat note; hostname');
  await expectTerminal(page, 'hello\nbox\n/tmp # ', 'cat note');
  await page.screenshot({ path: 'test-results/exec-shell.png' });
  await type(page, 'exit 3');
  await expectTerminal(page, 'command terminated with exit code 3', 'exit 3');
  // Back at the terminal's own prompt, with the exec in its history and not the container's lines.
  await type(page, 'echo $?');
  await expectTerminal(page, '\n3', 'echo $?');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await terminalText(page)).trimEnd().endsWith('kubectl exec -it box -- sh')).toBe(true);
});
