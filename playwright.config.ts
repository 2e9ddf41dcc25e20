import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: `npx playwright test` builds the site, serves it with
 * `vite preview` on 127.0.0.1, and drives the system's Chromium (Playwright's
 * own browser download is not used).
 *
 * Environment:
 * - `CHROMIUM_PATH`, then `PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH`: the browser to run.
 * - `E2E_PORT`: port of the preview server, default 4173. Use another one when
 *   4173 is taken, since outside CI a server already listening there is reused.
 * - `CI`: one worker, and always a fresh build and server.
 */

/** System paths tried, in order, after the environment variables. */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Returns the Chromium executable to run.
 *
 * @throws Error listing every path tried and how to install or point to a browser.
 */
function findChromium(): string {
  const tried: string[] = [];
  for (const variable of ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH']) {
    const path = process.env[variable];
    if (path) {
      if (existsSync(path)) {
        return path;
      }
      tried.push(`${path} (from ${variable})`);
    }
  }
  for (const path of CHROMIUM_PATHS) {
    if (existsSync(path)) {
      return path;
    }
    tried.push(path);
  }
  throw new Error(
    `No Chromium executable found for the end-to-end tests. Tried: ${tried.join(', ')}. ` +
      'Install it (on Debian: apt-get install chromium) or set CHROMIUM_PATH to the browser executable.',
  );
}

/** Returns the preview server's port from `E2E_PORT`, default 4173. */
function previewPort(): number {
  const text = process.env.E2E_PORT ?? '4173';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65_535) {
    throw new Error(`Invalid E2E_PORT ${JSON.stringify(text)}; expected a TCP port number such as 4174`);
  }
  return port;
}

const port = previewPort();
const origin = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  // CI machines have 2 cores: the build, the preview server and one browser already share them.
  workers: process.env.CI ? 1 : undefined,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  use: {
    baseURL: origin,
    browserName: 'chromium',
    launchOptions: {
      executablePath: findChromium(),
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: origin,
    reuseExistingServer: !process.env.CI,
    // The build took about 2 s on a 2-core machine; the limit leaves room for a slow, busy CI machine.
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
