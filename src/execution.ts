/**
 * How operations are executed: graphql-jit compiles each distinct operation once into plain JavaScript, and
 * later requests with the same operation run the compiled function. On a page of 100 users with their lists
 * (about 1,600 fields) graphql-js's interpreter spent most of the gateway's CPU and allocations per field.
 * Apollo Server 5 accepts a custom executor only through its gateway interface, hence the shape of this module;
 * parsing, validation, the access policy (it wraps the resolvers themselves) and the plugins are unchanged.
 *
 * Where graphql-jit's behaviour differs from graphql-js's, graphql-js decides: variables are coerced by graphql-js
 * first (its errors are the ones clients get as BAD_USER_INPUT), and federation's `_entities` and `_service`
 * run on graphql-js (graphql-jit drops a list item whose resolver failed instead of making it null, and a
 * router relies on one null per refused representation).
 */
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  getVariableValues,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/** Distinct operations kept compiled (an application sends a few dozen; the cache only bounds abuse). */
const COMPILED_OPERATIONS = 1_000;

/**
 * `compileAfter`: how often an operation runs interpreted before it is compiled. Compiling costs more than one
 * interpretation, so an operation sent once (or a stream of distinct ones, as from a fuzzer or an attacker) is
 * never compiled; an application's operations repeat and are compiled at their second request.
 */
export function compiledExecution(
  schema: GraphQLSchema,
  { compileAfter = 1 }: { compileAfter?: number } = {},
): GatewayInterface {
  const compiled = new LRUCache<string, CompiledQuery | ExecutionResult>({ max: COMPILED_OPERATIONS });
  const sightings = new LRUCache<string, number>({ max: 10 * COMPILED_OPERATIONS });
  return {
    onSchemaLoadOrUpdate(callback) {
      // The schema never changes while the server runs; no supergraph here (this is a subgraph).
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return {
        executor: async (request) => {
          const variables = request.request.variables ?? {};
          const interpret = () =>
            execute({
              schema,
              document: request.document,
              operationName: request.operationName,
              contextValue: request.context,
              variableValues: variables,
            }) as Promise<ExecutionResult>;
          // Typed as always present, but absent when operationName names no operation of the document:
          // graphql-js answers that with the error Apollo turns into a 400.
          const definition = request.operation as OperationDefinitionNode | undefined;
          if (!definition || isFederationOperation(definition, request.document)) return interpret();
          // A federation trace (ftv1) is recorded by resolvers that Apollo wraps on the first traced request;
          // compiling traced operations apart makes sure they run the wrapped resolvers.
          const traced = request.request.http?.headers.get('apollo-federation-include-trace') === 'ftv1';
          const key = `${traced ? 'traced' : 'plain'}:${request.operationName ?? ''}:${request.queryHash}`;
          let operation = compiled.get(key);
          if (!operation) {
            const seen = sightings.get(key) ?? 0;
            if (seen < compileAfter) {
              sightings.set(key, seen + 1);
              return interpret();
            }
            sightings.delete(key);
            operation = compileQuery(schema, request.document, request.operationName ?? undefined, {
              disablingCapturingStackErrors: true,
            });
            compiled.set(key, operation);
          }
          if (!isCompiledQuery(operation)) return operation;
          // graphql-js coerces the variables first (the interpreted paths above leave that to execute itself).
          const coerced = getVariableValues(schema, definition.variableDefinitions ?? [], variables);
          if (coerced.errors) return { errors: coerced.errors };
          return operation.query(undefined, request.context, variables);
        },
      };
    },
    async stop() {},
  };
}

/** Whether the operation asks for federation's `_entities` or `_service` (at its top level, fragments included). */
function isFederationOperation(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === 'FragmentDefinition' ? [[d.name.value, d] as const] : [],
    ),
  );
  const seen = new Set<string>();
  const selects = (selections: OperationDefinitionNode['selectionSet']['selections']): boolean =>
    selections.some((selection) => {
      if (selection.kind === 'Field')
        return selection.name.value === '_entities' || selection.name.value === '_service';
      if (selection.kind === 'InlineFragment') return selects(selection.selectionSet.selections);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      const fragment = fragments.get(name);
      return fragment ? selects(fragment.selectionSet.selections) : false;
    });
  return selects(operation.selectionSet.selections);
}
