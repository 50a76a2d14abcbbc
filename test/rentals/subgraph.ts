/**
 * The example "rentals" subgraph: an in-memory list of rentals that refer to Credence users by id. It exists to
 * prove that Credence composes and works in a supergraph (test/integration/supergraph.test.ts, `npm run
 * supergraph`); it has no database and no access control of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';

export const RENTALS_SDL = readFileSync(join(import.meta.dirname, 'schema.graphql'), 'utf8');

export interface RentalRecord {
  id: string;
  item: string;
  userId: string;
}

/** What Credence sends for `depositWaived`'s @requires (null where its policy refused the caller). */
interface RequiredUser {
  status?: string | null;
  createdAt?: string | null;
}

const WAIVER_MIN_ACCOUNT_AGE_DAYS = 30;
const DAY_MS = 86_400_000;

/** ACTIVE and at least 30 days old; unknown (null) when either fact was not available to the caller. */
export function depositWaived(user: RequiredUser | undefined, now = Date.now()): boolean | null {
  if (!user?.status || !user.createdAt) return null;
  const ageDays = (now - Date.parse(user.createdAt)) / DAY_MS;
  return user.status === 'ACTIVE' && ageDays >= WAIVER_MIN_ACCOUNT_AGE_DAYS;
}

export function rentalsResolvers(rentals: readonly RentalRecord[]): GraphQLResolverMap<unknown> {
  const byId = new Map(rentals.map((r) => [r.id, r]));
  return {
    Query: {
      rental: (_: unknown, { id }: { id: string }) => byId.get(id) ?? null,
      rentals: () => rentals,
    },
    Rental: {
      // The router sends { __typename, id, user: { status, createdAt } } when it resolves depositWaived.
      __resolveReference: (reference: { id: string; user?: RequiredUser }) => {
        const rental = byId.get(reference.id);
        return rental ? { ...rental, required: reference.user } : null;
      },
      user: (rental: RentalRecord) => ({ __typename: 'User', id: rental.userId }),
      depositWaived: (rental: RentalRecord & { required?: RequiredUser }) => depositWaived(rental.required),
    },
    User: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      rentals: (user: { id: string }) => rentals.filter((r) => r.userId === user.id),
    },
  };
}

export interface RunningSubgraph {
  url: string;
  /** Headers of every request the subgraph received, oldest first (tests check what the router forwarded). */
  received: Record<string, string | string[] | undefined>[];
  stop(): Promise<void>;
}

export async function startRentals(options: {
  rentals: readonly RentalRecord[];
  port?: number;
}): Promise<RunningSubgraph> {
  const schema = buildSubgraphSchema([
    { typeDefs: parse(RENTALS_SDL), resolvers: rentalsResolvers(options.rentals) },
  ]);
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTrace()] });
  const received: RunningSubgraph['received'] = [];
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port ?? 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      received.push({ ...req.headers });
      return {};
    },
  });
  return { url, received, stop: () => server.stop() };
}
