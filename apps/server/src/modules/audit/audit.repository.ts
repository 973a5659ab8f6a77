import type { AuditEvent, AuditVerifyResult } from '@stepwise/core';
import { and, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import { type Db, resultRows } from '../../db/database.js';
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

/**
 * Links an organisation's pending audit events into its hash chain, oldest first (migration 0002), and
 * returns how many it linked. Run in its own short transaction: it holds the chain head's lock until
 * commit.
 */
export async function chainPendingEvents(tx: Db, orgId: string): Promise<number> {
  const [row] = resultRows<{ chained: number }>(
    await tx.execute(sql`select stepwise_audit_chain_pending(${orgId}::uuid) as chained`),
  );
  return Number(row?.chained ?? 0);
}

/** Organisations with events waiting to be chained. */
export async function orgsWithPendingEvents(tx: Db): Promise<string[]> {
  const rows = resultRows<{ org_id: string }>(
    await tx.execute(sql`select id as org_id from organisations o
      where exists (select 1 from audit_events e where e.org_id = o.id and e.seq is null)`),
  );
  return rows.map((row) => row.org_id);
}

const genesisHash = '0'.repeat(64);
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
