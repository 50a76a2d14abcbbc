/**
 * Finds (or obtains) a Chromium for the browser tests, and says what it did: CHROME_PATH; Playwright's own
 * installed browser; a system Chromium or Chrome; Playwright's installer (needs its download site); as a last
 * resort, the distribution's `chromium` package when running as root on Debian/Ubuntu.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SYSTEM_BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function onPath(name: string): string | null {
  const found = spawnSync('which', [name], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  return path && existsSync(path) ? path : null;
}

function playwrightBrowser(): string | null {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function systemBrowser(): string | null {
  for (const name of SYSTEM_BROWSERS) {
    const path = onPath(name);
    if (path) return path;
  }
  return null;
}

export function findChromium(log: (line: string) => void = console.log): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    log(`browser tests: using CHROME_PATH (${fromEnv})`);
    return fromEnv;
  }
  const installed = playwrightBrowser() ?? null;
  if (installed) {
    log(`browser tests: using Playwright's installed Chromium (${installed})`);
    return installed;
  }
  const system = systemBrowser();
  if (system) {
    log(`browser tests: using the system's browser (${system})`);
    return system;
  }
  log(
    "browser tests: no Chromium found; trying Playwright's installer (npx playwright-core install chromium)…",
  );
  const install = spawnSync('npx', ['playwright-core', 'install', 'chromium'], {
    stdio: 'inherit',
    timeout: 300_000,
  });
  const downloaded = install.status === 0 ? playwrightBrowser() : null;
  if (downloaded) {
    log(`browser tests: installed Playwright's Chromium (${downloaded})`);
    return downloaded;
  }
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    log("browser tests: Playwright's download failed; installing the distribution's chromium (apt-get)…");
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit' });
    const packaged = systemBrowser();
    if (packaged) {
      log(`browser tests: installed the distribution's Chromium (${packaged})`);
      return packaged;
    }
  }
  throw new Error(
    'No Chromium for the browser tests: set CHROME_PATH, or install one (`npx playwright-core install chromium`, or `apt-get install chromium`)',
  );
}
