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
}

export function rowShape<T>(fields: { readonly [K in keyof T]-?: string }): RowShape<T> {
  const keys = Object.keys(fields) as (keyof T & string)[];
  return {
    cypher: `[${keys.map((key) => fields[key]).join(', ')}]`,
    read: (values) => {
      const row: Record<string, unknown> = {};
      keys.forEach((key, index) => (row[key] = values[index]));
      return row as T;
    },
  };
}
