import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { resultRows } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { freshDatabase, TestServer, testConfig } from '../test/harness.js';
import { maintenanceJob, runMaintenance, scheduleMaintenance } from './maintenance.js';
import { type JobHandler, JobQueue } from './queue.js';

let database: Database;
let dispose: () => Promise<void>;
const config = testConfig();

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  await migrate(database);
});
afterAll(() => dispose());

async function jobRows() {
  return resultRows<{
    kind: string;
    status: string;
    attempts: number;
    last_error: string | null;
    dedupe_key: string | null;
  }>(
    await database.db.execute(
      sql`select kind, status, attempts, last_error, dedupe_key from jobs order by id`,
    ),
  );
}

describe('the job queue', () => {
  it('keeps a queued job across a restart and runs it exactly once', async () => {
    const ran: string[] = [];
    const handlers: Record<string, JobHandler> = {
      'test.echo': async (payload) => {
        ran.push(String(payload.message));
      },
    };
    // The first server queues a job and stops before running it.
    const before = new JobQueue(database, config, handlers);
    expect(await before.enqueue('test.echo', { message: 'hello' }, { dedupeKey: 'echo-1' })).toBe(true);
    expect(await before.enqueue('test.echo', { message: 'hello again' }, { dedupeKey: 'echo-1' })).toBe(
      false,
    );
    // After a restart, a new worker finds it.
    const after = new JobQueue(database, config, handlers);
    expect(await after.drain()).toBe(1);
    expect(await after.drain()).toBe(0);
    expect(ran).toEqual(['hello']);
  });

  it('retries a failing job with back-off and gives up after its attempts', async () => {
    let calls = 0;
    const queue = new JobQueue(database, config, {
      'test.flaky': async () => {
        calls += 1;
        throw new Error('downstream unavailable');
      },
    });
    await queue.enqueue('test.flaky', {}, { maxAttempts: 2, dedupeKey: 'flaky-1' });
    await queue.drain();
    let row = (await jobRows()).find((job) => job.dedupe_key === 'flaky-1');
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'downstream unavailable' });
    // Not due again until the back-off has passed.
    expect(await queue.drain()).toBe(0);
    await queue.drain(new Date(Date.now() + 60_000));
    row = (await jobRows()).find((job) => job.dedupe_key === 'flaky-1');
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('lets two workers share the queue without running a job twice', async () => {
    const ran: number[] = [];
    const handlers: Record<string, JobHandler> = {
      'test.count': async (payload) => {
        ran.push(Number(payload.n));
      },
    };
    const one = new JobQueue(database, config, handlers);
    const two = new JobQueue(database, config, handlers);
    for (let n = 0; n < 20; n += 1) await one.enqueue('test.count', { n });
    await Promise.all([one.drain(), two.drain()]);
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });
});

describe('session clean-up, the first real job', () => {
  it('deletes expired and idle sessions and schedules its next run', async () => {
    const server = await TestServer.start();
    try {
      const clinic = await server.createClinic('Jobs Clinic');
      await server.signIn(clinic.staff.clinician.email);
      const stale = await server.signIn(clinic.staff.supervisor.email);
      await server.database.db.execute(
        sql`update sessions set last_seen_at = now() - interval '2 hours' where user_id = ${clinic.staff.supervisor.id}`,
      );

      const queue = new JobQueue(server.database, server.config, { [maintenanceJob]: runMaintenance });
      const now = new Date();
      await scheduleMaintenance(queue, now);
      await scheduleMaintenance(queue, now);
      expect(await queue.drain(now)).toBe(1);
      const [run] = resultRows<{ status: string; last_error: string | null }>(
        await server.database.db.execute(
          sql`select status, last_error from jobs where kind = ${maintenanceJob} and finished_at is not null order by id desc limit 1`,
        ),
      );
      expect(run).toEqual({ status: 'done', last_error: null });

      const remaining = resultRows<{ user_id: string }>(
        await server.database.db.execute(sql`select user_id from sessions where org_id = ${clinic.orgId}`),
      ).map((row) => row.user_id);
      expect(remaining).toEqual([clinic.staff.clinician.id]);
      expect((await stale.get('/api/v1/me')).status).toBe(401);
      const next = resultRows<{ run_at: Date }>(
        await server.database.db.execute(
          sql`select run_at from jobs where kind = ${maintenanceJob} and status = 'queued' and run_at > now()`,
        ),
      );
      expect(next.length).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
    }
  });
});
