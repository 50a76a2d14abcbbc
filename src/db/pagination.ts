import neo4j from 'neo4j-driver';
import { badInput } from '../errors.js';

/**
 * Keyset pagination shared by every connection: items are ordered by (createdAt, id) and a cursor is the
 * opaque encoding of the last item's key, so pages stay stable while items are added.
 */
export interface PageArgs {
  first: number;
  after: { at: string; id: string } | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** One parent's page as a batched query returns it (up to first+1 rows) and its total. */
export interface PageOfRows<T> {
  rows: T[];
  total: number;
}

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
}

export function pageArgs(first: number | null | undefined, after: string | null | undefined): PageArgs {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  if (after === null || after === undefined) return { first: size, after: null };
  return { first: size, after: decodeCursor(after) };
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    if (cursor.length > 512) throw new Error('too long');
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      !Number.isNaN(Date.parse(parsed[0]))
    ) {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('after', 'after is not a valid cursor');
}

/**
 * The Cypher condition for "after the cursor" on a variable with createdAt/id (or another time field), oldest first
 * or (`newestFirst`) newest first. Written so that a range index on the time field can serve both the filter and
 * ORDER BY time, id: a condition such as `$after IS NULL OR …` would make the planner scan and sort every candidate.
 */
export function afterCondition(
  variable: string,
  page: PageArgs,
  timeField = 'createdAt',
  newestFirst = false,
): string {
  const time = `${variable}.${timeField}`;
  if (page.after === null) return `${time} IS NOT NULL`;
  return newestFirst
    ? `${time} <= datetime($afterAt) AND NOT (${time} = datetime($afterAt) AND ${variable}.id >= $afterId)`
    : `${time} >= datetime($afterAt) AND NOT (${time} = datetime($afterAt) AND ${variable}.id <= $afterId)`;
}

export function pageParams(page: PageArgs): Record<string, unknown> {
  return {
    afterAt: page.after?.at ?? null,
    afterId: page.after?.id ?? null,
    limit: neo4j.int(page.first + 1),
  };
}

/** Builds a connection from up to first+1 rows (the extra row only says there is a next page). */
export function toConnection<T>(
  rows: T[],
  page: PageArgs,
  totalCount: number,
  key: (row: T) => { at: string; id: string },
): Connection<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => {
    const k = key(node);
    return { cursor: encodeCursor(k.at, k.id), node };
  });
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
