import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';
import type { PipelinedStatement, Rows } from './pipeline.js';

const dialect = new PgDialect();

const scope = `select set_config('role', 'stepwise_app', true), set_config('stepwise.org_id', $1, true)`;

/**
 * The statements as pipeline statements, preceded by the organisation scope: the application role and
 * `stepwise.org_id`, both transaction-local exactly as in `withOrg`, so row-level security applies to
 * every statement that follows until the next scope or the end of the transaction.
 */
export function scoped(orgId: string, statements: SQL[]): PipelinedStatement[] {
  return [
    { text: scope, values: [orgId] },
    ...statements.map((statement) => {
      const query = dialect.sqlToQuery(statement);
      return { text: query.sql, values: query.params };
    }),
  ];
}

/**
 * Organisation-scoped statements of concurrent requests, sent to PostgreSQL together: one pipelined
 * message (db/pipeline.ts), one transaction, one commit for all of them.
 *
 * `withOrg` costs a read and its audit event five round trips (begin, scope, query, audit insert,
 * commit), each statement planned afresh. The hottest reads instead write their audit event in the
 * same statement as the read, prepared once per connection. Sent alone, each such read would still be
 * a transaction of its own, waiting for its own commit to reach the disk; on a busy clinic that
 * commit, not the read, was most of a read's cost. Here every request that arrives while a
 * shared trip is under way waits for the next one, which carries all of them: each request's
 * statements run after its own organisation scope (so row-level security holds per request as in
 * `withOrg`), and each gets back only its own rows. If any statement fails, PostgreSQL undoes the
 * whole transaction; the requests are then run again one by one, so a failing request fails alone and
 * the others are neither lost nor recorded twice.
 *
 * Two trips may be under way at once on a PostgreSQL server, so that two of its processes work in
 * parallel; one on the embedded database, which runs one statement at a time anyway.
 */
export class SharedTrips {
  private queue: Waiting[] = [];
  private running = 0;

  constructor(
    private readonly database: Database,
    private readonly maxRequests = 64,
    private readonly maxTrips = database.kind === 'pglite' ? 1 : 2,
  ) {}

  /**
   * Runs the statements as the application role within the organisation and returns each statement's
   * rows (keyed by column name, values parsed by node-postgres' type parsers), once the transaction
   * holding them has committed.
   */
  run(orgId: string, statements: SQL[]): Promise<Rows[]> {
    const pipelined = scoped(orgId, statements);
    return new Promise((resolve, reject) => {
      this.queue.push({ statements: pipelined, resolve, reject });
      if (this.running < this.maxTrips) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running += 1;
    try {
      while (this.queue.length > 0) {
        // Let the requests handled in this turn of the event loop hand in their statements first.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = this.queue.splice(0, this.maxRequests);
        if (batch.length === 0) break;
        try {
          const results = await this.database.pipeline(batch.flatMap((waiting) => waiting.statements));
          let offset = 0;
          for (const waiting of batch) {
            // The first statement of each request is its scope.
            waiting.resolve(results.slice(offset + 1, offset + waiting.statements.length));
            offset += waiting.statements.length;
          }
        } catch (error) {
          if (batch.length === 1) batch[0]?.reject(error);
          else await this.runOneByOne(batch);
        }
      }
    } finally {
      this.running -= 1;
    }
  }

  private async runOneByOne(batch: Waiting[]): Promise<void> {
    for (const waiting of batch) {
      try {
        waiting.resolve((await this.database.pipeline(waiting.statements)).slice(1));
      } catch (error) {
        waiting.reject(error);
      }
    }
  }
}

interface Waiting {
  statements: PipelinedStatement[];
  resolve: (results: Rows[]) => void;
  reject: (error: unknown) => void;
}
