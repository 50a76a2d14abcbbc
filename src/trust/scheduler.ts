import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { Db, type Neo4jTarget } from '../db/driver.js';
import type { RecomputeReport } from './compute.js';
import { privacySweep } from '../privacy/service.js';

/**
 * The heap of a recomputation: 100,000 people and 1,000,000 relationships need more than 256 MB (measured: it
 * fails there) and run in 4 GB.
 */
const RECOMPUTE_HEAP_MB = 4096;

/**
 * A full recomputation of one graph in a child process (recompute-job.ts): the gateway keeps serving requests
 * while it runs, and its memory is the child's own.
 */
export function recomputeInChild(target: Neo4jTarget, dataset: string | null): Promise<RecomputeReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./recompute-job.ts', import.meta.url)), [], {
      // TypeScript loaded as the gateway loads it; not the gateway's own flags (its heap limit among them).
      execArgv: ['--import', 'tsx', `--max-old-space-size=${RECOMPUTE_HEAP_MB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: { report?: RecomputeReport; error?: string } = {};
    child.once('message', (message: typeof outcome) => (outcome = message));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (outcome.report) resolve(outcome.report);
      else reject(new Error(outcome.error ?? `the trust recomputation stopped (exit code ${code})`));
    });
    child.send({ target, dataset });
  });
}

/**
 * The scheduled refresh: every `intervalMs`, the privacy sweep (disputes past their deadline, expired erasure
 * tombstones), then the graphs with stale users (a rating since their last full computation: FxG is global) or
 * with incremental residual left (incremental.ts) are recomputed in full: a periodic correction. NETWORK itself
 * never waits: writes update it incrementally in their own transaction, as IDENTITY, HISTORY and REPUTATION.
 */
export function startTrustScheduler(
  driver: Driver,
  target: Neo4jTarget,
  options: { intervalMs: number; log?: (line: string) => void },
): () => void {
  if (options.intervalMs <= 0) return () => undefined;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const db = new Db(driver, target.database);
      // Disputes past their deadline are upheld first, so the refresh below already counts their removal.
      const swept = await privacySweep(db);
      if (swept.upheld + swept.tombstones > 0) {
        options.log?.(
          `credence: upheld ${swept.upheld} disputes past their deadline, deleted ${swept.tombstones} expired tombstones`,
        );
      }
      // Graphs with people marked stale (FxG after ratings), or whose incremental state is stale or holds residual.
      const stale = await db.read<{ dataset: string | null }>(
        `CALL () {
           MATCH (u:User {trustStale: true}) RETURN DISTINCT u.dataset AS dataset
           UNION
           MATCH (g:TrustGraph) WHERE g.stale OR g.residual > 0
           RETURN CASE g.key WHEN '' THEN null ELSE g.key END AS dataset
         }
         RETURN DISTINCT dataset`,
      );
      for (const { dataset } of stale) {
        const report = await recomputeInChild(target, dataset);
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
