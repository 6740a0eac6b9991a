// End-to-end tests: Debian's Chromium (Playwright cannot download browsers here) against the
// built static workbench (apps/workbench/build) served locally by scripts/serve.mjs.
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.SEGMINT_E2E_PORT ?? 4791);

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    },
    viewport: { width: 1440, height: 1000 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure'
  },
  webServer: {
    // Build the app first (a turbo cache hit when `npm test` has just built it), so
    // `npm run test:e2e` also works on its own on a fresh clone.
    command: `npx turbo run build --filter=@segmint/workbench... --output-logs=errors-only && node scripts/serve.mjs apps/workbench/build --port ${port}`,
    cwd: root,
    env: { TURBO_TELEMETRY_DISABLED: '1' },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 300_000
  }
});
