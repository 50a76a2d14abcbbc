// Installs node modules when they are missing or older than the lockfile, so that `npm start` and
// `npm test` work on a fresh clone. Plain Node.js on purpose: it runs before any dependency exists.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('credence: installing node modules (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
