/**
 * `_entities` input checks. @apollo/subgraph answers a representation without `__typename` (or with an unknown
 * one, or without any key) with an internal error, which production masks as "Internal server error"; a router
 * or a hand-written call deserves a BAD_USER_INPUT that says which representation is wrong and why.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  isObjectType,
  Kind,
  visit,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { badInput, credenceError } from '../errors.js';

/**
 * Most representations one operation may ask `_entities` for, across all its `_entities` fields (aliases
 * included). A router batches one query plan step's entities into one call; 1,000 is far above what a page
 * (at most 100 items) needs, and far below what costs seconds and the heap (54,000 took 2.5 s).
 */
export const MAX_REPRESENTATIONS = 1000;

const tooMany = (count: number) =>
  credenceError(
    'BAD_USER_INPUT',
    `_entities accepts at most ${MAX_REPRESENTATIONS} representations per operation, got ${count}`,
    {
      field: 'representations',
      reason: 'TOO_MANY_REPRESENTATIONS',
      limit: MAX_REPRESENTATIONS,
      http: { status: 400 },
    },
  );

/** How many representations the document's `_entities` fields carry, inline or through variables. */
export function representationCount(document: DocumentNode, variables: Record<string, unknown>): number {
  let count = 0;
  visit(document, {
    Field(node) {
      if (node.name.value !== '_entities') return;
      const value = node.arguments?.find((a) => a.name.value === 'representations')?.value;
      if (!value) return;
      if (value.kind === Kind.LIST) count += value.values.length;
      else if (value.kind === Kind.VARIABLE) {
        const given = variables[value.name.value];
        // A single value given for a list variable is coerced to a list of one.
        count += Array.isArray(given) ? given.length : given === undefined || given === null ? 0 : 1;
      } else count += 1;
    },
  });
  return count;
}

/**
 * Refuses an operation asking for more than MAX_REPRESENTATIONS entities once it is parsed and validated,
 * before its variables are coerced or anything is looked up.
 */
export const representationLimitPlugin: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    // Most operations never name _entities: a substring test spares them the walk of their document.
    if (typeof request.query === 'string' && !request.query.includes('_entities')) return;
    return {
      async didResolveOperation({ document, request }) {
        const count = representationCount(document, request.variables ?? {});
        if (count > MAX_REPRESENTATIONS) throw tooMany(count);
      },
    };
  },
};

/** The top-level field names of each `@key(fields: "…")` of an object type, as written in the SDL. */
export function keysOf(schema: GraphQLSchema, typeName: string): string[][] {
  const type = schema.getType(typeName);
  if (!type || !isObjectType(type)) return [];
  const nodes = [type.astNode, ...type.extensionASTNodes].filter((n) => n !== undefined && n !== null);
  const keys: string[][] = [];
  for (const node of nodes) {
    for (const directive of node.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (fields?.kind !== Kind.STRING) continue;
      // Top level only: nested selections ("org { id }") are checked by the entity's own resolver.
      const topLevel = fields.value
        .replace(/\{[^{}]*\}/g, ' ')
        .trim()
        .split(/[\s,]+/);
      keys.push(topLevel.filter(Boolean));
    }
  }
  return keys;
}

function problemWith(schema: GraphQLSchema, representation: unknown): string | null {
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation))
    return 'is not an object';
  const record = representation as Record<string, unknown>;
  const typename = record.__typename;
  if (typeof typename !== 'string' || typename === '') return 'has no __typename';
  const keys = keysOf(schema, typename);
  if (keys.length === 0) return `names "${typename}", which is not an entity of this subgraph`;
  const complete = keys.some((key) =>
    key.every((field) => record[field] !== undefined && record[field] !== null),
  );
  if (!complete)
    return `has none of the keys of ${typename} (${keys.map((k) => `"${k.join(' ')}"`).join(' or ')})`;
  return null;
}

/** Wraps `Query._entities` so malformed representations are refused, all of them named, before any lookup. */
export function guardRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) return schema;
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  field.resolve = (source, args: { representations?: unknown[] }, context, info) => {
    // The plugin refuses first; this holds the bound for any other way the schema is served.
    if ((args.representations?.length ?? 0) > MAX_REPRESENTATIONS)
      throw tooMany(args.representations!.length);
    const problems = (args.representations ?? []).flatMap((representation, index) => {
      const problem = problemWith(schema, representation);
      return problem ? [`representations[${index}] ${problem}`] : [];
    });
    if (problems.length > 0) throw badInput('representations', problems.slice(0, 10).join('; '));
    return resolve(source, args, context, info);
  };
  return schema;
}
