/**
 * The web app (web/, built by Vite into web/dist) served at /app: hashed assets cached for a year, every other
 * path under /app answered with index.html so the app's own router takes it (a reload of /app/score works).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express from 'express';

export const WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

export function webAppRouter(dist = WEB_DIST): express.Router {
  const router = express.Router();
  const index = join(dist, 'index.html');
  router.use(
    '/assets',
    express.static(join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(express.static(dist, { index: false }));
  router.get('/{*path}', (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built: run `npm run web:build`.\n');
      return;
    }
    // The page itself must not be cached: it names the current hashed assets.
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
