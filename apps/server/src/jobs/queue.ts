import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/database.js';
import { resultRows } from '../db/database.js';

/** What a job handler receives. */
export interface JobContext {
  database: Database;
  config: Config;
  queue: JobQueue;
  now: Date;
}

export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
  /** The transaction to queue in, so the job exists exactly when the change that called for it does. */
  tx?: Db;
}

/**
 * Queues a job from anywhere that holds a connection or transaction (a service queues the work its
 * change calls for in that change's transaction). With a dedupe key, a second enqueue of the same key
 * does nothing. Returns whether it was queued.
 */
export async function enqueueJob(
  executor: Db,
  kind: string,
  payload: Record<string, unknown> = {},
  options: EnqueueOptions = {},
): Promise<boolean> {
  const rows = resultRows(
    await executor.execute(sql`
      insert into jobs (kind, payload, dedupe_key, run_at, max_attempts)
      values (${kind}, ${JSON.stringify(payload)}::jsonb, ${options.dedupeKey ?? null},
              ${(options.runAt ?? new Date()).toISOString()}::timestamptz, ${options.maxAttempts ?? 5})
      on conflict (dedupe_key) do nothing
      returning id`),
  );
  return rows.length > 0;
}

interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

/** A running job whose worker has been silent this long is presumed dead and its job is run again. */
const staleAfterSeconds = 300;

/**
 * A job queue kept in PostgreSQL, so queued work survives restarts and crashes. Workers claim jobs
 * with `FOR UPDATE SKIP LOCKED` (several servers never run one job twice at once); failures retry
 * with exponential back-off; a dedupe key makes enqueueing idempotent.
 */
export class JobQueue {
  private readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  /**
   * `only.orgId` makes a worker that takes only jobs whose payload names that organisation: the CLI
   * drains one clinic's work with it, and tests drain their own organisation's jobs from a queue
   * other test files share.
   */
  constructor(
    private readonly database: Database,
    private readonly config: Config,
    private readonly handlers: Record<string, JobHandler>,
    private readonly only: { orgId?: string } = {},
  ) {}

  /** Queues a job; with a dedupe key, a second enqueue of the same key does nothing. Returns whether it was queued. */
  async enqueue(
    kind: string,
    payload: Record<string, unknown> = {},
    options: EnqueueOptions = {},
  ): Promise<boolean> {
    if (!this.handlers[kind]) throw new Error(`no handler for job kind ${kind}`);
    return enqueueJob(options.tx ?? this.database.db, kind, payload, options);
  }

  /**
   * Claims and runs the next due job of a kind this worker handles (a worker of an older version never
   * takes, and fails, a kind it does not know). Returns false when nothing was due.
   */
  async runNext(now = new Date()): Promise<boolean> {
    const job = resultRows<ClaimedJob>(
      await this.database.db.execute(sql`
        update jobs set status = 'running', locked_at = now(), locked_by = ${this.workerId}, attempts = attempts + 1
        where id = (
          select id from jobs
          where kind = any(${`{${Object.keys(this.handlers).join(',')}}`}::text[])
            ${this.only.orgId ? sql`and payload->>'orgId' = ${this.only.orgId}` : sql``}
            and ((status = 'queued' and run_at <= ${now.toISOString()}::timestamptz)
                 or (status = 'running' and locked_at < now() - make_interval(secs => ${staleAfterSeconds})))
          order by run_at, id
          limit 1
          for update skip locked
        )
        returning id, kind, payload, attempts, max_attempts`),
    )[0];
    if (!job) return false;
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload, { database: this.database, config: this.config, queue: this, now });
      await this.database.db.execute(
        sql`update jobs set status = 'done', finished_at = now(), locked_at = null, last_error = null where id = ${job.id}`,
      );
    } catch (error) {
      // Handlers put identifiers, never health information, in their errors; keep only the first line.
      const message =
        (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 500) ?? '';
      const finalAttempt = Number(job.attempts) >= Number(job.max_attempts);
      const backoffSeconds = 2 ** Math.min(Number(job.attempts), 10);
      await this.database.db.execute(sql`
        update jobs set
          status = ${finalAttempt ? 'failed' : 'queued'},
          run_at = now() + make_interval(secs => ${backoffSeconds}),
          locked_at = null,
          last_error = ${message},
          finished_at = ${finalAttempt ? sql`now()` : null}
        where id = ${job.id}`);
    }
    return true;
  }

  /**
   * Runs every job that is due (tests and the CLI use this), including jobs the ones it runs queue for
   * now. With `now`, the queue's clock is that instant instead (tests of timing inject it).
   */
  async drain(now?: Date): Promise<number> {
    let count = 0;
    while (await this.runNext(now ?? new Date())) count += 1;
    return count;
  }

  /** Starts polling; each tick runs every due job. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .then(() => undefined)
        .catch(() => undefined)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.config.jobPollMs);
        });
    };
    tick();
  }

  /** Stops polling and waits for the job in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
