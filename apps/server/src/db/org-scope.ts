import { sql } from 'drizzle-orm';
import type { Database, Db } from './database.js';

/**
 * Runs fn in one transaction as the restricted role `stepwise_app` with `stepwise.org_id` set, so
 * PostgreSQL row-level security hides every other organisation's rows even if a query forgets its
 * organisation filter. Both settings are transaction-local and vanish at commit.
 */
export function withOrg<T>(database: Database, orgId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'stepwise_app', true), set_config('stepwise.org_id', ${orgId}, true)`,
    );
    return fn(tx as unknown as Db);
  });
}
