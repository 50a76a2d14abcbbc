import { GraphQLError } from 'graphql';

/** The error codes clients can rely on (extensions.code). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'RATE_LIMITED';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, UNAVAILABLE: 503 };

export function credenceError(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(status && code !== 'UNAVAILABLE' ? { http: { status } } : {}) },
  });
}

export const badInput = (field: string, message: string) =>
  credenceError('BAD_USER_INPUT', message, { field });
export const unauthenticated = (message = 'Authentication required') =>
  credenceError('UNAUTHENTICATED', message);
export const forbidden = (reason: string, message = 'Not allowed') =>
  credenceError('FORBIDDEN', message, { reason });
export const notFound = (what: string) => credenceError('NOT_FOUND', `${what} not found`);
/** `reason`: a stable code for conflicts a client must tell apart (e.g. HANDLE_QUARANTINED). */
export const conflict = (message: string, reason?: string) =>
  credenceError('CONFLICT', message, reason ? { reason } : {});
export const unavailable = () => credenceError('UNAVAILABLE', 'The database is unavailable; retry shortly');
