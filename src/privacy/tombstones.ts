import { createHmac } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Tx } from '../db/driver.js';
import type { TombstoneKind } from './model.js';

/**
 * Erasure tombstones: `(:Tombstone {key, kind, until})`, nothing else. The key is a keyed hash (HMAC-SHA-256 with
 * the identity secret) of what must not come back at once: a verified identity's stored key, the login (token
 * subject) or the handle. Without the secret a tombstone cannot be tied to anything; with it, only someone who
 * already holds the identity, login or handle can test for it. No link to the pseudonymised audit trail (a
 * different hash input), no date of erasure beyond `until`, deleted when `until` passes.
 */
export function tombstoneKey(secret: string, kind: TombstoneKind, value: string): string {
  return createHmac('sha256', secret)
    .update(`tombstone\u0000${kind}\u0000${value}`, 'utf8')
    .digest('base64url');
}

/** Lays (or extends) tombstones that hold for `days` from now. */
export async function layTombstones(tx: Tx, kind: TombstoneKind, keys: readonly string[], days: number) {
  if (keys.length === 0) return;
  await tx.run(
    `UNWIND $keys AS key
     MERGE (t:Tombstone {key: key})
     SET t.kind = $kind,
         t.until = CASE WHEN t.until > datetime() + duration({days: $days}) THEN t.until
                        ELSE datetime() + duration({days: $days}) END`,
    { keys, kind, days: neo4j.int(days) },
  );
}

/** When the tombstone with this key stops holding, or null if none holds now. */
export async function tombstoneUntil(tx: Tx, key: string): Promise<string | null> {
  const [row] = await tx.run<{ until: string }>(
    'MATCH (t:Tombstone {key: $key}) WHERE t.until > datetime() RETURN toString(t.until) AS until',
    { key },
  );
  return row?.until ?? null;
}

/** Fixed retention: tombstones past their `until` are deleted (the scheduled sweep). */
export async function deleteExpiredTombstones(tx: Tx): Promise<number> {
  const [row] = await tx.run<{ deleted: number }>(
    'MATCH (t:Tombstone) WHERE t.until <= datetime() DETACH DELETE t RETURN count(*) AS deleted',
  );
  return row?.deleted ?? 0;
}
