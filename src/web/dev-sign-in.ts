/**
 * Development sign-in for the web app (CREDENCE_DEV_SIGN_IN, on by default outside production and never in it):
 * `GET /dev/people` lists the demo people, `POST /dev/token {"userId"}` mints a user token for an existing
 * account. Anyone who can reach these routes can act as anyone, which is why production refuses them (the
 * config will not load with them on, and the gateway mounts them only when the config says so).
 */
import express from 'express';
import { mintToken } from '../auth/tokens.js';
import type { Config } from '../config.js';
import type { Db } from '../db/driver.js';

export interface DemoPerson {
  id: string;
  handle: string;
  displayName: string | null;
}

/** Development tokens live an hour: long enough for a session, short of the 24-hour ceiling. */
const DEV_TOKEN_LIFETIME = '1h';

async function demoPeople(db: Db): Promise<DemoPerson[]> {
  return db.read<DemoPerson>(
    `MATCH (u:User) WHERE u.id STARTS WITH 'demo-' AND u.status = 'ACTIVE'
     RETURN u.id AS id, u.handle AS handle, u.displayName AS displayName ORDER BY u.handle LIMIT 50`,
  );
}

async function accountExists(db: Db, userId: string): Promise<boolean> {
  const rows = await db.read<{ id: string }>('MATCH (u:User {id: $userId}) RETURN u.id AS id', { userId });
  return rows.length > 0;
}

export function devSignInRouter(config: Config, db: () => Db): express.Router {
  const router = express.Router();
  router.get('/people', async (_req, res, next) => {
    try {
      res.json({ people: await demoPeople(db()) });
    } catch (error) {
      next(error);
    }
  });
  router.post('/token', express.json({ limit: '1kb' }), async (req, res, next) => {
    try {
      const userId = (req.body as { userId?: unknown } | undefined)?.userId;
      if (typeof userId !== 'string' || userId.length === 0 || userId.length > 200) {
        res.status(400).json({ error: 'userId (a string) is required' });
        return;
      }
      if (!(await accountExists(db(), userId))) {
        res.status(404).json({ error: 'No such account' });
        return;
      }
      const token = await mintToken(config.jwtSecret, { sub: userId, role: 'user' }, DEV_TOKEN_LIFETIME);
      res.json({ token });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
