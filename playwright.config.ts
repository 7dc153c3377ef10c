import { defineConfig } from '@playwright/test';

// End-to-end tests against the built app (dist/, served statically) in Debian's Chromium.
// `npm run e2e` builds first; scripts/ensure-chromium.mjs installs Chromium where it is missing.
// A free-ish port chosen once by the runner and inherited by its workers, so a dev server or a
// second run on this machine does not collide with the tests. Below Linux's ephemeral range
// (32768-60999), where the kernel may be holding the port for an outgoing connection.
process.env.PILOTHOUSE_E2E_PORT ??= String(21000 + Math.floor(Math.random() * 8000));
const PORT = Number(process.env.PILOTHOUSE_E2E_PORT);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // One retry, reported as "flaky" in the list, so a slow CI machine's hiccup shows without
  // turning the run red; a test that fails twice still fails.
  retries: 1,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1366, height: 768 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `node scripts/serve-dist.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
  },
});
