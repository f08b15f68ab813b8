/** Debian's Chromium for the browser tests and the panel benchmark, never a downloaded browser; the flags keep it quiet and offline. */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install Debian's: apt-get install -y --no-install-recommends chromium fonts-inter ` +
        '(or set CHROMIUM_PATH). Foresight never downloads a browser.'
    );
  }
}
