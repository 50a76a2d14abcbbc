import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildSchema } from '../../gateway.js';
import { startGateway, type Gateway } from '../../src/server.js';
import { config, gql, newUser, removeUsers } from './helpers.js';

const made: string[] = [];
afterAll(() => removeUsers(made));

const base = () => inject('gatewayUrl').replace(/\/graphql$/, '');

describe('transport', () => {
  it('is live, and ready with Neo4j up and migrated', async () => {
    const live = await fetch(`${base()}/health`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base()}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', neo4j: 'up', migrations: 'applied' });
  });

  it('answers malformed JSON with a 400 and a code, not a stack trace', async () => {
    const response = await fetch(inject('gatewayUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('gives validation errors a code', async () => {
    const user = await newUser();
    made.push(user.id);
    const response = await gql('{ me { password } }', {}, { token: user.token });
    expect(response.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('when Neo4j is unreachable', () => {
  let gateway: Gateway;
  let driver: ReturnType<typeof neo4j.driver>;

  beforeAll(async () => {
    // A gateway whose database address answers nothing: a closed port on loopback.
    driver = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'unused'), {
      connectionTimeout: 1_000,
      connectionAcquisitionTimeout: 2_000,
      maxTransactionRetryTime: 1_000,
    });
    gateway = await startGateway({ schema: buildSchema(), driver, config, port: 0 });
  });
  afterAll(async () => {
    await gateway.stop();
    await driver.close();
  });

  it('fails fast with UNAVAILABLE and says so on /ready, staying live', async () => {
    const user = await newUser();
    made.push(user.id);
    const began = Date.now();
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('UNAVAILABLE');
    expect(Date.now() - began).toBeLessThan(10_000);
    const ready = await fetch(gateway.url.replace(/\/graphql$/, '/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not ready', neo4j: 'down' });
    // Liveness does not depend on the database: an outage must not get the gateways restarted.
    expect((await fetch(gateway.url.replace(/\/graphql$/, '/health'))).status).toBe(200);
  });
});
