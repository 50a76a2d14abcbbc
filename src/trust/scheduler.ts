import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { Db, type Neo4jTarget } from '../db/driver.js';
import type { RecomputeReport } from './compute.js';
import { privacySweep } from '../privacy/service.js';
import { trustRecomputeDuration, trustRecomputeLastSuccess } from '../observability/metrics.js';

/**
 * The heap of a recomputation: 100,000 people and 1,000,000 relationships need more than 256 MB (measured: it
 * fails there) and run in 4 GB.
 */
const RECOMPUTE_HEAP_MB = 4096;

/**
 * The job's module beside this one: compiled JavaScript in the production build (dist/), run by plain node;
 * TypeScript in development, loaded through tsx as the gateway is. Never the gateway's own flags (its heap limit).
 */
const COMPILED = import.meta.url.endsWith('.js');
const JOB = fileURLToPath(new URL(COMPILED ? './recompute-job.js' : './recompute-job.ts', import.meta.url));
const JOB_FLAGS = [...(COMPILED ? [] : ['--import', 'tsx']), `--max-old-space-size=${RECOMPUTE_HEAP_MB}`];

/** Recomputations running now, so that a shutdown can stop them (stopRecomputations). */
const running = new Set<ChildProcess>();

/**
 * A full recomputation of one graph in a child process (recompute-job.ts): the gateway keeps serving requests
 * while it runs, and its memory is the child's own.
 */
export function recomputeInChild(target: Neo4jTarget, dataset: string | null): Promise<RecomputeReport> {
  return new Promise((resolve, reject) => {
    const child = fork(JOB, [], { execArgv: JOB_FLAGS, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    running.add(child);
    const began = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - began) / 1e9;
    let outcome: { report?: RecomputeReport; error?: string } = {};
    child.once('message', (message: typeof outcome) => (outcome = message));
    child.once('error', reject);
    child.once('exit', (code) => {
      running.delete(child);
      if (outcome.report) {
        trustRecomputeDuration.observe({ outcome: 'success' }, seconds());
        trustRecomputeLastSuccess.set(Date.now() / 1000);
        resolve(outcome.report);
      } else {
        trustRecomputeDuration.observe({ outcome: 'failure' }, seconds());
        reject(new Error(outcome.error ?? `the trust recomputation stopped (exit code ${code})`));
      }
    });
    child.send({ target, dataset });
  });
}

/**
 * Stops the recomputations in flight (at shutdown). Each batch a recomputation writes is its own transaction; people
 * of batches not yet written stay marked stale, so the next scheduled recomputation takes the graph up again.
 */
export async function stopRecomputations(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * The scheduled refresh: every `intervalMs`, the privacy sweep (disputes past their deadline, expired erasure
 * tombstones), then the graphs with stale users (a vouch, rating or anchor change since
 * their last full computation) are recomputed in full, so NETWORK is never older than one interval plus the
 * computation time. IDENTITY, HISTORY and REPUTATION never wait: writes refresh them in their own transaction.
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
      const stale = await db.read<{ dataset: string | null }>(
        'MATCH (u:User {trustStale: true}) RETURN DISTINCT u.dataset AS dataset',
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
