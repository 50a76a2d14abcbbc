/**
 * The entry point of `npm start` (TypeScript through tsx) and of the production build (`node dist/main.js`).
 * Tracing, when OTEL_EXPORTER_OTLP_ENDPOINT asks for it, starts before anything else is imported, so that its
 * instrumentations can patch http, Express and graphql; without it no tracing code is loaded. Then serve.ts.
 */
const stopTracing = process.env.OTEL_EXPORTER_OTLP_ENDPOINT
  ? (await import('./src/observability/tracing.js')).startTracing()
  : null;
const { serve } = await import('./serve.js');
await serve({ stopTracing });
