/**
 * OpenTelemetry tracing, loaded by main.ts only when OTEL_EXPORTER_OTLP_ENDPOINT is set (otherwise none of this
 * code, nor the SDK, is imported). Spans: every HTTP request (server and client), Express's routing, graphql-js's
 * parse and validate, and every Neo4j statement (statements.ts). The W3C `traceparent` of an incoming request
 * (a router's, a load balancer's) is the parent of the gateway's spans. Spans go by OTLP/HTTP to
 * `$OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces`; the standard OTEL_* variables (service name, sampler) apply.
 */
import { register } from 'node:module';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { setTraceIdSource } from './log.js';
import { addStatementObserver } from './statements.js';

/** Starts tracing; must run before the gateway's modules are imported, so that the instrumentations patch them. */
export function startTracing(): () => Promise<void> {
  // ES modules are patched through import-in-the-middle's loader hook (CommonJS ones through require hooks).
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? 'credence',
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes are not requests worth a trace.
        ignoreIncomingRequestHook: (req) =>
          req.url === '/health' || req.url === '/ready' || req.url === '/metrics',
      }),
      new ExpressInstrumentation(),
      // No resolver spans: a page of 100 users would make thousands; the operation's spans are enough.
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, depth: 0, mergeItems: true }),
    ],
  });
  sdk.start();
  const tracer = trace.getTracer('credence');
  setTraceIdSource(() => trace.getActiveSpan()?.spanContext().traceId);
  addStatementObserver((mode, cypher, run) =>
    tracer.startActiveSpan(
      `neo4j ${mode}`,
      {
        kind: SpanKind.CLIENT,
        // The statement's text only: Credence passes every value as a parameter, and parameters are not recorded.
        attributes: { 'db.system': 'neo4j', 'db.operation.name': mode, 'db.query.text': cypher },
      },
      async (span) => {
        try {
          return await run();
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).name });
          throw error;
        } finally {
          span.end();
        }
      },
    ),
  );
  return () => sdk.shutdown();
}
