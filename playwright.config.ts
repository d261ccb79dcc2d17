import { defineConfig } from '@playwright/test';
import { launchOptions } from './tests/browser/launchOptions';

/**
 * Browser tests run against the built site: `npm run build:test` builds it
 * twice, at the root (dist/) and under a sub-path (dist-course/, as on a
 * GitHub Pages project site), and scripts/serveSite.ts serves each with the
 * site's Content-Security-Policy on every response (no 'unsafe-eval').
 *
 * The tests serve on ports of their own (4391/4392), so a site left running by
 * `npm start` (4321) does not stop them; TEST_PORT moves both, and TEST_DIST /
 * TEST_DIST_COURSE point at other builds (two checkouts testing at once).
 */
const port = Number(process.env.TEST_PORT ?? 4391);
const dist = process.env.TEST_DIST ?? 'dist';
const distCourse = process.env.TEST_DIST_COURSE ?? 'dist-course';
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
    { name: 'root', testIgnore: /basePath/, use: { baseURL: `http://127.0.0.1:${port}/` } },
    { name: 'sub-path', testMatch: /basePath/, use: { baseURL: `http://127.0.0.1:${port + 1}/course/` } },
  ],
  webServer: [
    {
      command: `node --import tsx scripts/serveSite.ts --dir ${dist} --port ${port} --strict-port`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node --import tsx scripts/serveSite.ts --dir ${distCourse} --base /course/ --port ${port + 1} --strict-port`,
      url: `http://127.0.0.1:${port + 1}/course/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
