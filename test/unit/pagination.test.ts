import { describe, expect, it } from 'vitest';
import { encodeCursor, pageArgs, toConnection } from '../../src/db/pagination.js';

describe('keyset pagination', () => {
  it('round-trips a cursor', () => {
    const cursor = encodeCursor('2026-01-01T00:00:00.000Z', 'u1');
    expect(pageArgs(10, cursor)).toEqual({ first: 10, after: { at: '2026-01-01T00:00:00.000Z', id: 'u1' } });
  });

  it.each([0, 101, -1, 2.5])('refuses first = %d', (first) => {
    expect(() => pageArgs(first, null)).toThrow(/first must be between 1 and 100/);
  });

  it.each([
    '%%%',
    encodeCursor('not a date', 'x'),
    Buffer.from('{"a":1}').toString('base64url'),
    'x'.repeat(600),
  ])('refuses the malformed cursor %j', (cursor) => {
    expect(() => pageArgs(5, cursor)).toThrow(/not a valid cursor/);
  });

  it('uses the extra row only to say there is a next page', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, at: `2026-01-0${n}T00:00:00.000Z` }));
    const page = toConnection(rows, { first: 2, after: null }, 7, (r) => r);
    expect(page.edges.map((e) => e.node.id)).toEqual(['r1', 'r2']);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      endCursor: encodeCursor('2026-01-02T00:00:00.000Z', 'r2'),
    });
    expect(page.totalCount).toBe(7);
  });
});
