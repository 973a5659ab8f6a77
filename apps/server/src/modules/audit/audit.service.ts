import type { AuditEvent, AuditVerifyResult } from '@stepwise/core';
import { withOrg } from '../../db/org-scope.js';
import { decodeCursor, encodeCursor } from '../../db/paging.js';
import type { ServiceContext } from '../../http/context.js';
import { chainAllPending, listEvents, verifyChain } from './audit.repository.js';
import { recordAudit } from './audit-log.js';

/**
 * Links the organisation's pending events into its chain, so that the trail read or verified next
 * includes everything recorded so far. Linking writes the chain columns, which only the database owner
 * may; it is given this organisation only.
 */
function chainPending(ctx: ServiceContext): Promise<number> {
  return chainAllPending(ctx.database, ctx.actor.orgId);
}

/** Newest first; reading the trail is itself recorded. */
export async function listAuditEvents(
  ctx: ServiceContext,
  query: { limit: number; cursor?: string | undefined; participantId?: string | undefined },
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const beforeSeq = query.cursor ? Number(decodeCursor(query.cursor, ['integer'])[0]) : null;
  if (beforeSeq === null) await chainPending(ctx);
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const rows = await listEvents(tx, ctx.actor.orgId, {
      limit: query.limit,
      beforeSeq: Number.isFinite(beforeSeq) ? beforeSeq : null,
      participantId: query.participantId,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    await recordAudit(tx, ctx, {
      action: 'audit.listed',
      subjectType: 'audit_trail',
      participantId: query.participantId ?? null,
    });
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([String(last.seq)]) : null };
  });
}

/** Checks the organisation's chain, then records that it was checked (after the check, so it is not counted). */
export async function verifyAuditTrail(ctx: ServiceContext): Promise<AuditVerifyResult> {
  await chainPending(ctx);
  const result = await withOrg(ctx.database, ctx.actor.orgId, (tx) => verifyChain(tx, ctx.actor.orgId));
  await withOrg(ctx.database, ctx.actor.orgId, (tx) =>
    recordAudit(tx, ctx, {
      action: 'audit.verified',
      subjectType: 'audit_trail',
      details: { ok: result.ok, eventsChecked: result.eventsChecked },
    }),
  );
  return result;
}
