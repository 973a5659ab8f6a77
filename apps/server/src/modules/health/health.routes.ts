import { healthSchema } from '@stepwise/core';
import type { AppDeps, Router } from '../../app.js';
import { ping } from '../../db/database.js';
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
}
