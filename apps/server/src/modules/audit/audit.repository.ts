import { createHash } from 'node:crypto';
import type { AuditEvent, AuditVerifyResult } from '@stepwise/core';
import { and, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import { type Database, type Db, resultRows } from '../../db/database.js';
import { auditEvents, users } from '../../db/schema.js';

export async function listEvents(
  tx: Db,
  orgId: string,
  options: { limit: number; beforeSeq: number | null; participantId?: string | undefined },
): Promise<AuditEvent[]> {
  const rows = await tx
    .select({
      id: auditEvents.id,
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      actorUserId: auditEvents.actorUserId,
      actorName: users.displayName,
      actorKind: auditEvents.actorKind,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      participantId: auditEvents.participantId,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.orgId, orgId),
        isNotNull(auditEvents.seq),
        options.participantId ? eq(auditEvents.participantId, options.participantId) : undefined,
        options.beforeSeq !== null ? lt(auditEvents.seq, options.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(options.limit + 1);
  return rows.map((row) => ({
    ...row,
    // Chained events only (the filter above); callers chain pending events first.
    seq: Number(row.seq),
    occurredAt: row.occurredAt.toISOString(),
    action: row.action as AuditEvent['action'],
    details: (row.details as Record<string, unknown> | null) ?? null,
  }));
}

const genesisHash = '0'.repeat(64);

/**
 * Links up to `maxEvents` of an organisation's pending audit events into its hash chain, oldest first,
 * and returns how many it linked. Each link is SHA-256 of `prev_hash|org_id|seq|content`, with content
 * as migration 0005 defines it (verification recomputes it there). The head row's lock serialises
 * chainers; the events are locked as they are read and written back by row address in one statement.
 * Runs as the database owner, in a short transaction of its own: it holds the head's lock until commit.
 */
export async function chainPendingEvents(tx: Db, orgId: string, maxEvents = 50_000): Promise<number> {
  await tx.execute(sql`insert into audit_heads (org_id, seq, hash) values (${orgId}::uuid, 0, ${genesisHash})
    on conflict (org_id) do nothing`);
  const [head] = resultRows<{ seq: number; hash: string }>(
    await tx.execute(sql`select seq, hash from audit_heads where org_id = ${orgId}::uuid for update`),
  );
  if (!head) throw new Error('the audit chain head could not be created');
  const pending = resultRows<{ address: string; content: string }>(
    await tx.execute(sql`select e.ctid::text as address, stepwise_audit_content(e) as content
      from audit_events e where e.org_id = ${orgId}::uuid and e.seq is null
      order by e.occurred_at, e.id limit ${maxEvents} for update`),
  );
  if (pending.length === 0) return 0;
  let seq = Number(head.seq);
  let previous = head.hash;
  const links = pending.map((event) => {
    seq += 1;
    const hash = createHash('sha256').update(`${previous}|${orgId}|${seq}|${event.content}`).digest('hex');
    const link = { address: event.address, seq, prevHash: previous, hash };
    previous = hash;
    return link;
  });
  await tx.execute(sql`select set_config('stepwise.chaining', 'on', true)`);
  await tx.execute(sql`update audit_events e set seq = link.seq, prev_hash = link.prev_hash, hash = link.hash
    from unnest(${arrayParam(links.map((link) => link.address))}::tid[],
                ${arrayParam(links.map((link) => String(link.seq)))}::bigint[],
                ${arrayParam(links.map((link) => link.prevHash))}::text[],
                ${arrayParam(links.map((link) => link.hash))}::text[]) as link(address, seq, prev_hash, hash)
    where e.ctid = link.address`);
  await tx.execute(sql`select set_config('stepwise.chaining', 'off', true)`);
  await tx.execute(
    sql`update audit_heads set seq = ${seq}, hash = ${previous} where org_id = ${orgId}::uuid`,
  );
  return links.length;
}

/** A list of plain text values as one PostgreSQL array parameter (both drivers take the text form). */
function arrayParam(values: string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * Events linked per transaction by `chainAllPending`. A batch reads the oldest pending events in the
 * order of their own index (migration 0006), so its cost does not grow with the backlog. On a server
 * only other chainers wait for the head row, and larger batches mean fewer transactions; the embedded
 * database runs one statement at a time, so there a batch is kept to the few milliseconds every request
 * would otherwise wait behind.
 */
function chainBatchFor(database: Pick<Database, 'kind'>): number {
  return database.kind === 'pglite' ? 50 : 1000;
}

/**
 * Links all of an organisation's pending events, a batch per transaction, so that the chain head is
 * never locked for long and, on the embedded database, requests are served between batches instead of
 * waiting for a whole backlog. Between batches it yields to the event loop: otherwise the next batch
 * would take the database again before Node even read the requests that arrived meanwhile.
 */
export async function chainAllPending(
  database: Pick<Database, 'db' | 'kind'>,
  orgId: string,
  batchSize = chainBatchFor(database),
): Promise<number> {
  let total = 0;
  for (;;) {
    const chained = await database.db.transaction((tx) => chainPendingEvents(tx, orgId, batchSize));
    total += chained;
    if (chained < batchSize) return total;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Organisations with events waiting to be chained. */
export async function orgsWithPendingEvents(tx: Db): Promise<string[]> {
  const rows = resultRows<{ org_id: string }>(
    await tx.execute(sql`select id as org_id from organisations o
      where exists (select 1 from audit_events e where e.org_id = o.id and e.seq is null)`),
  );
  return rows.map((row) => row.org_id);
}

const batchSize = 5000;

/**
 * Recomputes an organisation's hash chain from the first event: each event's stored hash must equal
 * the hash of its content, its prev_hash must equal the previous event's hash, sequence numbers must
 * have no gaps, and the head must point at the last event. Any edit or removal breaks one of these.
 */
export async function verifyChain(tx: Db, orgId: string): Promise<AuditVerifyResult> {
  const problems: AuditVerifyResult['problems'] = [];
  let previous = { seq: 0, hash: genesisHash };
  let checked = 0;
  for (;;) {
    const result = await tx.execute(sql`
      select seq, prev_hash, hash, stepwise_audit_hash(e) as expected
      from audit_events e
      where org_id = ${orgId} and seq > ${previous.seq}
      order by seq
      limit ${batchSize}`);
    const rows = resultRows<{ seq: number; prev_hash: string; hash: string; expected: string }>(result);
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== previous.seq + 1) {
        problems.push({ seq, problem: `events ${previous.seq + 1}–${seq - 1} are missing` });
      } else if (row.prev_hash !== previous.hash) {
        problems.push({
          seq,
          problem: 'the link to the previous event does not match: an earlier event was altered',
        });
      }
      if (row.hash !== row.expected)
        problems.push({ seq, problem: 'the event was altered after it was recorded' });
      previous = { seq, hash: row.hash };
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  const head = resultRows<{ seq: number; hash: string }>(
    await tx.execute(sql`select seq, hash from audit_heads where org_id = ${orgId}`),
  )[0];
  if (head && (Number(head.seq) !== previous.seq || head.hash !== previous.hash)) {
    problems.push({
      seq: Number(head.seq),
      problem: `the trail ends at event ${previous.seq} but ${head.seq} were recorded`,
    });
  }
  if (!head && checked > 0) problems.push({ seq: null, problem: 'the chain head is missing' });
  return { ok: problems.length === 0, eventsChecked: checked, problems };
}
