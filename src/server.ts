/**
 * The HTTP server: GraphQL at /graphql (Apollo Server 5 on Express), GET /health (liveness), GET /ready (Neo4j
 * reachable and migrated), GET /metrics (Prometheus), per-request context and log line. It is given a ready
 * schema by the composition root (gateway.ts), so nothing here knows the resolvers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import cors from 'cors';
import express from 'express';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { ANONYMOUS, type Viewer } from './auth/viewer.js';
import { edgeLimiter, memoryStore, retryAfterPlugin, type LimiterStore } from './auth/rate-limits.js';
import { bearerVerifier, type BearerVerifier } from './auth/tokens.js';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { Db } from './db/driver.js';
import { schemaReady } from './db/migrations.js';
import { compiledExecution } from './execution.js';
import { representationLimitPlugin } from './federation/representations.js';
import { tracePlugin } from './federation/traces.js';
import { unauthenticated } from './errors.js';
import { createLoaders } from './loaders.js';
import { partnerViewer } from './partners/service.js';
import { log as processLog, type Logger } from './observability/log.js';
import {
  countRefusal,
  operationLabeler,
  registerStaleGauge,
  registry,
  startMetrics,
} from './observability/metrics.js';
import { requestObserver, requestRecord, requestRecordPlugin } from './observability/requests.js';
import { devSignInRouter } from './web/dev-sign-in.js';
import { webAppRouter } from './web/static.js';

export interface Gateway {
  url: string;
  port: number;
  httpServer: Server;
  /** Drains in-flight requests and stops accepting new ones (the driver is the caller's to close). */
  stop(): Promise<void>;
}

/** Codes a client may see as they are; anything else is an internal error and is masked in production. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function formatError(production: boolean, logger: Logger = processLog()) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      // Never leak stack traces or Cypher, even for client errors.
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // Clients see a generic error in production; operators always get the real one in the server's log.
    logger.error({ err: error }, 'internal error');
    return {
      message: production ? 'Internal server error' : formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** Reports how many Neo4j queries an operation cost, when a non-production caller asks (tests, benchmarks). */
const queryCountPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ request }) {
    if (request.http?.headers.get('x-credence-debug') !== 'queries') return;
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind === 'single') {
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            neo4jQueries: contextValue.db.queryCount,
          };
        }
      },
    };
  },
};

async function viewerOf(
  req: express.Request,
  verifyBearer: BearerVerifier,
  db: Db,
  partnerKeyCacheMs: number,
): Promise<Viewer> {
  const authorization = req.headers.authorization;
  const apiKey = req.headers['x-api-key'];
  if (apiKey !== undefined) {
    // A partner key (one indexed query, only when the header is present); never together with a bearer token.
    if (authorization) throw unauthenticated('Send either Authorization or x-api-key, not both');
    if (typeof apiKey !== 'string') throw unauthenticated('Send one x-api-key');
    return partnerViewer(db, apiKey, partnerKeyCacheMs);
  }
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
    return verifyBearer(match[1]!);
  }
  return ANONYMOUS;
}

export async function startGateway(options: {
  schema: GraphQLSchema;
  driver: Driver;
  config: Config;
  port?: number;
  host?: string;
  /** Where rate-limit counters live: in memory by default; a shared store (Redis) behind several gateways. */
  limiterStore?: LimiterStore;
  /** Where request lines and errors go: the process's logger by default (tests capture their own). */
  logger?: Logger;
}): Promise<Gateway> {
  const { schema, driver, config } = options;
  const logger = options.logger ?? processLog();
  if (config.metrics.enabled) {
    startMetrics();
    registerStaleGauge(async () => {
      const rows = await new Db(driver, config.neo4j.database).read<{ stale: number }>(
        'MATCH (u:User {trustStale: true}) RETURN count(u) AS stale',
      );
      return rows[0]?.stale ?? 0;
    });
  }
  const verifyBearer = bearerVerifier(config);
  const takeRequest = edgeLimiter(config.rateLimits, options.limiterStore ?? memoryStore);
  const app = express();
  // req.ip: the socket's peer, or with N trusted proxy hops the address they forwarded (anonymous rate limit).
  app.set('trust proxy', config.trustProxyHops);
  const httpServer = createServer(app);
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 30 },
    maxDirectives: { n: 20 },
    // Enforced by graphql-js's own parser instead (parseOptions below): armor's token plugin throws from a
    // plugin hook, which Apollo answers with HTTP 500; the parser's limit is a syntax error, a coded 400.
    maxTokens: { enabled: false },
    costLimit: { maxCost: 20000 },
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();
  const server = new ApolloServer<Context>({
    gateway: compiledExecution(schema),
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGINT/SIGTERM: drain, close the driver, stop the Neo4j it started, exit.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: 4000 },
    formatError: formatError(config.production, logger),
    validationRules: [...(protection.validationRules ?? [])],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // graphql-armor's typings resolve @apollo/server's CommonJS declarations; the plugins are the same objects.
      ...((protection.plugins ?? []) as unknown as ApolloServerPlugin<Context>[]),
      ...(config.debugQueryCount ? [queryCountPlugin] : []),
      representationLimitPlugin,
      requestRecordPlugin,
      retryAfterPlugin,
      // Credence's answers are per person and never cacheable by a CDN; Apollo's default cache-control plugin
      // would still run a hook for every resolved field (a tenth of the CPU of a page of 100 users).
      ApolloServerPluginCacheControlDisabled(),
      // ftv1 traces go to a router only when it asks for them (apollo-federation-include-trace: ftv1) and, with
      // CREDENCE_TRACE_SECRET set, proves itself; production without that secret sends none.
      tracePlugin(config),
      ...(config.production ? [] : [ApolloServerPluginLandingPageLocalDefault({ embed: true })]),
    ],
  });
  await server.start();
  let draining = false;

  // Liveness: the process serves HTTP. It does not ask Neo4j, so a database outage never restarts the gateways.
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness: Neo4j answers and holds this build's migrations; false while draining, so a balancer moves away.
  app.get('/ready', async (_req, res) => {
    if (draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const migrated = await Promise.race([
        schemaReady(driver, config.neo4j.database),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2_000))),
      ]);
      if (migrated) res.json({ status: 'ready', neo4j: 'up', migrations: 'applied' });
      else res.status(503).json({ status: 'not ready', neo4j: 'up', migrations: 'pending' });
    } catch {
      res.status(503).json({ status: 'not ready', neo4j: 'down' });
    } finally {
      clearTimeout(timer);
    }
  });

  if (config.metrics.enabled) {
    const expected = config.metrics.token ? `Bearer ${config.metrics.token}` : null;
    app.get('/metrics', async (req, res) => {
      if (expected && req.headers.authorization !== expected) {
        res.status(401).set('www-authenticate', 'Bearer').end();
        return;
      }
      res.set('content-type', registry.contentType).send(await registry.metrics());
    });
  }
  // The web app and, outside production, its development sign-in: neither passes the GraphQL rate limiter (their
  // requests are not GraphQL operations; the app's own GraphQL calls are counted like any other client's).
  // What the app offers for sign-in (read by the sign-in page; nothing secret: a public client id).
  app.get('/app/config.json', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.json({ devSignIn: config.devSignIn, oidc: config.webOidc });
  });
  app.use('/app', webAppRouter());
  app.get('/', (_req, res) => res.redirect('/app/'));
  if (config.devSignIn)
    app.use(
      '/dev',
      devSignInRouter(config, () => new Db(driver, config.neo4j.database)),
    );

  app.use(
    '/graphql',
    requestObserver({
      logger,
      metrics: config.metrics.enabled,
      operationLabel: operationLabeler(config.metrics.maxOperations),
    }),
    // Production serves no cross-origin browser page unless CREDENCE_CORS_ORIGINS names it.
    cors({ origin: config.corsOrigins === '*' ? '*' : [...config.corsOrigins] }),
    express.json({ limit: '2mb' }),
    expressMiddleware(server, {
      context: async ({ req, res }): Promise<Context> => {
        const db = new Db(driver, config.neo4j.database);
        const request = requestRecord(res);
        request.statements = () => db.queryCount;
        // Errors thrown here end the request before Apollo's plugins run: the record takes their codes itself.
        const take = async (viewer: Viewer) => {
          try {
            await takeRequest(viewer, req.ip);
          } catch (error) {
            countRefusal(`edge_${viewer.kind === 'admin' ? 'user' : viewer.kind}`);
            throw error;
          }
        };
        let viewer: Viewer;
        try {
          try {
            viewer = await viewerOf(req, verifyBearer, db, config.partnerKeyCacheMs);
          } catch (refusal) {
            // A caller whose token or key is refused is anonymous: its attempts (each may cost a key lookup)
            // count against its address's budget, so guessing keys or replaying bad tokens is rate-limited too.
            await take(ANONYMOUS);
            throw refusal;
          }
          request.role = viewer.kind;
          await take(viewer);
        } catch (error) {
          const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
          request.errorCodes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          throw error;
        }
        return { viewer, db, loaders: createLoaders(db), config, request };
      },
    }),
  );

  // Malformed JSON bodies and other transport errors become GraphQL-shaped 400s, not HTML stack traces.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status ?? 500;
    const message = status < 500 ? (error as Error).message : 'Internal server error';
    res.status(status).json({
      errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }],
    });
  });

  const port = options.port ?? config.port;
  await new Promise<void>((done, fail) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'EADDRINUSE' ? new Error(`port ${port} is taken: set PORT to another one`) : error),
    );
    httpServer.listen(port, options.host ?? '127.0.0.1', done);
  });
  const bound = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/graphql`,
    port: bound,
    httpServer,
    stop: async () => {
      draining = true;
      await server.stop();
    },
  };
}
