/**
 * Prometheus metrics (prom-client), served at /metrics by src/server.ts. One registry per process; every series
 * has a bounded label set: operation names are capped (operationLabel), codes and kinds are closed sets.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { addStatementObserver, type StatementObserver } from './statements.js';

export const registry = new Registry();

/** Seconds: from a few milliseconds (a cached read) to the 10 s a client would give up after. */
const REQUEST_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const requestDuration = new Histogram({
  name: 'credence_graphql_request_duration_seconds',
  help: 'GraphQL requests by operation name (capped, later names are "other"), from arrival to the response sent.',
  labelNames: ['operation'] as const,
  buckets: REQUEST_BUCKETS,
  registers: [registry],
});

export const graphqlErrors = new Counter({
  name: 'credence_graphql_errors_total',
  help: 'GraphQL errors sent to clients, by extensions.code.',
  labelNames: ['code'] as const,
  registers: [registry],
});

export const neo4jStatements = new Histogram({
  name: 'credence_neo4j_statement_duration_seconds',
  help: 'Cypher statements run by the gateway (its _count is the number of statements), by access mode.',
  labelNames: ['mode'] as const,
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  registers: [registry],
});

/** The limits a refusal can come from: the closed set of `kind` labels of credence_limit_refusals_total. */
export type RefusalKind =
  | 'edge_user'
  | 'edge_partner'
  | 'edge_anonymous'
  | 'checks_per_person'
  | 'disclosure_budget'
  | 'partner_inquiries'
  | 'perk_rule_changes'
  | 'events_per_person'
  | 'ratings_per_pair';

export const limitRefusals = new Counter({
  name: 'credence_limit_refusals_total',
  help: 'Requests or decisions refused by a rate limit or a budget, by kind.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export function countRefusal(kind: RefusalKind): void {
  limitRefusals.inc({ kind });
}

export const trustUpdates = new Counter({
  name: 'credence_trust_updates_total',
  help: 'Trust updates made by writes in their own transaction, by the kind of change.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const trustRecomputeDuration = new Histogram({
  name: 'credence_trust_recompute_duration_seconds',
  help: 'Scheduled full trust recomputations (in a child process), by outcome.',
  labelNames: ['outcome'] as const,
  buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
  registers: [registry],
});

export const trustRecomputeLastSuccess = new Gauge({
  name: 'credence_trust_recompute_last_success_timestamp_seconds',
  help: 'When the last full trust recomputation of this process succeeded (Unix time); 0 before the first.',
  registers: [registry],
});

/**
 * People whose NETWORK trust waits for the next full recomputation, counted at scrape time (one indexed query,
 * user_trust_stale), so every instance reports the database's number.
 */
export function registerStaleGauge(count: () => Promise<number>): void {
  if (registry.getSingleMetric('credence_trust_people_stale'))
    registry.removeSingleMetric('credence_trust_people_stale');
  new Gauge({
    name: 'credence_trust_people_stale',
    help: 'People whose NETWORK trust is stale (waiting for the scheduled full recomputation); -1 if Neo4j did not answer.',
    registers: [registry],
    async collect() {
      try {
        this.set(await count());
      } catch {
        this.set(-1);
      }
    },
  });
}

let processMetrics = false;
const timeStatement: StatementObserver = async (mode, _cypher, run) => {
  const end = neo4jStatements.startTimer({ mode });
  try {
    return await run();
  } finally {
    end();
  }
};

/** Process metrics (CPU, memory, event loop lag, GC) and the timing of Neo4j statements, once per process. */
export function startMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry });
  addStatementObserver(timeStatement);
}

/**
 * The `operation` label: the first `max` distinct operation names keep their own, later ones share "other", so
 * a client inventing names cannot grow the series without bound. Unnamed operations are "anonymous"; requests
 * refused before their operation was known (parse errors, rate limits) are "other".
 */
export function operationLabeler(max: number): (name: string | null | undefined) => string {
  const known = new Set<string>();
  return (name) => {
    if (name === undefined) return 'other';
    if (name === null || name === '') return 'anonymous';
    if (known.has(name)) return name;
    if (known.size < max) {
      known.add(name);
      return name;
    }
    return 'other';
  };
}
