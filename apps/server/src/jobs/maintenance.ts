import { sql } from 'drizzle-orm';
import { deleteExpiredSessions, deleteOldFailures } from '../modules/auth/auth.repository.js';
import { extendHorizons } from '../modules/scheduling/scheduling.service.js';
import { auditChainJob } from './audit-chain.js';
import type { JobHandler, JobQueue } from './queue.js';

export const maintenanceJob = 'maintenance.cleanup';

/** Minutes between clean-up runs. */
const intervalMinutes = 10;

/** The dedupe key of the clean-up run for the slot containing `at`, so each slot runs once. */
function slotKey(at: Date): { key: string; start: Date } {
  const slotMs = intervalMinutes * 60_000;
  const start = new Date(Math.floor(at.getTime() / slotMs) * slotMs);
  return { key: `${maintenanceJob}:${start.toISOString()}`, start };
}

/** Makes sure a clean-up run is queued for the current slot (idempotent; called at start-up). */
export async function scheduleMaintenance(queue: JobQueue, now = new Date()): Promise<void> {
  const { key, start } = slotKey(now);
  await queue.enqueue(maintenanceJob, {}, { dedupeKey: key, runAt: start });
}

/**
 * Queues the next run, then deletes sessions that are past their lifetime or idle limit, throttling
 * records older than a day and finished jobs past their keeping time, keeps recurring therapy sessions
 * materialised 26 weeks ahead, and vacuums the embedded database's busiest tables. The schedule lives
 * in the jobs table, so a restart neither loses nor doubles it.
 */
export const runMaintenance: JobHandler = async (_payload, ctx) => {
  // The next run is queued first, so a run that fails does not end the schedule.
  const next = slotKey(new Date(ctx.now.getTime() + intervalMinutes * 60_000));
  await ctx.queue.enqueue(maintenanceJob, {}, { dedupeKey: next.key, runAt: next.start });
  await deleteExpiredSessions(ctx.database.db, Math.round(ctx.config.sessionIdleMinutes * 60));
  await deleteOldFailures(ctx.database.db);
  await extendHorizons(ctx.database, ctx.now);
  // Finished jobs are kept a week for inspection; the audit chaining run, queued every few seconds, an hour.
  await ctx.database.db.execute(
    sql`delete from jobs where status = 'done' and (finished_at < now() - interval '7 days'
        or (kind = ${auditChainJob} and finished_at < now() - interval '1 hour'))`,
  );
  // A PostgreSQL server vacuums and analyses by itself; the embedded database runs no autovacuum, so
  // it is done here for every table: the ones that churn (audit events are updated once as they are
  // chained, chaining runs leave job rows) and the ones whose statistics the planner needs as they grow.
  if (ctx.database.kind === 'pglite') await ctx.database.raw.exec('VACUUM (ANALYZE)');
};
