import { defineConfig } from '@playwright/test';
import { launchOptions } from './tests/browser/launchOptions';

/**
 * Browser tests run against the built site: `npm run build:test` builds it
 * twice, at the root (dist/) and under a sub-path (dist-course/, as on a
 * GitHub Pages project site), and scripts/serveSite.ts serves each with the
 * site's Content-Security-Policy on every response (no 'unsafe-eval').
 */
export default defineConfig({
  testDir: 'tests/browser',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { launchOptions },
  projects: [
    { name: 'root', testIgnore: /basePath/, use: { baseURL: 'http://127.0.0.1:4321/' } },
    { name: 'sub-path', testMatch: /basePath/, use: { baseURL: 'http://127.0.0.1:4322/course/' } },
  ],
  webServer: [
    {
      command: 'node --import tsx scripts/serveSite.ts --dir dist --port 4321 --strict-port',
      url: 'http://127.0.0.1:4321/',
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'node --import tsx scripts/serveSite.ts --dir dist-course --base /course/ --port 4322 --strict-port',
      url: 'http://127.0.0.1:4322/course/',
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
