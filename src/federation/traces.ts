/**
 * Federated traces (ftv1): per-field timings and masked errors a router asks for with
 * `apollo-federation-include-trace: ftv1`. They describe how the gateway resolved an operation (which fields ran,
 * how long each lookup took), so in production only a router that proves itself gets them: it sends the
 * configured secret in `x-credence-trace-secret`. Without a secret, production sends none.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import type { Config } from '../config.js';

export const TRACE_SECRET_HEADER = 'x-credence-trace-secret';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares in constant time (over digests, so the lengths do not leak either). */
function sameSecret(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/**
 * The inline-trace plugin as configured. Apollo Server installs its own (for every caller) when a subgraph has
 * none, so "off" is its explicit disabled plugin, and the gated one is Apollo's plugin (same internal id) whose
 * requests start only for a caller that sent the secret.
 */
export function tracePlugin(config: Pick<Config, 'production' | 'traceSecret'>): ApolloServerPlugin {
  const secret = config.traceSecret;
  if (secret === null && config.production) return ApolloServerPluginInlineTraceDisabled();
  const plugin = ApolloServerPluginInlineTrace({ includeErrors: { masked: true } });
  if (secret === null) return plugin;
  const requestDidStart = plugin.requestDidStart!.bind(plugin);
  return {
    ...plugin,
    async requestDidStart(requestContext) {
      if (!sameSecret(requestContext.request.http?.headers.get(TRACE_SECRET_HEADER), secret)) return;
      return requestDidStart(requestContext);
    },
  };
}
