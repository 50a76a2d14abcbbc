/**
 * Several gateway processes on one Neo4j (issue 12 §3): each instance here is its own OS process
 * (fixtures/instance.ts), so nothing is shared between them but the database — no module state, no cache. Shows:
 * one scheduled recomputation per period whatever the number of instances, a crashed lease holder replaced after
 * its lease expires, partner budgets shared across instances and across a restart, a revoked key refused by
 * every instance within PARTNER_KEY_CACHE_MS. Waits are for counts in the database, never for a duration (except
 * the cache's own lifetime, a lower bound).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neo4jTarget } from '../../gateway.js';
import { deleteDataset, generateSynthetic, loadSynthetic } from '../../seed/synthetic.js';
import { adminToken, config, cypher, driver, gql, newUser, removeUsers, unique } from './helpers.js';
import { consent, newPartner, newPerk, removePartners, type TestPartner } from './partner-helpers.js';

const FIXTURE = new URL('./fixtures/instance.ts', import.meta.url).pathname;
const LEASE_TTL_MS = 3_000;
const PARTNER_KEY_CACHE_MS = 500;
const CHECKS_PER_DAY = 4;
const RULE_CHANGES_PER_DAY = 3;

interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  /** The refreshes this process reported running (its own log). */
  refreshes: number;
}

const dataset = unique('multi');
const leaseName = `trust-recompute:${dataset}`;
const running: Instance[] = [];

/** Starts one gateway process; resolves when it serves. */
async function startInstance(name: string): Promise<Instance> {
  const target = neo4jTarget(config);
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, name, dataset, String(LEASE_TTL_MS)], {
    env: {
      ...process.env,
      NEO4J_URI: target.uri,
      NEO4J_USER: target.user,
      NEO4J_PASSWORD: target.password,
      TRUST_REFRESH_SECONDS: '1',
      PARTNER_KEY_CACHE_MS: String(PARTNER_KEY_CACHE_MS),
      CREDENCE_CHECKS_PER_PERSON_PER_DAY: String(CHECKS_PER_DAY),
      CREDENCE_PERK_RULE_CHANGES_PER_DAY: String(RULE_CHANGES_PER_DAY),
      CREDENCE_JWT_SECRET: config.jwtSecret,
      CREDENCE_IDENTITY_SECRET: config.identityHashSecret,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const instance: Instance = { name, url: '', child, refreshes: 0 };
  running.push(instance);
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before serving`)));
    lines.on('line', (line) => {
      const ready = /^READY (\d+)$/.exec(line);
      if (ready) {
        instance.url = `http://127.0.0.1:${ready[1]}/graphql`;
        resolve();
      }
      if (line.includes(`refreshed ${dataset} trust`)) instance.refreshes += 1;
    });
  });
  return instance;
}

async function kill(instance: Instance, signal: NodeJS.Signals) {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const exited = once(instance.child, 'exit');
  instance.child.kill(signal);
  await exited;
}

/** Polls until `check` returns a value (not undefined); the limit only guards against a hang. */
async function until<T>(what: string, check: () => Promise<T | undefined>, limitMs = 300_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface LeaseRow {
  holder: string | null;
  live: boolean;
  periods: number;
  recomputes: number;
  lastRecomputeBy: string | null;
  acquiredAt: string | null;
  expiresAt: string | null;
}
const lease = async () =>
  (
    await cypher<LeaseRow>(
      `MATCH (l:Lease {name: $name})
       RETURN l.holder AS holder, coalesce(l.expiresAt > datetime.realtime(), false) AS live,
              coalesce(l.periods, 0) AS periods, coalesce(l.recomputes, 0) AS recomputes,
              l.lastRecomputeBy AS lastRecomputeBy, toString(l.acquiredAt) AS acquiredAt,
              toString(l.expiresAt) AS expiresAt`,
      { name: leaseName },
    )
  )[0];

const staleCount = async () =>
  (
    await cypher<{ n: number }>('MATCH (u:User {dataset: $dataset, trustStale: true}) RETURN count(u) AS n', {
      dataset,
    })
  )[0]!.n;

/** What a write does to the graph's users (a vouch, a rating): marks them for the next refresh. */
const markStale = () => cypher('MATCH (u:User {dataset: $dataset}) SET u.trustStale = true', { dataset });

/** Marks the graph stale and waits until a refresh has cleared it; returns the lease after it. */
async function refreshRound(): Promise<LeaseRow> {
  await markStale();
  await until('the refresh', async () => ((await staleCount()) === 0 ? true : undefined));
  const after = (await lease())!;
  // Two more periods, with every instance ticking and the lease renewed: nothing is stale, nobody recomputes.
  await until('two more periods', async () => {
    const now = (await lease())!;
    return now.periods >= after.periods + 2 ? true : undefined;
  });
  return (await lease())!;
}

async function callAt(url: string, query: string, variables: Record<string, unknown>, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: Record<string, unknown> }[];
  };
}
const codesOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (response.errors ?? []).map((e) => e.extensions?.code);

const CHECK = `query($p: ID!, $u: ID!) { eligibility(perkId: $p, userId: $u) { eligible reasons } }`;
const UPDATE_RULE = `mutation($input: UpdatePerkInput!) { updatePerk(input: $input) { id } }`;
const WHO = '{ currentPartner { id } }';

const users: string[] = [];
const partners: string[] = [];
let a: Instance;
let b: Instance;

beforeAll(async () => {
  await loadSynthetic(driver, generateSynthetic({ users: 40, relationships: 200, seed: 12 }), { dataset });
  [a, b] = await Promise.all([startInstance(unique('a')), startInstance(unique('b'))]);
});

afterAll(async () => {
  await Promise.all(running.map((instance) => kill(instance, 'SIGTERM')));
  await deleteDataset(driver, dataset, config.neo4j.database);
  await cypher('MATCH (l:Lease {name: $name}) DELETE l', { name: leaseName });
  await removeUsers(users);
  await removePartners(partners);
});

/** Only a guard against a hang: every wait in these tests is for a count, and a loaded machine is slow. */
const HANG_GUARD_MS = 600_000;

describe('two gateway processes on one Neo4j', () => {
  it(
    'run the scheduled recomputation once per period, on the lease holder only',
    async () => {
      const holder = await until('a lease holder', async () => {
        const row = await lease();
        return row?.live && row.holder ? row.holder : undefined;
      });
      expect([a.name, b.name]).toContain(holder);
      for (let round = 1; round <= 3; round++) {
        const after = await refreshRound();
        // Both processes tick every second; one recomputation per time the graph went stale, by the holder.
        expect(after.recomputes).toBe(round);
        expect(after.lastRecomputeBy).toBe(holder);
        expect(after.holder).toBe(holder);
      }
      // The processes' own logs agree: three refreshes, all by the holder.
      const byName = Object.fromEntries([a, b].map((i) => [i.name, i.refreshes]));
      expect(byName).toEqual({ [a.name]: holder === a.name ? 3 : 0, [b.name]: holder === b.name ? 3 : 0 });
    },
    HANG_GUARD_MS,
  );

  let partner: TestPartner;
  let person: { id: string; token: string };
  let perkId: string;

  it(
    'share the partner budgets: checks per person per day and rule changes per perk',
    async () => {
      partner = await newPartner(unique('multi'), ['ELIGIBILITY_CHECK', 'PERKS_MANAGE']);
      partners.push(partner.id);
      person = await newUser();
      users.push(person.id);
      await consent(person.token, partner.id);
      perkId = await newPerk(partner, {});
      const key = { 'x-api-key': partner.apiKey };
      // Four checks allowed a day: two on each instance.
      for (const instance of [a, a, b, b]) {
        const answer = await callAt(instance.url, CHECK, { p: perkId, u: person.id }, key);
        expect(answer.errors).toBeUndefined();
      }
      // Three rule changes allowed a day: one on A, two on B.
      for (const [instance, minScore] of [
        [a, 540],
        [b, 660],
        [b, 540],
      ] as const) {
        const changed = await callAt(
          instance.url,
          UPDATE_RULE,
          { input: { perkId, rule: { minScore } } },
          key,
        );
        expect(changed.errors).toBeUndefined();
      }
      // Both instances refuse the next of each.
      for (const instance of [a, b]) {
        expect(codesOf(await callAt(instance.url, CHECK, { p: perkId, u: person.id }, key))).toEqual([
          'RATE_LIMITED',
        ]);
        expect(
          codesOf(
            await callAt(instance.url, UPDATE_RULE, { input: { perkId, rule: { minScore: 660 } } }, key),
          ),
        ).toEqual(['RATE_LIMITED']);
      }
    },
    HANG_GUARD_MS,
  );

  it(
    'replace a crashed lease holder once its lease expires, and a restarted instance keeps the budgets',
    async () => {
      const before = (await lease())!;
      const [holder, survivor] = before.holder === a.name ? [a, b] : [b, a];
      await kill(holder, 'SIGKILL');
      // The lease as the dead holder left it: the survivor may take it only after this expiry.
      const abandoned = (await lease())!;
      expect(abandoned.holder).toBe(holder.name);
      const taken = await until('the survivor to take the lease', async () => {
        const row = (await lease())!;
        return row.holder === survivor.name ? row : undefined;
      });
      expect(Date.parse(taken.acquiredAt!)).toBeGreaterThanOrEqual(Date.parse(abandoned.expiresAt!));
      const after = await refreshRound();
      expect(after.recomputes).toBe(before.recomputes + 1);
      expect(after.lastRecomputeBy).toBe(survivor.name);

      // The crashed instance restarted (a new process): the budgets spent before are still spent.
      const restarted = await startInstance(unique('restarted'));
      const key = { 'x-api-key': partner.apiKey };
      expect(codesOf(await callAt(restarted.url, CHECK, { p: perkId, u: person.id }, key))).toEqual([
        'RATE_LIMITED',
      ]);
      expect(
        codesOf(
          await callAt(restarted.url, UPDATE_RULE, { input: { perkId, rule: { minScore: 660 } } }, key),
        ),
      ).toEqual(['RATE_LIMITED']);
      // A graceful stop gives the lease up (the restarted instance may already have taken it since).
      await kill(survivor, 'SIGTERM');
      expect((await lease())!.holder).not.toBe(survivor.name);
      await until('the restarted instance to take the lease', async () =>
        (await lease())!.holder === restarted.name ? true : undefined,
      );
      b = restarted;
      a = survivor;
    },
    HANG_GUARD_MS,
  );

  it(
    'refuse a revoked partner key on every instance within PARTNER_KEY_CACHE_MS',
    async () => {
      const second = await startInstance(unique('second'));
      const instances = [b, second];
      const revoked = await newPartner(unique('revoked'), ['ELIGIBILITY_CHECK']);
      partners.push(revoked.id);
      const key = { 'x-api-key': revoked.apiKey };
      // Both know the key (and may have it cached).
      for (const instance of instances)
        expect((await callAt(instance.url, WHO, {}, key)).errors).toBeUndefined();
      // Revoked by an admin through a third gateway (the tests' shared one).
      const revocation = await gql(
        'mutation($id: ID!) { revokePartnerKey(partnerId: $id) { revokedAt } }',
        { id: revoked.id },
        { token: await adminToken() },
      );
      expect(revocation.errors).toBeUndefined();
      const revokedAt = Date.now();
      // Whatever the machine's speed, a request sent once the cache lifetime has passed since the revocation is
      // refused by each instance.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, revokedAt + PARTNER_KEY_CACHE_MS + 10 - Date.now())),
      );
      for (const instance of instances) {
        expect(codesOf(await callAt(instance.url, WHO, {}, key))).toEqual(['UNAUTHENTICATED']);
      }
    },
    HANG_GUARD_MS,
  );
});
