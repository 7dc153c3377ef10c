import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { clearStorage, openApp, terminalText } from './helpers';

/** Lesson 4, read at test time: what the test types comes from the lesson itself. */
const LESSON = 'deployments-and-replicasets';
const SHOTS = '/tmp/shots';

type Action = { run: string } | { wait: unknown };

/** Each step's solution, from the ```lesson blocks of lesson.md (a bare string is a command). */
function solutions(markdown: string): Action[][] {
  const steps = markdown.split(/^## /m).slice(1);
  return steps.map((step) => {
    const block = /^```lesson\n([\s\S]*?)^```/m.exec(step)?.[1];
    const solution: unknown[] = block ? (parseYaml(block)?.solution ?? []) : [];
    return solution.map((a) => (typeof a === 'string' ? { run: a } : (a as Action)));
  });
}

const pane = (page: Page) => page.getByTestId('lesson-pane');
const stepTitle = (page: Page) => page.getByTestId('step-title');
const PROMPT = 'learner@Azure:~$';

/** Types a command into the terminal and waits for the prompt to come back; a command that waits
 *  in virtual time (`rollout status`) is helped along with skip ahead, as a learner would. */
async function runInTerminal(page: Page, command: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  const started = Date.now();
  let lastSkip = started;
  await expect
    .poll(
      async () => {
        const text = await terminalText(page);
        const tail = text.slice(text.lastIndexOf(command) + command.length);
        const lines = tail.split('\n').filter((l) => l.trim() !== '');
        const back = lines.length > 0 && lines[lines.length - 1].trim() === PROMPT;
        if (!back && Date.now() - lastSkip > 3000) {
          lastSkip = Date.now();
          await page.getByTestId('skip-ahead').click();
        }
        return back;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

async function expectAllChecksGreen(page: Page): Promise<void> {
  const checks = pane(page).locator('.checks li');
  if ((await checks.count()) === 0) return;
  await expect(pane(page).locator('.checks li[data-passed="false"]')).toHaveCount(0);
  await expect(pane(page).locator('.checks li[data-passed="true"]').first()).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await clearStorage(page);
  await openApp(page, '?e2e=1');
});

test('completes lesson 4 by typing its solutions, resumes after a reload, and presents it', async ({ page }) => {
  test.setTimeout(240_000);
  const steps = solutions(readFileSync(`lessons/${LESSON}/lesson.md`, 'utf8'));
  expect(steps.length).toBeGreaterThan(2);

  await page.getByTestId('lessons-toggle').click();
  const card = page.getByTestId(`lesson-${LESSON}`);
  await expect(card).toContainText('beginner');
  await page.screenshot({ path: `${SHOTS}/catalogue.png` });
  await card.getByRole('button', { name: 'Start' }).click();
  await expect(stepTitle(page)).toHaveText(new RegExp(`^Step 1 of ${steps.length}:`));

  // A `yaml file=web.yaml` block opens as an editor tab of that name.
  const open = pane(page).getByRole('button', { name: /^Open .+ in editor$/ }).first();
  if (await open.count()) {
    const name = (await open.textContent())!.replace(/^Open (.+) in editor$/, '$1');
    await open.click();
    await expect(page.getByRole('tab', { name, exact: false }).first()).toHaveAttribute('aria-selected', 'true');
  }

  const resumeAt = Math.min(2, steps.length - 1);
  for (let i = 0; i < steps.length; i++) {
    await expect(stepTitle(page)).toHaveText(new RegExp(`^Step ${i + 1} of ${steps.length}:`));
    if (i === resumeAt) {
      // Mid-lesson: a reload comes back to the same step, with the lesson's cluster.
      await page.waitForTimeout(300);
      await page.reload();
      await expect(page.locator('html[data-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
      await expect(stepTitle(page)).toHaveText(new RegExp(`^Step ${i + 1} of ${steps.length}:`));
      await expect(page.locator('[data-testid^="pods/default/web-"]').first()).toBeVisible();
    }
    for (const action of steps[i]) {
      if ('run' in action) await runInTerminal(page, action.run);
      else await page.getByTestId('skip-ahead').click();
    }
    await expectAllChecksGreen(page);
    if (i === 0) await page.screenshot({ path: `${SHOTS}/lesson-pane.png` });
    if (i < steps.length - 1) await pane(page).getByRole('button', { name: 'Next ▸' }).click();
  }
  await expect(pane(page).locator('.step-dots .dot.done')).toHaveCount(steps.length);
  await page.screenshot({ path: `${SHOTS}/lesson-complete.png` });

  // Presenter mode, from the keyboard (not while typing in the terminal).
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('p');
  await expect(page.locator('.app.presenter')).toHaveCount(0);
  await page.locator('.brand').click();
  await page.keyboard.press('p');
  await expect(page.locator('.app.presenter')).toHaveCount(1);
  await page.keyboard.press('ArrowLeft');
  await expect(stepTitle(page)).toHaveText(new RegExp(`^Step ${steps.length - 1} of`));
  await page.keyboard.press('PageUp');
  await expect(stepTitle(page)).toHaveText(new RegExp(`^Step ${steps.length - 2} of`));
  await page.keyboard.press('ArrowRight');
  await expect(stepTitle(page)).toHaveText(new RegExp(`^Step ${steps.length - 1} of`));
  await page.waitForTimeout(500); // the graph refits to its new pane
  await page.screenshot({ path: `${SHOTS}/presenter.png` });
  await page.keyboard.press('g');
  await expect(page.locator('.app.graph-only')).toHaveCount(1);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/presenter-graph.png` });
  await page.keyboard.press('Escape');
  await expect(page.locator('.app.graph-only')).toHaveCount(0);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause virtual time' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause virtual time' })).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('p');
  await expect(page.locator('.app.presenter')).toHaveCount(0);
});

test('a lesson file picked or dropped on the page opens, and cannot run script', async ({ page }) => {
  await page.getByTestId('lessons-toggle').click();
  await page.getByTestId('lesson-file').setInputFiles('e2e/fixtures/unsafe.lesson.md');
  await expect(stepTitle(page)).toHaveText('Step 1 of 1: Everything a lesson may not do');
  const body = pane(page).locator('.lesson');
  await expect(body.getByRole('link', { name: 'safe docs' })).toHaveAttribute('target', '_blank');
  await expect(body.getByRole('link', { name: 'safe docs' })).toHaveAttribute('rel', /noopener/);
  const found = await body.evaluate((el) => ({
    scripts: el.querySelectorAll('script, iframe').length,
    handlers: Array.from(el.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName}.${a.name}`)),
    jsLinks: Array.from(el.querySelectorAll('[href], [src]')).filter((e) => /javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? '')).length,
    buttons: Array.from(el.querySelectorAll('.markdown button')).map((b) => b.textContent),
    hacked: (window as unknown as { hacked?: string }).hacked,
  }));
  expect(found).toEqual({ scripts: 0, handlers: [], jsLinks: 0, buttons: [], hacked: undefined });
  await page.screenshot({ path: `${SHOTS}/unsafe-lesson.png` });

  // Back in the sandbox, then the same file dropped on the page.
  await pane(page).getByRole('button', { name: 'All lessons' }).click();
  await pane(page).getByRole('button', { name: /Leave the lesson/ }).click();
  await expect(stepTitle(page)).toHaveCount(0);
  const text = readFileSync('e2e/fixtures/unsafe.lesson.md', 'utf8');
  await page.evaluate((md) => {
    const data = new DataTransfer();
    data.items.add(new File([md], 'unsafe.lesson.md', { type: 'text/markdown' }));
    document.querySelector('.terminal-pane')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text);
  await expect(stepTitle(page)).toHaveText('Step 1 of 1: Everything a lesson may not do');
});
