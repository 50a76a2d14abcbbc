import type { Driver } from 'neo4j-driver';
import { Db } from '../db/driver.js';
import { recomputeGraph } from './compute.js';

/**
 * The scheduled refresh: every `intervalMs`, the graphs with stale users (a vouch, rating or anchor change since
 * their last full computation) are recomputed in full, so NETWORK is never older than one interval plus the
 * computation time. IDENTITY, HISTORY and REPUTATION never wait: writes refresh them in their own transaction.
 */
export function startTrustScheduler(
  driver: Driver,
  options: { database?: string; intervalMs: number; log?: (line: string) => void },
): () => void {
  if (options.intervalMs <= 0) return () => undefined;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const db = new Db(driver, options.database);
      const stale = await db.read<{ dataset: string | null }>(
        'MATCH (u:User {trustStale: true}) RETURN DISTINCT u.dataset AS dataset',
      );
      for (const { dataset } of stale) {
        const report = await recomputeGraph(driver, { database: options.database, dataset });
        options.log?.(`credence: refreshed ${dataset ?? 'native'} trust (${report.users} users)`);
      }
    } catch (error) {
      // The database may be down; the next tick tries again.
      options.log?.(`credence: scheduled trust refresh failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
