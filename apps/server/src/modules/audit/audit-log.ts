import type { AuditAction } from '@stepwise/core';
import { is, SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import type { Actor, RequestMeta } from '../../http/context.js';

/**
 * Who acted: a signed-in user, or — for a calendar application fetching a private feed — no user, only
 * the link (the entry's subject).
 */
export type AuditActor =
  | Pick<Actor, 'userId' | 'orgId' | 'accountKind'>
  | { userId: null; orgId: string; accountKind: 'calendar_feed' | 'system' };

/** Stepwise itself acting in a background job (the alert engine raising an alert, say). */
export function systemActor(orgId: string): { actor: AuditActor; meta: RequestMeta } {
  return { actor: { userId: null, orgId, accountKind: 'system' }, meta: { ip: 'job', userAgent: null } };
}

export interface AuditEntry {
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
  participantId?: string | null;
  /** Identifiers and field names only; never values of health information. */
  details?: Record<string, unknown>;
}

/**
 * Appends an audit event inside the caller's transaction, so the event exists exactly when the change
 * it describes does. The event starts pending; `chainPendingEvents` gives it its sequence number and
 * links its hash into the organisation's chain shortly after (migration 0002). The hottest reads write
 * theirs in the read's own statement (`auditInsertSql`).
 */
export async function recordAudit(
  tx: Db,
  who: { actor: AuditActor; meta: RequestMeta },
  entry: AuditEntry,
): Promise<void> {
  await tx.execute(auditInsertSql(who, entry));
}

/**
 * Appends several audit events in one statement (as `recordAudit` does one): a change that concerns
 * many participants at once records one event for each without a round trip for each.
 */
export async function recordAudits(
  tx: Db,
  who: { actor: AuditActor; meta: RequestMeta },
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(
    (entry) => sql`(${who.actor.orgId}::uuid, ${who.actor.userId}::uuid, ${who.actor.accountKind}::text,
      ${entry.action}::text, ${entry.subjectType}::text, ${entry.subjectId ?? null}::text,
      ${entry.participantId ?? null}::uuid, ${who.meta.ip}::text, ${who.meta.userAgent}::text,
      ${entry.details === undefined ? null : JSON.stringify(entry.details)}::jsonb)`,
  );
  await tx.execute(sql`insert into audit_events (org_id, actor_user_id, actor_kind, action, subject_type,
      subject_id, participant_id, ip, user_agent, details)
    values ${sql.join(rows, sql`, `)}`);
}

/**
 * An audit event as an `INSERT … SELECT` statement naming only the columns the application role may
 * write (migration 0007): `recordAudit` runs it on its own, and the hot reads make it part of the
 * read's statement (see db/shared-trips.ts), recording one event per row of `from` when given (so
 * nothing is recorded when nothing was found), with `details` computed in SQL when it depends on what
 * was read.
 */
export function auditInsertSql(
  who: { actor: AuditActor; meta: RequestMeta },
  entry: Omit<AuditEntry, 'details'> & { details?: SQL | Record<string, unknown> },
  from?: SQL,
): SQL {
  const details =
    entry.details === undefined
      ? sql`null`
      : is(entry.details, SQL)
        ? entry.details
        : sql`${JSON.stringify(entry.details)}::jsonb`;
  return sql`insert into audit_events (org_id, actor_user_id, actor_kind, action, subject_type, subject_id,
      participant_id, ip, user_agent, details)
    select ${who.actor.orgId}::uuid, ${who.actor.userId}::uuid, ${who.actor.accountKind}::text,
      ${entry.action}::text, ${entry.subjectType}::text, ${entry.subjectId ?? null}::text,
      ${entry.participantId ?? null}::uuid, ${who.meta.ip}::text, ${who.meta.userAgent}::text, ${details}
    ${from ? sql`from ${from}` : sql``}`;
}
