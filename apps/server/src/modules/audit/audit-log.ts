import type { AuditAction } from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { auditEvents } from '../../db/schema.js';
import type { Actor, RequestMeta } from '../../http/context.js';

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
 * links its hash into the organisation's chain shortly after (migration 0002). The hottest reads hand
 * their events to `ReadAuditWriter` instead, which commits them before the read is answered.
 */
export async function recordAudit(
  tx: Db,
  who: { actor: Pick<Actor, 'userId' | 'orgId' | 'accountKind'>; meta: RequestMeta },
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditEvents).values({
    orgId: who.actor.orgId,
    actorUserId: who.actor.userId,
    actorKind: who.actor.accountKind,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    participantId: entry.participantId ?? null,
    ip: who.meta.ip,
    userAgent: who.meta.userAgent,
    details: entry.details ?? null,
  });
}
