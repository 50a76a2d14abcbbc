import type { Db } from './driver.js';

/**
 * A named lease in Neo4j, held by at most one gateway process at a time: `(:Lease {name})` with the holder's id
 * and an expiry on the database's clock (so the gateways' clocks never need to agree). The holder renews it before
 * it expires; a holder that crashed stops renewing, and after the expiry another process takes it.
 */
export interface LeaseState {
  /** Whether `holder` holds the lease after this call. */
  held: boolean;
  holder: string | null;
  expiresAt: string | null;
}

/**
 * Takes the lease if it is free, expired or already `holder`'s, and (re)sets its expiry to now + ttlMs; else
 * leaves it as it is. One statement: the first SET write-locks the node, so of two processes racing for an expired
 * lease the second reads the first one's committed holder after the lock and backs off. MERGE on the unique name
 * (migration lease_name) creates the node once even when two processes start together.
 */
export async function acquireLease(db: Db, name: string, holder: string, ttlMs: number): Promise<LeaseState> {
  const [row] = await db.writeTx((tx) =>
    tx.run<LeaseState>(
      `MERGE (l:Lease {name: $name})
       SET l.lock = true
       WITH l, datetime.realtime() AS now, l.holder AS previous
       WITH l, now, previous, previous IS NULL OR previous = $holder OR l.expiresAt <= now AS free
       SET l.acquiredAt = CASE WHEN free AND coalesce(previous, '') <> $holder THEN now ELSE l.acquiredAt END,
           l.holder = CASE WHEN free THEN $holder ELSE previous END,
           l.expiresAt = CASE WHEN free THEN now + duration({milliseconds: $ttlMs}) ELSE l.expiresAt END
       REMOVE l.lock
       RETURN free AS held, l.holder AS holder, toString(l.expiresAt) AS expiresAt`,
      { name, holder, ttlMs },
    ),
  );
  return row!;
}

/** Gives the lease up at once (graceful shutdown), if `holder` still holds it: another process may take it now. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.writeTx((tx) =>
    tx.run(
      `MATCH (l:Lease {name: $name}) WHERE l.holder = $holder
       SET l.holder = null, l.expiresAt = null`,
      { name, holder },
    ),
  );
}

/** Who holds the lease now (null when nobody does or it expired). */
export async function leaseHolder(db: Db, name: string): Promise<string | null> {
  const [row] = await db.read<{ holder: string | null }>(
    `MATCH (l:Lease {name: $name}) WHERE l.expiresAt > datetime.realtime() RETURN l.holder AS holder`,
    { name },
  );
  return row?.holder ?? null;
}
