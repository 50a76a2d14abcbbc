/**
 * `npm run import` and `npm run scores` on a small signed network written by the test (its own dataset name).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cypher, unique } from './helpers.js';

const dataset = unique('d').replace('_', '').slice(0, 12);
const dir = mkdtempSync(join(tmpdir(), 'credence-import-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await cypher(
    `MATCH (u:User {dataset: $dataset}) OPTIONAL MATCH (u)-[:HAS_TRUST_SNAPSHOT]->(s) DETACH DELETE s, u`,
    { dataset },
  );
});

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
  it('creates the dataset idempotently, picks anchors by the documented rule, and prints scores as CSV', async () => {
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
  });
});
