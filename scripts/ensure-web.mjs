/**
 * Builds the web app (web/ → web/dist, served by the gateway at /app) when it is missing or older than its
 * sources. Run by `npm start`, `npm test` and the browser tests' set-up; `npm run web:build` always builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const web = join(root, 'web');
const built = join(web, 'dist', 'index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts')];
const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
if (stale) {
  console.log(`credence: building the web app (${existsSync(built) ? 'sources changed' : 'not built yet'})…`);
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    console.error('credence: the web app did not build (see above)');
    process.exit(result.status ?? 1);
  }
}
