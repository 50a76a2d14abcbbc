/**
 * `npm run import` and `npm run scores` on a small signed network written by the test (its own dataset name).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cypher, unique } from './helpers.js';

const datasetName = (prefix: string) => unique(prefix).replace('_', '').slice(0, 12);
const dataset = datasetName('d');
const clockDataset = datasetName('c');
const givenClockDataset = datasetName('n');
const dir = mkdtempSync(join(tmpdir(), 'credence-import-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await cypher(
    `MATCH (u:User) WHERE u.dataset IN $datasets
     OPTIONAL MATCH (u)-[:HAS_TRUST_SNAPSHOT]->(s) DETACH DELETE s, u`,
    { datasets: [dataset, clockDataset, givenClockDataset] },
  );
  await cypher('MATCH (d:Dataset) WHERE d.name IN $datasets DELETE d', {
    datasets: [dataset, clockDataset, givenClockDataset],
  });
});

// Each test runs a few tsx processes; the limit only guards against a hang (the machine may be loaded).
const HANG_GUARD_MS = 300_000;
const run = (script: string, args: string[]) =>
  execFileSync('npx', ['tsx', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// Node 10 is rated positively by 11, 12 and 13 early on; node 20 only later. Node 13 also changes its mind
// about 20: the later rating (+3) replaces the earlier one (-5).
const NETWORK = [
  '11,10,5,1000',
  '12,10,4,1001',
  '13,10,6,1002',
  '13,20,-5,1003',
  '11,20,2,9000',
  '12,20,1,9001',
  '13,20,3,9002',
  '10,11,2,9003',
].join('\n');

describe('importing a signed network', () => {
  it(
    'creates the dataset idempotently, picks anchors by the documented rule, and prints scores as CSV',
    async () => {
      const file = join(dir, 'network.csv');
      writeFileSync(file, NETWORK + '\n');
      run('seed/import.ts', ['--dataset', dataset, '--anchors', '1', file]);
      run('seed/import.ts', ['--dataset', dataset, '--anchors', '1', file]);

      const [counts] = await cypher<{ users: number; ratings: number; anchors: string[] }>(
        `MATCH (u:User {dataset: $dataset})
       RETURN count(u) AS users, COUNT { (:User {dataset: $dataset})-[:RATED]->() } AS ratings,
              [x IN collect(u) WHERE x.anchor | x.sourceId] AS anchors`,
        { dataset },
      );
      expect(counts).toEqual({ users: 5, ratings: 7, anchors: ['10'] });
      const [replaced] = await cypher<{ rating: number }>(
        `MATCH (:User {id: $from})-[r:RATED]->(:User {id: $to}) RETURN r.rating AS rating`,
        { from: `${dataset}_13`, to: `${dataset}_20` },
      );
      expect(replaced!.rating).toBe(3);

      const csv = run('scripts/scores.ts', ['--dataset', dataset, '--format', 'csv']).trim().split('\n');
      expect(csv[0]).toBe('id,score,identity,history,reputation,network');
      expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(['10', '11', '12', '13', '20']);
      for (const line of csv.slice(1)) {
        const [, score, ...dimensions] = line.split(',').map(Number);
        expect(score).toBeGreaterThanOrEqual(300);
        expect(score).toBeLessThanOrEqual(900);
        for (const value of dimensions) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }
    },
    HANG_GUARD_MS,
  );

  describe('imported datasets at their own clock', () => {
    // Users 1 and 2 first appear at T0, user 3 a year later; the last rating is two years after T0 (2003).
    const DAY = 86_400;
    const T0 = 1_000_000_000;
    const TIMED = [`1,2,5,${T0}`, `3,1,4,${T0 + 365 * DAY}`, `2,3,3,${T0 + 730 * DAY}`].join('\n');
    // IDENTITY = 0.75·verification + 0.25·(1 − 2^(−age/365)); nobody has an identity, so 0.25·(1 − 2^(−age/365)):
    // two years old → 0.25·0.75 = 0.1875 (28.125 of the 150 IDENTITY points), one year → 0.25·0.5 = 0.125,
    // three years → 0.25·0.875 = 0.21875. Against a clock in 2026 every value would be above 0.2499.
    const identityById = (name: string) =>
      Object.fromEntries(
        run('scripts/scores.ts', ['--dataset', name, '--format', 'csv'])
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split(','))
          .map(([id, , identity]) => [id, Number(identity)]),
      );

    it(
      'scores at the last timestamp in the data, and keeps that clock for later recomputes',
      () => {
        const file = join(dir, 'timed.csv');
        writeFileSync(file, TIMED + '\n');
        run('seed/import.ts', ['--dataset', clockDataset, file]);
        const expected = { '1': 0.1875, '2': 0.1875, '3': 0.125 };
        const imported = identityById(clockDataset);
        for (const [id, value] of Object.entries(expected)) expect(imported[id]).toBeCloseTo(value, 12);

        run('scripts/trust-recompute.ts', ['--dataset', clockDataset]);
        const recomputed = identityById(clockDataset);
        for (const [id, value] of Object.entries(expected)) expect(recomputed[id]).toBeCloseTo(value, 12);
      },
      HANG_GUARD_MS,
    );

    it(
      'scores at the clock --now gives',
      () => {
        const file = join(dir, 'timed-now.csv');
        writeFileSync(file, TIMED + '\n');
        const threeYears = new Date((T0 + 1095 * DAY) * 1000).toISOString();
        run('seed/import.ts', ['--dataset', givenClockDataset, '--now', threeYears, file]);
        const scored = identityById(givenClockDataset);
        expect(scored['1']).toBeCloseTo(0.21875, 12);
        expect(scored['2']).toBeCloseTo(0.21875, 12);
        expect(scored['3']).toBeCloseTo(0.1875, 12);
      },
      HANG_GUARD_MS,
    );
  });
});
