import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';
import type { Rows } from './pipeline.js';

/**
 * Organisation-scoped statements in one round trip to the database, for the hottest reads.
 *
 * `withOrg` opens a transaction and costs five round trips for a read and its audit event (begin, scope,
 * query, audit insert, commit), each statement planned afresh; on the hottest reads that is most of a
 * request's time, in the database and in Node's socket writes alike. Here the scope and the statements
 * go as one pipeline (db/pipeline.ts): one implicit transaction, so the settings are
 * transaction-local exactly as in `withOrg` and a failing statement undoes the others; prepared once
 * per connection; answered in one round trip.
 */

const dialect = new PgDialect();

const scope = `select set_config('role', 'stepwise_app', true), set_config('stepwise.org_id', $1, true)`;

/**
 * Runs the statements as the application role with the organisation set, in one round trip and one
 * transaction, and returns each statement's rows (keyed by column name, values parsed by
 * node-postgres' type parsers).
 */
export async function oneTrip(database: Database, orgId: string, statements: SQL[]): Promise<Rows[]> {
  const results = await database.pipeline([
    { text: scope, values: [orgId] },
    ...statements.map((statement) => {
      const query = dialect.sqlToQuery(statement);
      return { text: query.sql, values: query.params };
    }),
  ]);
  return results.slice(1);
}
