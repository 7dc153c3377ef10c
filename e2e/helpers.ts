import { expect, type Page } from '@playwright/test';

/** The terminal's whole buffer as text (xterm renders only the viewport into the DOM). */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const t = (window as any).__pilothouseTerminal;
    if (!t) return '';
    const b = t.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  });
}

/** Opens the app (with `query`, e.g. `?e2e=1` for the test hooks) and waits until the simulation has booted and the terminal has focus. */
export async function openApp(page: Page, query = ''): Promise<void> {
  page.on('console', (m) => m.type() === 'error' && console.log(`[page] ${m.text()}`));
  page.on('pageerror', (e) => console.log(`[page] ${e.message}`));
  await page.goto(`./${query}`);
  await expect(page.locator('html[data-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.locator('.xterm-helper-textarea').focus();
}

/** Types a command and presses Enter. */
export async function type(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Waits until the terminal shows `text` (after the last occurrence of `after`, if given). */
export async function expectTerminal(page: Page, text: string | RegExp, after?: string): Promise<void> {
  await expect
    .poll(async () => {
      let t = await terminalText(page);
      if (after) t = t.slice(t.lastIndexOf(after));
      return typeof text === 'string' ? t.includes(text) : text.test(t);
    })
    .toBe(true);
}

/** Clears the app's storage so a test starts from a fresh cluster. */
export async function clearStorage(page: Page): Promise<void> {
  await page.goto('./');
  await page.evaluate(async () => {
    const regs = await navigator.serviceWorker?.getRegistrations?.();
    for (const r of regs ?? []) await r.unregister();
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase('pilothouse');
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    });
  });
}

/**
 * Puts the caret in the editor by clicking near the top-left of its visible area. Clicking the
 * centre of `.view-lines` is unsafe: for a long buffer that element is taller than the editor, so
 * its centre lies under the splitter and Playwright scrolls the editor trying to reach it.
 */
export async function focusEditor(page: Page): Promise<void> {
  const editor = page.locator('.monaco-editor .overflow-guard').first();
  await editor.waitFor({ timeout: 30_000 });
  // A hover left open by an earlier step would take the click: move away until it closes.
  await page.mouse.move(0, 0);
  await expect(page.locator('.monaco-hover').filter({ visible: true })).toHaveCount(0);
  await editor.click({ position: { x: 120, y: 10 } });
}
