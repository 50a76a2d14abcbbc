/**
 * A local supergraph without Rover or GraphOS: compose subgraph SDLs with @apollo/composition, then serve the
 * result with @apollo/gateway inside Apollo Server, forwarding the caller's credentials to every subgraph.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { parse, type GraphQLError } from 'graphql';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

type CompositionHint = NonNullable<ReturnType<typeof composeServices>['hints']>[number];

export interface Composed {
  supergraphSdl?: string;
  errors: readonly GraphQLError[];
  hints: readonly CompositionHint[];
}

export function compose(subgraphs: readonly SubgraphSource[]): Composed {
  const result = composeServices(
    subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  return result.errors
    ? { errors: result.errors, hints: [] }
    : { supergraphSdl: result.supergraphSdl, errors: [], hints: result.hints };
}

/** Fetches a subgraph's SDL the way a router's tooling does: `{ _service { sdl } }` over HTTP. */
export async function fetchSubgraphSdl(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data?: { _service: { sdl: string } }; errors?: unknown };
  if (!body.data) throw new Error(`${url} gave no SDL: ${JSON.stringify(body.errors)}`);
  return body.data._service.sdl;
}

/** The caller's credentials, taken from the incoming request and forwarded to every subgraph. */
export interface ForwardedCredentials {
  authorization?: string;
  apiKey?: string;
}

class ForwardingDataSource extends RemoteGraphQLDataSource<ForwardedCredentials> {
  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<ForwardedCredentials>['willSendRequest']>>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.apiKey) request.http?.headers.set('x-api-key', context.apiKey);
  }
}

export interface RunningSupergraph {
  url: string;
  stop(): Promise<void>;
}

export async function startLocalGateway(options: {
  supergraphSdl: string;
  port?: number;
}): Promise<RunningSupergraph> {
  // @apollo/gateway otherwise probes cloud metadata endpoints and sends usage metrics to Apollo from every
  // instance; a local supergraph of an identity service has no business phoning home. Opt back in by setting it.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ url }) => new ForwardingDataSource({ url }),
  });
  // Subgraph errors reach the caller with their code and path, never with the gateway's stack traces.
  const server = new ApolloServer<ForwardedCredentials>({
    gateway,
    includeStacktraceInErrorResponses: false,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port ?? 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      const apiKey = req.headers['x-api-key'];
      return {
        authorization: req.headers.authorization,
        apiKey: typeof apiKey === 'string' ? apiKey : undefined,
      };
    },
  });
  return { url, stop: () => server.stop() };
}
