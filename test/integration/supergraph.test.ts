/**
 * Credence in a supergraph: composed with the example rentals subgraph (test/rentals) by @apollo/composition,
 * served by an in-process @apollo/gateway, queried across both subgraphs with the caller's credentials
 * forwarded. The rentals subgraph's `depositWaived` @requires the user's status and account age from Credence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startRentals, type RunningSubgraph } from '../rentals/subgraph.js';
import {
  compose,
  fetchSubgraphSdl,
  startLocalGateway,
  type Composed,
  type RunningSupergraph,
} from '../rentals/supergraph.js';
import { adminToken, codes, cypher, newUser, removeUsers, unique, type GraphQLResponse } from './helpers.js';
import { newPartner, removePartners } from './partner-helpers.js';

const made: string[] = [];
const partners: string[] = [];
let rentals: RunningSubgraph;
let supergraph: RunningSupergraph;
let composed: Composed;
let veteran: { id: string; handle: string; token: string };
let newcomer: { id: string; handle: string; token: string };
const rentalIds = {
  veteranBike: unique('rental'),
  veteranCar: unique('rental'),
  newcomerBike: unique('rental'),
};

async function ask<T = Record<string, unknown>>(
  query: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(supergraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  veteran = await newUser('Veteran');
  newcomer = await newUser('Newcomer');
  made.push(veteran.id, newcomer.id);
  // The veteran's account is 60 days old: old enough for the 30-day deposit waiver; the newcomer's is not.
  await cypher('MATCH (u:User {id: $id}) SET u.createdAt = datetime() - duration({days: 60})', {
    id: veteran.id,
  });

  rentals = await startRentals({
    rentals: [
      { id: rentalIds.veteranBike, item: 'bike', userId: veteran.id },
      { id: rentalIds.veteranCar, item: 'car', userId: veteran.id },
      { id: rentalIds.newcomerBike, item: 'bike', userId: newcomer.id },
    ],
  });
  const credenceUrl = inject('gatewayUrl');
  composed = compose([
    { name: 'credence', url: credenceUrl, sdl: await fetchSubgraphSdl(credenceUrl) },
    { name: 'rentals', url: rentals.url, sdl: await fetchSubgraphSdl(rentals.url) },
  ]);
  if (composed.supergraphSdl) supergraph = await startLocalGateway({ supergraphSdl: composed.supergraphSdl });
});

afterAll(async () => {
  await supergraph?.stop();
  await rentals?.stop();
  await removeUsers(made);
  await removePartners(partners);
});

describe('composition', () => {
  it('composes Credence and rentals with no errors and no hints', () => {
    expect(composed.errors.map((e) => e.message)).toEqual([]);
    expect(composed.hints.map((h) => `${h.definition.code}: ${h.message}`)).toEqual([]);
    expect(composed.supergraphSdl).toContain('join__graph(name: "credence"');
    expect(composed.supergraphSdl).toContain('join__graph(name: "rentals"');
  });
});

describe('the supergraph', () => {
  const RENTAL = (id: string) => `{
    rental(id: "${id}") {
      id item depositWaived
      user { id handle displayName rentals { id } }
    }
  }`;

  it("answers across both subgraphs with the user's own token", async () => {
    const response = await ask(RENTAL(rentalIds.veteranBike), bearer(veteran.token));
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      rental: {
        id: rentalIds.veteranBike,
        item: 'bike',
        depositWaived: true,
        user: {
          id: veteran.id,
          handle: veteran.handle,
          displayName: 'Veteran',
          rentals: [{ id: rentalIds.veteranBike }, { id: rentalIds.veteranCar }],
        },
      },
    });
    // The bearer token reached the rentals subgraph too (and Credence, or the handle would be refused).
    expect(rentals.received.at(-1)!.authorization).toBe(`Bearer ${veteran.token}`);
  });

  it('does not waive the deposit of an account younger than 30 days', async () => {
    const response = await ask<{ rental: { depositWaived: boolean } }>(
      RENTAL(rentalIds.newcomerBike),
      bearer(newcomer.token),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.rental.depositWaived).toBe(false);
  });

  it("keeps Credence's access policy: another user cannot learn the status and age behind depositWaived", async () => {
    const response = await ask<{ rental: { depositWaived: boolean | null; user: { handle: string } } }>(
      RENTAL(rentalIds.veteranBike),
      bearer(newcomer.token),
    );
    // The public profile is readable; status and createdAt are the veteran's own, so the waiver is unknown.
    expect(response.data!.rental.user.handle).toBe(veteran.handle);
    expect(response.data!.rental.depositWaived).toBeNull();
    expect(codes(response)).toContain('FORBIDDEN');
  });

  it('tells an anonymous caller nothing about the user', async () => {
    const response = await ask<{ rental: { user: unknown } | null }>(RENTAL(rentalIds.veteranBike));
    expect(codes(response)).toContain('UNAUTHENTICATED');
    expect(JSON.stringify(response.data)).not.toContain(veteran.handle);
  });

  it('lets an admin list every rental with its user', async () => {
    const response = await ask<{ rentals: { id: string; user: { handle: string } }[] }>(
      '{ rentals { id user { handle } } }',
      bearer(await adminToken()),
    );
    expect(response.errors).toBeUndefined();
    const mine = response.data!.rentals.filter((r) => Object.values(rentalIds).includes(r.id));
    expect(mine.map((r) => r.user.handle)).toEqual([veteran.handle, veteran.handle, newcomer.handle]);
  });

  it("forwards a partner's API key (x-api-key): Credence recognises the partner through the gateway", async () => {
    const partner = await newPartner(unique('RentalsPartner'));
    partners.push(partner.id);
    const response = await ask<{ currentPartner: { id: string }; rental: { id: string } }>(
      `{ currentPartner { id } rental(id: "${rentalIds.veteranBike}") { id } }`,
      { 'x-api-key': partner.apiKey },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      currentPartner: { id: partner.id },
      rental: { id: rentalIds.veteranBike },
    });
    expect(rentals.received.at(-1)!['x-api-key']).toBe(partner.apiKey);
  });
});
