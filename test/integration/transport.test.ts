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
  let sessionsOpened = 0;

  beforeAll(async () => {
    // A gateway whose database address answers nothing: a closed port on loopback.
    driver = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'unused'), {
      connectionTimeout: 1_000,
      connectionAcquisitionTimeout: 2_000,
      maxTransactionRetryTime: 1_000,
    });
    // Counts the sessions the gateway opens on it (the availability gate's probe uses getServerInfo instead).
    const openSession = driver.session.bind(driver);
    driver.session = (...args: Parameters<typeof driver.session>) => {
      sessionsOpened += 1;
      return openSession(...args);
    };
    gateway = await startGateway({ schema: buildSchema(), driver, config, port: 0 });
  });
  afterAll(async () => {
    await gateway.stop();
    await driver.close();
  });

  it('fails fast with UNAVAILABLE and says so on /ready, staying live', async () => {
    const user = await newUser();
    made.push(user.id);
    const ask = async () => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      return ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions
        .code;
    };
    // The first request finds the database gone (one session, within the driver's short timeouts above); the
    // next ones are refused without trying it at all. Counted, not timed (the machine may be slow).
    expect(await ask()).toBe('UNAVAILABLE');
    const afterFirst = sessionsOpened;
    expect(afterFirst).toBeGreaterThan(0);
    expect([await ask(), await ask()]).toEqual(['UNAVAILABLE', 'UNAVAILABLE']);
    expect(sessionsOpened).toBe(afterFirst);
    const ready = await fetch(gateway.url.replace(/\/graphql$/, '/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not ready', neo4j: 'down' });
    // Liveness does not depend on the database: an outage must not get the gateways restarted.
    expect((await fetch(gateway.url.replace(/\/graphql$/, '/health'))).status).toBe(200);
  });
});
