import { chainAllPending, orgsWithPendingEvents } from '../modules/audit/audit.repository.js';
import type { JobHandler, JobQueue } from './queue.js';

export const auditChainJob = 'audit.chain';

/** Seconds between chaining runs: how long an event may wait, pending, before it is linked. */
const intervalSeconds = 5;

/** The dedupe key and start of the chaining run for the slot containing `at`, so each slot runs once. */
function slotOf(at: Date): { key: string; start: Date } {
  const slotMs = intervalSeconds * 1000;
  const start = new Date(Math.floor(at.getTime() / slotMs) * slotMs);
  return { key: `${auditChainJob}:${start.toISOString()}`, start };
}

/** Makes sure a chaining run is queued for the current slot (idempotent; called at start-up). */
export async function scheduleAuditChaining(queue: JobQueue, now = new Date()): Promise<void> {
  const { key, start } = slotOf(now);
  await queue.enqueue(auditChainJob, {}, { dedupeKey: key, runAt: start });
}

/**
 * Queues the next run, then links every organisation's pending audit events into its hash chain (in
 * batches, each its own transaction). The schedule lives in the jobs table, so a restart neither loses
 * nor doubles it, and a run that fails does not end it; the pending events live in the database, so
 * none is ever skipped.
 */
export const runAuditChaining: JobHandler = async (_payload, ctx) => {
  const next = slotOf(new Date(ctx.now.getTime() + intervalSeconds * 1000));
  await ctx.queue.enqueue(auditChainJob, {}, { dedupeKey: next.key, runAt: next.start });
  for (const orgId of await orgsWithPendingEvents(ctx.database.db)) {
    await chainAllPending(ctx.database, orgId);
  }
};
