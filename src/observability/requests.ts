/**
 * One record per HTTP request to /graphql: its id (the caller's `x-request-id`, or one made here, echoed in the
 * response), and what the log line and the metrics say of it once the response is sent. The record holds only
 * what may be logged: operation name, role, statement count, error codes, duration, status.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { Kind, type DocumentNode } from 'graphql';
import { currentTraceId, type Logger } from './log.js';
import { graphqlErrors, requestDuration } from './metrics.js';

export interface RequestRecord {
  readonly id: string;
  /** The operation Apollo resolved: its name, null when unnamed, undefined when none was (parse errors, …). */
  operation: string | null | undefined;
  /** The viewer's kind (anonymous, user, admin, partner), never who. */
  role: string;
  /** Neo4j statements the request ran (src/db/driver.ts Db.queryCount), read when the response is sent. */
  statements: () => number;
  readonly errorCodes: string[];
}

/** A caller's request id is kept when it is a plain token (UUIDs, hex, ULIDs…); anything else is replaced. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function requestRecord(res: Response): RequestRecord {
  return res.locals.credenceRequest as RequestRecord;
}

export function requestObserver(options: {
  logger: Logger;
  metrics: boolean;
  operationLabel: (name: string | null | undefined) => string;
}) {
  const { logger, metrics, operationLabel } = options;
  return (req: Request, res: Response, next: NextFunction) => {
    const began = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', id);
    const traceId = currentTraceId();
    const record: RequestRecord = {
      id,
      operation: undefined,
      role: 'anonymous',
      statements: () => 0,
      errorCodes: [],
    };
    res.locals.credenceRequest = record;
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - began) / 1e9;
      if (metrics) {
        requestDuration.observe({ operation: operationLabel(record.operation) }, seconds);
        for (const code of record.errorCodes) graphqlErrors.inc({ code });
      }
      logger.info(
        {
          requestId: id,
          ...(traceId ? { traceId } : {}),
          operation: record.operation ?? null,
          role: record.role,
          status: res.statusCode,
          durationMs: Math.round(seconds * 1e4) / 10,
          neo4jStatements: record.statements(),
          ...(record.errorCodes.length ? { errorCodes: record.errorCodes } : {}),
        },
        'graphql request',
      );
    });
    next();
  };
}

/** The name of the operation a parsed but invalid document would have run (null when it has none). */
function nameInDocument(document: DocumentNode, requested: string | undefined): string | null | undefined {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (requested !== undefined)
    return operations.some((o) => o.name?.value === requested) ? requested : undefined;
  return operations.length === 1 ? (operations[0]!.name?.value ?? null) : undefined;
}

/** Fills the request's record from what Apollo resolved and answered (after formatError: the codes clients see). */
export const requestRecordPlugin: ApolloServerPlugin<{ request: RequestRecord }> = {
  async requestDidStart() {
    return {
      async willSendResponse({ operationName, operation, document, request, response, contextValue }) {
        const record = contextValue.request;
        if (operation) record.operation = operationName ?? null;
        else if (document) record.operation = nameInDocument(document, request.operationName);
        if (response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) {
          const code = error.extensions?.code;
          record.errorCodes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
        }
      },
    };
  },
};
