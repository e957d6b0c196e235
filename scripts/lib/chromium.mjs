// Debian's Chromium driven by playwright-core. Playwright never downloads a browser here: it is pointed at
// the system one, and the flags keep a headless Chromium quiet on a machine with no network beyond loopback.
import * as fs from 'node:fs';
import { chromium } from 'playwright-core';
import { HarnessError, onCleanup, withTimeout } from './processes.mjs';

const EXECUTABLE = process.env.ACTIVATION_LENS_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox', // root in a container has no user namespaces for the sandbox
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking', // otherwise it dials Google's hosts and the closed network refuses, many at a time
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage', // small /dev/shm in containers makes renderers crash under load
];

/** Fails at once, before anything is started, on a machine without the browser. */
export function requireChromium() {
  if (!fs.existsSync(EXECUTABLE)) {
    throw new HarnessError(`Chromium is missing at ${EXECUTABLE}: install it (apt-get install -y chromium) or set ACTIVATION_LENS_CHROMIUM`);
  }
}

export async function launchChromium({ headless = true } = {}) {
  requireChromium();
  const browser = await withTimeout(
    chromium.launch({
      executablePath: EXECUTABLE,
      headless,
      args: ARGS,
      // Our own handlers stop the browser together with code-server (scripts/lib/processes.mjs).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 60_000,
    }),
    90_000,
    `Chromium (${EXECUTABLE}) did not start within 90 s`,
  );
  onCleanup(() => withTimeout(browser.close(), 15_000, 'Chromium did not close within 15 s').catch(() => {}));
  return browser;
}
