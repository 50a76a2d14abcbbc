/**
 * Read-your-writes on a cluster (docs/operations.md): the sessions of one Db — one request — carry the bookmark of
 * what it committed, so a read that a cluster routes to another member waits for that write there. On the single
 * server of the tests the read would see the write anyway; what is checked is that the bookmark is carried.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/db/driver.js';
import { config, cypher, driver, unique } from './helpers.js';

const id = unique('bookmark');
afterAll(() => cypher('MATCH (n:BookmarkProbe {id: $id}) DELETE n', { id }));

describe('bookmarks', () => {
  it("a request's later sessions start from the bookmark of its last committed write; another request's do not", async () => {
    const db = new Db(driver, config.neo4j.database);
    expect(await db.bookmarks.getBookmarks()).toEqual([]);
    await db.writeTx((tx) => tx.run('CREATE (:BookmarkProbe {id: $id})', { id }));
    const afterWrite = await db.bookmarks.getBookmarks();
    expect(afterWrite).toHaveLength(1);
    expect(await db.read('MATCH (n:BookmarkProbe {id: $id}) RETURN n.id AS id', { id })).toEqual([{ id }]);
    expect(await new Db(driver, config.neo4j.database).bookmarks.getBookmarks()).toEqual([]);
  });
});
