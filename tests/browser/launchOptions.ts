import { existsSync } from 'node:fs';

/**
 * How the browser tests start Chromium: Debian's (/usr/bin/chromium) on our
 * machines, Playwright's own elsewhere; the flags keep it off the closed
 * network. Shared by playwright.config.ts and tests that launch a browser
 * themselves (a persistent profile, to close and reopen it).
 */
const debianChromium = '/usr/bin/chromium';

export const launchOptions = {
  executablePath: existsSync(debianChromium) ? debianChromium : undefined,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
