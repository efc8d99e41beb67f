import { defineConfig } from '@playwright/test';

/*
 * Browser tests of the web UI against a running Vigil (VIGIL_UI_URL, e.g. http://127.0.0.1:8080).
 * system-tests' WebUiBrowserTest starts the packaged services, loads the demo's data and runs this suite.
 * The browser is Debian's chromium (installed by ./vigil test when missing): Playwright never downloads one.
 */
const baseURL = process.env.VIGIL_UI_URL;
if (!baseURL) {
  throw new Error('VIGIL_UI_URL is not set: point it at a running Vigil, e.g. VIGIL_UI_URL=http://127.0.0.1:8080');
}

const outputDir = process.env.VIGIL_UI_TEST_OUTPUT ?? '../system-tests/target/playwright-output';

export default defineConfig({
  testDir: './e2e',
  // Signs in once (e2e/global-setup.ts); every spec starts with that session unless it says otherwise.
  globalSetup: './e2e/global-setup.ts',
  // One browser at a time: the machines that run this have two cores and the services run beside it.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  // A broken build fails fast instead of waiting out every expectation of every test.
  maxFailures: process.env.CI ? 8 : 0,
  reporter: [['list']],
  outputDir,
  use: {
    baseURL,
    storageState: `${outputDir}/../playwright-session.json`,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
});
