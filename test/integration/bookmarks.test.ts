/**
 * Read-your-writes on a cluster (docs/operations.md): with a routing driver (`neo4j://`), the sessions of one Db —
 * one request — carry the bookmark of what it committed, so a read that the cluster routes to another member waits
 * for that write there. With a direct driver (`bolt://`, one server) there are none: the server shows committed
 * writes to the next transaction anyway, and bookmarks cost it CPU on every transaction. The test server is one
 * Neo4j, which answers a routing driver's routing requests with itself.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDriver, Db, routesOverCluster } from '../../src/db/driver.js';
import { neo4jTarget } from '../../gateway.js';
import { config, cypher, driver, unique } from './helpers.js';

const id = unique('bookmark');
const target = neo4jTarget(config);
const routingDriver = createDriver({ ...target, uri: target.uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:') });
afterAll(async () => {
  await routingDriver.close();
  await cypher('MATCH (n:BookmarkProbe) WHERE n.id STARTS WITH $id DELETE n', { id });
});

describe('bookmarks', () => {
  it('routing schemes are told from direct ones', () => {
    expect(routesOverCluster('neo4j://db.example:7687')).toBe(true);
    expect(routesOverCluster('neo4j+s://abc.databases.neo4j.io')).toBe(true);
    expect(routesOverCluster('neo4j+ssc://db.example')).toBe(true);
    expect(routesOverCluster('bolt://127.0.0.1:7687')).toBe(false);
    expect(routesOverCluster('bolt+s://db.example:7687')).toBe(false);
  });

  it("with a routing driver, a request's later sessions start from the bookmark of its last committed write; another request's do not", async () => {
    const db = new Db(routingDriver, config.neo4j.database);
    const bookmarks = db.bookmarks;
    expect(bookmarks).toBeDefined();
    expect(await bookmarks?.getBookmarks()).toEqual([]);
    await db.writeTx((tx) => tx.run('CREATE (:BookmarkProbe {id: $id})', { id: `${id}-routed` }));
    expect(await bookmarks?.getBookmarks()).toHaveLength(1);
    expect(
      await db.read('MATCH (n:BookmarkProbe {id: $id}) RETURN n.id AS id', { id: `${id}-routed` }),
    ).toEqual([{ id: `${id}-routed` }]);
    expect(await new Db(routingDriver, config.neo4j.database).bookmarks?.getBookmarks()).toEqual([]);
  });

  it('with a direct driver there is no bookmark manager, and a read after a write in the same request sees it', async () => {
    const db = new Db(driver, config.neo4j.database);
    expect(db.bookmarks).toBeUndefined();
    await db.writeTx((tx) => tx.run('CREATE (:BookmarkProbe {id: $id})', { id: `${id}-direct` }));
    expect(
      await db.read('MATCH (n:BookmarkProbe {id: $id}) RETURN n.id AS id', { id: `${id}-direct` }),
    ).toEqual([{ id: `${id}-direct` }]);
  });
});
