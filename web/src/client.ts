import { cacheExchange, createClient, fetchExchange } from 'urql';
import { authHeaders, getSession } from './session';

/**
 * One urql client for the app. Queries go as POST with a JSON body: the gateway's CSRF prevention refuses
 * simple GET requests, and a JSON POST is never a "simple" cross-site request.
 */
export const client = createClient({
  url: '/graphql',
  preferGetMethod: false,
  exchanges: [cacheExchange, fetchExchange],
  fetchOptions: () => ({ headers: authHeaders(getSession()) }),
});
