/**
 * The process's structured log: pino's JSON lines on stdout, one per request (src/observability/requests.ts) and
 * one per event of the process (start, shutdown, scheduled recomputations, internal errors). What a line may hold
 * is decided where it is written: ids the service made up (request ids), operation names, roles, counts, codes and
 * durations, never a handle, a name, an identity subject, a score, a key or a token.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { LOG_LEVELS, type LogLevel } from '../config.js';

export type { Logger };

/**
 * Until the gateway configures one (scripts, and tests that start parts of the gateway): stdout, at
 * CREDENCE_LOG_LEVEL when it names a level (the test setup keeps request lines out of the test output), else info.
 */
let current: Logger | undefined;

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'credence' },
      // ISO time reads better in a terminal and every log pipeline parses it.
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  current = logger;
  return logger;
}

/** The process's logger (the last one created). */
export function log(): Logger {
  const level = process.env.CREDENCE_LOG_LEVEL;
  current ??= pino({
    level: LOG_LEVELS.includes(level as LogLevel) ? level : 'info',
    base: { service: 'credence' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return current;
}

/**
 * The current trace id, when tracing.ts is loaded (request lines then name their trace); without tracing, none.
 * Here rather than in requests.ts so that tracing.ts imports nothing that loads graphql or express before their
 * instrumentations are in place.
 */
let traceIdSource: (() => string | undefined) | null = null;

export function setTraceIdSource(source: () => string | undefined): void {
  traceIdSource = source;
}

export function currentTraceId(): string | undefined {
  return traceIdSource?.();
}
