import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { Db, type Neo4jTarget } from '../db/driver.js';
import { acquireLease, releaseLease } from '../db/lease.js';
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

/** Recomputations running now, so that a shutdown can wait for them to end (stopRecomputations). */
const running = new Set<ChildProcess>();

/**
 * A full recomputation of one graph in a child process (recompute-job.ts): the gateway keeps serving requests
 * while it runs, and its memory is the child's own. `signal` ends the child (the scheduler lost its lease).
 */
export function recomputeInChild(
  target: Neo4jTarget,
  dataset: string | null,
  signal?: AbortSignal,
): Promise<RecomputeReport> {
  return new Promise((resolve, reject) => {
    const child = fork(JOB, [], {
      execArgv: JOB_FLAGS,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      signal,
    });
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
 * Ends the recomputations of this process still running (at shutdown, after the scheduler's stop() aborted them)
 * and waits for their exit. Each batch a recomputation writes is its own transaction; people of batches not yet
 * written stay marked stale, so the next scheduled recomputation takes the graph up again.
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

/** The lease that makes one gateway process, of any number sharing the database, run the scheduled refresh. */
export const RECOMPUTE_LEASE = 'trust-recompute';
/** How long the lease outlives its holder's last renewal: a crashed holder is replaced within this. */
export const RECOMPUTE_LEASE_TTL_MS = 30_000;

export interface TrustSchedulerOptions {
  intervalMs: number;
  log?: (line: string) => void;
  /** This process's id in the lease (default: host, pid and a random suffix). */
  holder?: string;
  leaseTtlMs?: number;
  /**
   * Only these graphs (a dataset, or null for the native graph), under a lease of their own, and without the
   * privacy sweep: a refresher dedicated to some datasets, and tests that must not touch others' data.
   */
  graphs?: readonly (string | null)[];
}

export interface TrustScheduler {
  holder: string;
  /** Stops the timer, ends a running recomputation and gives the lease up so another process takes it at once. */
  stop(): Promise<void>;
  /** Stops the timer without giving the lease up: what a crash looks like to the other processes (tests). */
  abandon(): void;
}

/**
 * The scheduled refresh: every `intervalMs`, the privacy sweep (disputes past their deadline, expired erasure
 * tombstones), then the graphs with stale users (a rating since their last full computation: FxG is global) or
 * with incremental residual left (incremental.ts) are recomputed in full: a periodic correction. NETWORK itself
 * never waits: writes update it incrementally in their own transaction, as IDENTITY, HISTORY and REPUTATION.
 *
 * Every gateway process runs this timer; only the holder of the lease (src/db/lease.ts) does the work. The timer
 * fires at least three times per lease lifetime to renew it; a period's work is claimed on the lease node itself
 * (periodStartedAt on the database's clock), so a new holder does not repeat the period its predecessor ran. The
 * node also counts the periods and the graphs recomputed, with who ran them last.
 */
export function startTrustScheduler(
  driver: Driver,
  target: Neo4jTarget,
  options: TrustSchedulerOptions,
): TrustScheduler {
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  if (options.intervalMs <= 0) return { holder, stop: async () => undefined, abandon: () => undefined };
  const ttlMs = options.leaseTtlMs ?? RECOMPUTE_LEASE_TTL_MS;
  const scoped = options.graphs !== undefined;
  const leaseName = scoped
    ? `${RECOMPUTE_LEASE}:${options.graphs!.map((g) => g ?? 'native').join(',')}`
    : RECOMPUTE_LEASE;
  const db = new Db(driver, target.database);
  let running = false;
  let stopped = false;
  let abort = new AbortController();

  const work = async () => {
    // Disputes past their deadline are upheld first, so the refresh below already counts their removal.
    if (!scoped) {
      const swept = await privacySweep(db);
      if (swept.upheld + swept.tombstones > 0) {
        options.log?.(
          `credence: upheld ${swept.upheld} disputes past their deadline, deleted ${swept.tombstones} expired tombstones`,
        );
      }
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
      if (scoped && !options.graphs!.includes(dataset)) continue;
      if (abort.signal.aborted) return;
      const report = await recomputeInChild(target, dataset, abort.signal);
      await countRecompute(db, leaseName, holder);
      options.log?.(`credence: refreshed ${dataset ?? 'native'} trust (${report.users} users)`);
    }
  };

  const tick = async () => {
    if (stopped) return;
    try {
      const lease = await acquireLease(db, leaseName, holder, ttlMs);
      if (!lease.held) {
        // Lost while a recomputation ran (the database was unreachable longer than the lease): the new holder
        // runs the refresh; this process stops its own copy rather than write beside it.
        if (running) abort.abort();
        return;
      }
      if (running || !(await claimPeriod(db, leaseName, holder, options.intervalMs))) return;
      running = true;
      abort = new AbortController();
      try {
        await work();
      } finally {
        running = false;
      }
    } catch (error) {
      // The database may be down; the next tick tries again.
      options.log?.(`credence: scheduled trust refresh failed: ${(error as Error).message}`);
    }
  };
  const timer = setInterval(() => void tick(), Math.max(10, Math.min(options.intervalMs, ttlMs / 3)));
  timer.unref();
  void tick();
  return {
    holder,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      abort.abort();
      await releaseLease(db, leaseName, holder).catch(() => undefined);
    },
    abandon: () => {
      stopped = true;
      clearInterval(timer);
      abort.abort();
    },
  };
}

/**
 * Starts a refresh period when the last one began at least `intervalMs` ago (or never), for the lease's holder
 * only: one statement, under the lease node's write lock.
 */
async function claimPeriod(db: Db, name: string, holder: string, intervalMs: number): Promise<boolean> {
  const [row] = await db.writeTx((tx) =>
    tx.run<{ claimed: boolean }>(
      `MATCH (l:Lease {name: $name})
       SET l.lock = true
       WITH l, datetime.realtime() AS now
       WITH l, now, l.holder = $holder AND l.expiresAt > now AND
            (l.periodStartedAt IS NULL OR l.periodStartedAt <= now - duration({milliseconds: $intervalMs})) AS claimed
       SET l.periodStartedAt = CASE WHEN claimed THEN now ELSE l.periodStartedAt END,
           l.periods = coalesce(l.periods, 0) + CASE WHEN claimed THEN 1 ELSE 0 END
       REMOVE l.lock
       RETURN claimed`,
      { name, holder, intervalMs },
    ),
  );
  return row?.claimed === true;
}

/** One graph recomputed by the lease's holder: counted on the lease node (operators and tests read it). */
async function countRecompute(db: Db, name: string, holder: string): Promise<void> {
  await db.writeTx((tx) =>
    tx.run(
      `MATCH (l:Lease {name: $name})
       SET l.recomputes = coalesce(l.recomputes, 0) + 1, l.lastRecomputeBy = $holder,
           l.lastRecomputeAt = datetime.realtime()`,
      { name, holder },
    ),
  );
}
