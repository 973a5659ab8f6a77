import { healthSchema, instanceSchema } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import type { AppDeps, Router } from '../../app.js';
import { ping, resultRows } from '../../db/database.js';
import { access } from '../../http/access.js';
import { serverVersion } from '../../version.js';

export function healthRoutes(router: Router, deps: AppDeps): void {
  // Also the benchmark's baseline: one `select 1` on the same database behind the same HTTP stack.
  router.get(
    '/api/v1/health',
    { ...access.public, schema: { tags: ['health'], response: { 200: healthSchema } } },
    async () => {
      await ping(deps.database);
      return { status: 'ok' as const, database: deps.database.kind, version: serverVersion };
    },
  );

  router.get(
    '/api/v1/instance',
    { ...access.public, schema: { tags: ['health'], response: { 200: instanceSchema } } },
    async () => {
      // Runs as the database owner on purpose: it says only whether any demo organisation exists.
      const [row] = resultRows<{ demo: boolean }>(
        await deps.database.db.execute(
          sql`select exists (select 1 from organisations where is_demo) as demo`,
        ),
      );
      return { demo: Boolean(row?.demo) };
    },
  );
}
