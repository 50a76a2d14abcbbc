/**
 * A seam around every Cypher statement the gateway runs (src/db/driver.ts): metrics time them, tracing wraps them
 * in spans. With no observer registered a statement runs as it is, at the cost of one array length check.
 */
export type StatementMode = 'read' | 'write';

export type StatementObserver = <R>(mode: StatementMode, cypher: string, run: () => Promise<R>) => Promise<R>;

const observers: StatementObserver[] = [];

export function addStatementObserver(observer: StatementObserver): void {
  if (!observers.includes(observer)) observers.push(observer);
}

export function observeStatement<R>(mode: StatementMode, cypher: string, run: () => Promise<R>): Promise<R> {
  if (observers.length === 0) return run();
  // The first observer is the outermost: a span (tracing) encloses the timing (metrics) when both are on.
  return observers.reduceRight<() => Promise<R>>(
    (inner, observer) => () => observer(mode, cypher, inner),
    run,
  )();
}
