/**
 * The full recompute of a graph too large for one transaction's push state (docs/scaling.md, "Where one machine ends"): the state
 * is written in batches, the graph marked stale until its totals are written, so no write uses a half-written
 * state. The reference is the same graph's state written in one transaction (the path of every smaller graph).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteDataset, generateSynthetic, loadSynthetic } from '../../seed/synthetic.js';
import { recomputeGraph, type RecomputeProgress } from '../../src/trust/compute.js';
import { config, cypher, driver, unique } from './helpers.js';

const dataset = unique('stream');
const USERS = 60;

interface PersonState {
  id: string;
  q: number | null;
  r: number | null;
  out: string | null;
  outTotal: number | null;
  reach: number | null;
  value: number | null;
  explanation: string | null;
}

/**
 * Floats to 12 significant digits: a sum over a person's events or edges runs in the order Neo4j returns the rows,
 * which may differ between two loads of the same graph, and so may the last bit of the result (seen when another
 * test run loaded the machine). Anything that changes a score changes far more than that.
 */
function settled<T>(value: T): T {
  return typeof value === 'number' && !Number.isInteger(value) ? (Number(value.toPrecision(12)) as T) : value;
}

const personState = async () =>
  (
    await cypher<PersonState>(
      `MATCH (u:User {dataset: $dataset})
       RETURN u.id AS id, u.trustQ AS q, u.trustR AS r, u.trustOut AS out, u.trustOutTotal AS outTotal,
              u.trustReach AS reach, u.trustValue AS value, u.trustExplanation AS explanation
       ORDER BY id`,
      { dataset },
    )
  ).map((person) => ({
    ...person,
    q: settled(person.q),
    r: settled(person.r),
    outTotal: settled(person.outTotal),
    reach: settled(person.reach),
    explanation:
      person.explanation === null
        ? null
        : JSON.stringify(JSON.parse(person.explanation, (_key, value: unknown) => settled(value))),
  }));

const graphState = async () =>
  Object.fromEntries(
    Object.entries(
      (
        await cypher<{ g: Record<string, unknown> }>(
          `MATCH (g:TrustGraph {key: $dataset})
           RETURN g {.n, .anchors, .anchorCount, .danglingQ, .residual, .rmax, .epsilon, .stale} AS g`,
          { dataset },
        )
      )[0]!.g,
    ).map(([key, value]) => [key, settled(value)]),
  );

const isStale = async () => (await graphState()).stale as boolean;

/** What every write to a graph does under the graph's lock (incremental.ts, lockGraph). */
const aWriteArrives = () =>
  cypher('MATCH (g:TrustGraph {key: $dataset}) SET g.version = g.version + 1', { dataset });

/** One clock for every run (account and event ages, hence explanations, depend on it). */
const now = Date.now();
/** Batches of 7 people and the push state of graphs above 10 people in batches: 9 batches here. */
const inBatches = { batchSize: 7, stateInOneTransaction: 10, now };

let inOneTransaction: { people: PersonState[]; graph: Record<string, unknown> };

beforeAll(async () => {
  await loadSynthetic(driver, generateSynthetic({ users: USERS, relationships: 300, seed: 13 }), { dataset });
  const report = await recomputeGraph(driver, { database: config.neo4j.database, dataset, now });
  expect(report.interrupted).toBe(false);
  inOneTransaction = { people: await personState(), graph: await graphState() };
  // Every consenting person has a state (the generator's people consent), and the graph is current.
  expect(inOneTransaction.people.filter((p) => p.q !== null && p.out !== null)).toHaveLength(USERS);
  expect(inOneTransaction.graph.stale).toBe(false);
});

afterAll(async () => {
  await deleteDataset(driver, dataset, config.neo4j.database);
});

describe('a full recompute writing its push state in batches', () => {
  it('keeps the graph stale while it writes, and ends with the state one transaction writes', async () => {
    await cypher(
      `MATCH (u:User {dataset: $dataset}) REMOVE u.trustQ, u.trustR, u.trustOut, u.trustOutTotal, u.trustReach
       WITH count(*) AS cleared MATCH (g:TrustGraph {key: $dataset}) SET g.stale = true, g.n = 0`,
      { dataset },
    );
    const seen: { progress: RecomputeProgress; stale: boolean }[] = [];
    const report = await recomputeGraph(driver, {
      database: config.neo4j.database,
      dataset,
      ...inBatches,
      onProgress: async (progress) => {
        if (progress.phase === 'state') seen.push({ progress, stale: await isStale() });
      },
    });
    expect(report.interrupted).toBe(false);
    // ceil(60 / 7) = 9 batches, each seen while the graph said stale; fresh once the totals are written.
    expect(seen.map((s) => s.progress.done)).toEqual([7, 14, 21, 28, 35, 42, 49, 56, 60]);
    expect(seen.every((s) => s.stale)).toBe(true);
    expect(await graphState()).toEqual(inOneTransaction.graph);
    expect(await personState()).toEqual(inOneTransaction.people);
  });

  it('stops at a write that arrives in between, leaving the graph stale until the next full computation', async () => {
    const states: number[] = [];
    const report = await recomputeGraph(driver, {
      database: config.neo4j.database,
      dataset,
      ...inBatches,
      onProgress: async (progress) => {
        if (progress.phase !== 'state') return;
        states.push(progress.done);
        if (progress.done === 14) await aWriteArrives();
      },
    });
    expect(report.interrupted).toBe(true);
    // Two batches written, the third found the write and stopped; the totals were not written.
    expect(states).toEqual([7, 14]);
    expect(await isStale()).toBe(true);

    const next = await recomputeGraph(driver, { database: config.neo4j.database, dataset, ...inBatches });
    expect(next.interrupted).toBe(false);
    expect(await graphState()).toEqual(inOneTransaction.graph);
    expect(await personState()).toEqual(inOneTransaction.people);
  });
});
