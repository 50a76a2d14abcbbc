import neo4j, { type Driver, type ManagedTransaction, Neo4jError, type RecordShape } from 'neo4j-driver';
import { conflict, unavailable } from '../errors.js';
import { observeStatement, type StatementMode } from '../observability/statements.js';

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

/** One driver per process; sessions are cheap and made per transaction. */
export function createDriver(target: Neo4jTarget): Driver {
  return neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), {
    // Integers come back as JS numbers; every integer Credence stores (counts, epoch ms, points) is safe.
    disableLosslessIntegers: true,
    // Fail fast while the database is down instead of queueing requests for a minute.
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 3_000,
    maxTransactionRetryTime: 2_000,
    maxConnectionPoolSize: 64,
  });
}

/** Error codes that mean "the database cannot be reached right now", not "the request is wrong". */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) return false;
  return (
    error.code === 'ServiceUnavailable' ||
    error.code === 'SessionExpired' ||
    error.code.startsWith('Neo.TransientError.General.DatabaseUnavailable')
  );
}

/**
 * Whether the database answers, per driver. After a request finds it unreachable, later requests fail at once
 * with UNAVAILABLE instead of each spending the driver's retry budget, while one background probe (every 500 ms)
 * watches for the database to come back; the first successful probe reopens the gate.
 */
class Availability {
  private down = false;

  constructor(private readonly driver: Driver) {}

  assertUp(): void {
    if (this.down) throw unavailable();
  }

  markDown(): void {
    if (this.down) return;
    this.down = true;
    void this.probe();
  }

  private async probe(): Promise<void> {
    while (this.down) {
      await new Promise((resolve) => setTimeout(resolve, 500).unref());
      try {
        await this.driver.getServerInfo();
        this.down = false;
      } catch {
        // still down: probe again
      }
    }
  }
}

const availability = new WeakMap<Driver, Availability>();

function availabilityOf(driver: Driver): Availability {
  let known = availability.get(driver);
  if (!known) {
    known = new Availability(driver);
    availability.set(driver, known);
  }
  return known;
}

/** How often a single read is tried when Neo4j reports a transient error (a cluster's leader change, …). */
const READ_ATTEMPTS = 3;

/** A transaction whose statements are counted: batching is a correctness property of the API. */
export interface Tx {
  run<T extends RecordShape = RecordShape>(cypher: string, params?: Record<string, unknown>): Promise<T[]>;
}

/**
 * Per-request database access: every Cypher statement goes through here with parameters only, and is counted
 * so that tests and benchmarks can assert how many queries an operation costs.
 */
export class Db {
  queryCount = 0;
  /**
   * Read-your-writes on a Neo4j cluster: every session of this Db (one per request) carries the bookmarks of the
   * transactions it committed, so a read routed to another cluster member waits until that member has them. On a
   * single server the bookmark is always already there.
   */
  readonly bookmarks = neo4j.bookmarkManager();

  constructor(
    private readonly driver: Driver,
    private readonly database?: string,
  ) {}

  /**
   * One read statement as an auto-commit transaction (retried on transient errors, as managed ones are): the
   * statement and its results travel in one round trip, without the BEGIN and COMMIT of an explicit transaction.
   * Loaders and single lookups, most of the API's reads, are one statement each.
   */
  async read<T extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {},
  ): Promise<T[]> {
    return this.guard(() =>
      this.session('READ', async (session) => {
        this.queryCount += 1;
        for (let attempt = 1; ; attempt++) {
          try {
            const result = await observeStatement('read', cypher, () => session.run<T>(cypher, params));
            return result.records.map((record) => record.toObject() as T);
          } catch (error) {
            // Unreachable: the availability gate answers at once instead (guard). Other transient errors retry.
            const retry = error instanceof Neo4jError && error.retryable && !isUnavailable(error);
            if (attempt >= READ_ATTEMPTS || !retry) throw error;
            await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
          }
        }
      }),
    );
  }

  async readTx<R>(work: (tx: Tx) => Promise<R>): Promise<R> {
    return this.guard(() =>
      this.session('READ', (s) => s.executeRead((tx) => work(this.counted(tx, 'read')))),
    );
  }

  /** One write transaction: all statements of a mutation commit together or not at all. */
  async writeTx<R>(work: (tx: Tx) => Promise<R>): Promise<R> {
    return this.guard(() =>
      this.session('WRITE', (s) => s.executeWrite((tx) => work(this.counted(tx, 'write')))),
    );
  }

  private async session<R>(
    mode: 'READ' | 'WRITE',
    work: (session: ReturnType<Driver['session']>) => Promise<R>,
  ): Promise<R> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }

  private counted(tx: ManagedTransaction, mode: StatementMode): Tx {
    return {
      run: async <T extends RecordShape>(cypher: string, params: Record<string, unknown> = {}) => {
        this.queryCount += 1;
        const result = await observeStatement(mode, cypher, () => tx.run<T>(cypher, params));
        return result.records.map((record) => record.toObject() as T);
      },
    };
  }

  private async guard<R>(work: () => Promise<R>): Promise<R> {
    const gate = availabilityOf(this.driver);
    gate.assertUp();
    try {
      return await work();
    } catch (error) {
      if (isUnavailable(error)) {
        gate.markDown();
        throw unavailable();
      }
      // A race that a uniqueness constraint caught (two requests taking the same handle at once).
      if (error instanceof Neo4jError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
        throw conflict('This conflicts with an existing record');
      }
      throw error;
    }
  }
}
