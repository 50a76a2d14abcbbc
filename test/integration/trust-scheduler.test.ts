import { describe, expect, it } from 'vitest';
import { neo4jTarget } from '../../gateway.js';
import { deleteDataset, generateSynthetic, loadSynthetic } from '../../seed/synthetic.js';
import { recomputeGraph } from '../../src/trust/compute.js';
import { recomputeInChild } from '../../src/trust/scheduler.js';
import { config, cypher, driver, unique } from './helpers.js';

const scoresOf = (dataset: string) =>
  cypher<{ id: string; value: number | null; network: number | null }>(
    `MATCH (u:User {dataset: $dataset}) RETURN u.id AS id, u.trustValue AS value, u.trustNetwork AS network
     ORDER BY id`,
    { dataset },
  );

describe('the scheduled trust refresh', () => {
  it('recomputes a graph in a child process, giving the scores the gateway process gives', async () => {
    // A graph of its own (a dataset), so that the refresh touches nothing of the other tests.
    const dataset = unique('sched');
    await loadSynthetic(driver, generateSynthetic({ users: 60, relationships: 300, seed: 11 }), { dataset });
    try {
      const report = await recomputeInChild(neo4jTarget(config), dataset);
      expect(report.dataset).toBe(dataset);
      expect(report.users).toBe(60);
      const inWorker = await scoresOf(dataset);
      expect(inWorker).toHaveLength(60);
      expect(inWorker.every((s) => typeof s.value === 'number' && typeof s.network === 'number')).toBe(true);
      // The same computation in this process: the same scores (it is deterministic).
      await cypher('MATCH (u:User {dataset: $dataset}) REMOVE u.trustValue, u.trustNetwork', { dataset });
      await recomputeGraph(driver, { database: config.neo4j.database, dataset });
      expect(await scoresOf(dataset)).toEqual(inWorker);
    } finally {
      await deleteDataset(driver, dataset, config.neo4j.database);
    }
  });

  it('reports a failed recomputation instead of losing it (the next tick retries)', async () => {
    const wrong = { ...neo4jTarget(config), password: 'not-the-password' };
    await expect(recomputeInChild(wrong, unique('none'))).rejects.toThrow();
  });
});
