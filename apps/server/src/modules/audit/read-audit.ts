import type { Database } from '../../db/database.js';
import type { PipelinedStatement } from '../../db/pipeline.js';
import type { Actor, RequestMeta } from '../../http/context.js';
import type { AuditEntry } from './audit-log.js';

/**
 * Audit events of the hottest reads, committed together.
 *
 * A read changes nothing, so its event has no change to share a transaction with; what matters is that
 * no record leaves the server unless the event naming it is stored. The read routes therefore read,
 * hand their event to `record`, and answer only once it resolves, that is once the event is committed.
 * Events handed in while a batch is being written wait for the next one, so concurrent reads share one
 * transaction and one write-ahead-log flush instead of paying one each: on a busy clinic that flush,
 * not the read, was most of a read's cost. A batch that fails is retried event by event, so one bad
 * event fails only its own request.
 *
 * Changes keep recording their event inside their own transaction (`recordAudit`).
 */
export class ReadAuditWriter {
  private queue: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly database: Database,
    private readonly maxBatch = 500,
  ) {}

  /** Resolves once the event is committed; rejects if it could not be stored. */
  record(
    who: { actor: Pick<Actor, 'userId' | 'orgId' | 'accountKind'>; meta: RequestMeta },
    entry: AuditEntry,
  ): Promise<void> {
    const event: ReadEvent = {
      orgId: who.actor.orgId,
      actorUserId: who.actor.userId,
      actorKind: who.actor.accountKind,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      participantId: entry.participantId ?? null,
      ip: withoutNul(who.meta.ip),
      userAgent: who.meta.userAgent === null ? null : withoutNul(who.meta.userAgent),
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    };
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      if (!this.writing) void this.writeQueued();
    });
  }

  /** Writes batches until the queue is empty; one writer at a time. */
  private async writeQueued(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        // Let the requests read in this turn of the event loop hand in their events first.
        await new Promise((resolve) => setImmediate(resolve));
        let batch: Waiting[] = [];
        try {
          // The batch is taken when the connection is ready, so it holds every event that arrived
          // while the writer waited for it (on the embedded database, behind the reads themselves).
          await this.database.pipeline(() => {
            batch = this.queue.splice(0, this.maxBatch);
            return insertStatements(batch.map((waiting) => waiting.event));
          });
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          if (batch.length === 0) {
            // The database was not reached: nothing can be written now.
            for (const waiting of this.queue.splice(0)) waiting.reject(error);
          } else if (batch.length === 1) batch[0]?.reject(error);
          else await this.writeOneByOne(batch);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeOneByOne(batch: Waiting[]): Promise<void> {
    for (const waiting of batch) {
      try {
        await this.database.pipeline(insertStatements([waiting.event]));
        waiting.resolve();
      } catch (error) {
        waiting.reject(error);
      }
    }
  }
}

interface ReadEvent {
  orgId: string;
  actorUserId: string;
  actorKind: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  participantId: string | null;
  ip: string;
  userAgent: string | null;
  /** JSON text. */
  details: string | null;
}

interface Waiting {
  event: ReadEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Text columns cannot hold NUL; an address or user agent is recorded with it replaced. */
function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

const scope = `select set_config('role', 'stepwise_app', true), set_config('stepwise.org_id', $1, true)`;

const insert = `insert into audit_events (org_id, actor_user_id, actor_kind, action, subject_type,
    subject_id, participant_id, ip, user_agent, details)
  select $1::uuid, * from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[],
    $8::text[], $9::text[], $10::jsonb[])`;

/**
 * One transaction writing every event of the batch: for each organisation in it, the organisation
 * scope (so row-level security checks each event against its own organisation, as for any other
 * write) and one insert of that organisation's events. Same statements whatever the batch size, so they
 * are prepared once per connection.
 */
function insertStatements(events: ReadEvent[]): PipelinedStatement[] {
  const byOrg = new Map<string, ReadEvent[]>();
  for (const event of events) {
    const list = byOrg.get(event.orgId);
    if (list) list.push(event);
    else byOrg.set(event.orgId, [event]);
  }
  const statements: PipelinedStatement[] = [];
  for (const [orgId, list] of byOrg) {
    statements.push({ text: scope, values: [orgId] });
    statements.push({
      text: insert,
      values: [
        orgId,
        list.map((event) => event.actorUserId),
        list.map((event) => event.actorKind),
        list.map((event) => event.action),
        list.map((event) => event.subjectType),
        list.map((event) => event.subjectId),
        list.map((event) => event.participantId),
        list.map((event) => event.ip),
        list.map((event) => event.userAgent),
        list.map((event) => event.details),
      ],
    });
  }
  return statements;
}
