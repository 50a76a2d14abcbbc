/**
 * A row type returned by Cypher as a list of values instead of a map. On the hot read paths (pages of users,
 * identities, relationships) building and decoding maps costs about twice as much, in Neo4j and in the driver,
 * as lists of the same values (measured on the 100k-user benchmark graph). The field order is kept here, once.
 */
export interface RowShape<T> {
  /** The Cypher list expression, e.g. `[u.id, u.handle]`. */
  readonly cypher: string;
  /** The row from the list a query returned. */
  read(values: readonly unknown[]): T;
  /**
   * The same shape narrowed to `keys` (null: all of them). Its rows lack the other keys, so it serves only rows
   * whose readers are known: a page fetched for an operation's own selection (see `keysFor`).
   */
  pick(keys: ReadonlySet<keyof T> | null): RowShape<T>;
}

/** The keys a row always has (optional ones, such as a relationship's counterpart, are added elsewhere). */
type StoredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

export function rowShape<T>(fields: { readonly [K in StoredKeys<T>]: string }): RowShape<T> {
  const cypherOf = fields as Readonly<Record<string, string>>;
  const all = Object.keys(fields) as (keyof T & string)[];
  const shapeOf = (keys: (keyof T & string)[]): RowShape<T> => ({
    cypher: `[${keys.map((key) => cypherOf[key]).join(', ')}]`,
    read: (values) => {
      const row: Record<string, unknown> = {};
      keys.forEach((key, index) => (row[key] = values[index]));
      return row as T;
    },
    pick: (wanted) => (wanted === null ? full : shapeOf(all.filter((key) => wanted.has(key)))),
  });
  const full = shapeOf(all);
  return full;
}

/** What an operation selects below a field (merged over aliases and fragments), with that field's arguments. */
export interface Selection {
  readonly args: Readonly<Record<string, unknown>>;
  readonly fields: ReadonlyMap<string, Selection>;
}

/**
 * The row keys that a selection of a GraphQL type's fields needs: `needs` maps each field to the keys its
 * resolver and its access rule read, `always` are needed whatever is selected. Null (every key) when a selected
 * field is not in the table, so a field added later is served from full rows until it is listed.
 */
export function keysFor<T>(
  selected: Iterable<string>,
  needs: Readonly<Record<string, readonly (keyof T)[]>>,
  always: readonly (keyof T)[],
): Set<keyof T> | null {
  const keys = new Set<keyof T>(always);
  for (const field of selected) {
    if (field === '__typename') continue;
    const wanted = Object.hasOwn(needs, field) ? needs[field] : undefined;
    if (!wanted) return null;
    for (const key of wanted) keys.add(key);
  }
  return keys;
}
