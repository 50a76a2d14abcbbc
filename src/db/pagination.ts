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
 * `prefix` names the parameters (`$<prefix>afterAt`, …) when one statement holds several pages.
 */
export function afterCondition(
  variable: string,
  page: PageArgs,
  timeField = 'createdAt',
  newestFirst = false,
  prefix = '',
): string {
  const time = `${variable}.${timeField}`;
  const at = `datetime($${prefix}afterAt)`;
  const id = `$${prefix}afterId`;
  if (page.after === null) return `${time} IS NOT NULL`;
  return newestFirst
    ? `${time} <= ${at} AND NOT (${time} = ${at} AND ${variable}.id >= ${id})`
    : `${time} >= ${at} AND NOT (${time} = ${at} AND ${variable}.id <= ${id})`;
}

/** The parameters of a page: its cursor and its limit (`$<prefix>limit`, one more row than asked for). */
export function pageParams(page: PageArgs, prefix = ''): Record<string, unknown> {
  return {
    [`${prefix}afterAt`]: page.after?.at ?? null,
    [`${prefix}afterId`]: page.after?.id ?? null,
    [`${prefix}limit`]: neo4j.int(page.first + 1),
  };
}

/**
 * How a nested page is read: its parameters' prefix, and for an operation whose selection is known, only the
 * row keys it reads (null: all) and whether its total is read.
 */
export interface NestedPageOptions<T> {
  prefix?: string;
  keys?: ReadonlySet<keyof T> | null;
  withTotal?: boolean;
}

/**
 * One parent's page of a list as Cypher expressions on the parent's variable (`u` for a user): what a batched
 * query of many parents' pages returns per parent, and what a page of parents can carry for each of them (so a
 * list of users with their identities is one statement, not one per list).
 */
export interface NestedPage<T> {
  /** `COLLECT { … }`: the page's rows (up to first+1), each as a list of values. */
  readonly items: string;
  /** `COUNT { … }`: the list's total (`null` when not read). */
  readonly total: string;
  readonly params: Record<string, unknown>;
  read(items: readonly unknown[], total: number): PageOfRows<T>;
}

/**
 * The one way a nested page is written in Cypher: the items of `match` (a pattern from `u`) after the cursor,
 * ordered by (time, id) of `variable`, as `returns` (a list expression), and the total from `degree` (a pattern
 * Neo4j counts from the node's degree store). All of it constants of the calling repository, never input.
 */
export function nestedPage<T>(
  list: {
    match: string;
    variable: string;
    timeField: string;
    carry: string;
    degree: string;
    returns: string;
  },
  page: PageArgs,
  { prefix = '', withTotal = true }: Pick<NestedPageOptions<T>, 'prefix' | 'withTotal'>,
  read: NestedPage<T>['read'],
): NestedPage<T> {
  const { match, variable, timeField, carry, degree, returns } = list;
  return {
    items: `COLLECT { MATCH ${match} WHERE ${afterCondition(variable, page, timeField, false, prefix)}
                      WITH ${carry} ORDER BY ${variable}.${timeField}, ${variable}.id LIMIT $${prefix}limit
                      RETURN ${returns} }`,
    total: withTotal ? `COUNT { ${degree} }` : 'null',
    params: pageParams(page, prefix),
    read,
  };
}

/** An edge whose cursor is encoded only when read: most pages nested in a list never have theirs selected. */
class Edge<T> {
  readonly #key: (row: T) => { at: string; id: string };

  constructor(
    readonly node: T,
    key: (row: T) => { at: string; id: string },
  ) {
    this.#key = key;
  }

  get cursor(): string {
    const k = this.#key(this.node);
    return encodeCursor(k.at, k.id);
  }
}

/** Builds a connection from up to first+1 rows (the extra row only says there is a next page). */
export function toConnection<T>(
  rows: T[],
  page: PageArgs,
  totalCount: number,
  key: (row: T) => { at: string; id: string },
): Connection<T> {
  const edges = rows.slice(0, page.first).map((node) => new Edge(node, key));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount,
  };
}
