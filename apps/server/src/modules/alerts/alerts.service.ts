import type { Alert } from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import * as repo from './alerts.repository.js';

export type { AlertDraft } from './alerts.repository.js';

/**
 * Raises alerts for the care team inside the caller's transaction, so an alert exists the moment the
 * evidence does (and not at all if that transaction fails). Evidence that already raised the same
 * rule's alert raises nothing more. Returns the ids of the alerts raised.
 */
export async function raiseAlerts(tx: Db, ctx: ServiceContext, drafts: repo.AlertDraft[]): Promise<string[]> {
  const raised = await repo.insertAlerts(tx, ctx.actor.orgId, drafts);
  for (const alert of raised) {
    await recordAudit(tx, ctx, {
      action: 'alert.created',
      subjectType: 'alert',
      subjectId: alert.id,
      participantId: alert.participantId,
      details: { rule: alert.rule, severity: alert.severity },
    });
  }
  return raised.map((alert) => alert.id);
}

/** The alert inbox: most severe and newest first. */
export function listAlerts(
  ctx: ServiceContext,
  query: { status?: Alert['status']; participantId?: string; limit: number },
): Promise<{ items: Alert[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const items = await repo.listAlerts(tx, ctx.actor.orgId, query);
    await recordAudit(tx, ctx, {
      action: 'alert.listed',
      subjectType: 'alert',
      participantId: query.participantId ?? null,
      details: { shown: items.map((alert) => alert.id) },
    });
    return { items };
  });
}

/** Acknowledges an open alert: someone on the care team has it in hand. */
export function acknowledgeAlert(ctx: ServiceContext, id: string): Promise<Alert> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const existing = await repo.findAlert(tx, ctx.actor.orgId, id);
    if (!existing) throw notFound('alert');
    if (!(await repo.acknowledgeAlert(tx, ctx.actor.orgId, id, ctx.actor.userId))) {
      throw new AppError('conflict', `this alert is already ${existing.status}`);
    }
    await recordAudit(tx, ctx, {
      action: 'alert.acknowledged',
      subjectType: 'alert',
      subjectId: id,
      participantId: existing.participantId,
    });
    const alert = await repo.findAlert(tx, ctx.actor.orgId, id);
    if (!alert) throw notFound('alert');
    return alert;
  });
}
