import type { Alert, AlertListQuery } from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { RequestMeta, ServiceContext } from '../../http/context.js';
import { enqueueJob } from '../../jobs/queue.js';
import { type AuditActor, recordAudit, recordAudits } from '../audit/audit-log.js';
import { alertRoles, notify } from '../notifications/notifications.service.js';
import { requireActiveStaff } from '../staff/staff.service.js';
import * as repo from './alerts.repository.js';

export type { AlertDraft } from './alerts.repository.js';

/** Minutes a critical alert may stay unacknowledged before it is escalated to a supervisor. */
export const escalateAfterMinutes = 30;
export const alertFanOutJob = 'alerts.fan_out';
export const alertEscalateJob = 'alerts.escalate';

/**
 * Raises alerts for the care team inside the caller's transaction, so an alert exists the moment the
 * evidence does (and not at all if that transaction fails). Evidence that already raised the same
 * rule's alert raises nothing more. The notifications (in the app, and by email when configured) go
 * out from a queued job; a critical alert also queues its escalation check for 30 minutes later.
 * Returns the ids of the alerts raised.
 */
export async function raiseAlerts(
  tx: Db,
  who: { actor: AuditActor; meta: RequestMeta },
  drafts: repo.AlertDraft[],
): Promise<string[]> {
  const raised = await repo.insertAlerts(tx, who.actor.orgId, drafts);
  if (raised.length === 0) return [];
  await recordAudits(
    tx,
    who,
    raised.map((alert) => ({
      action: 'alert.created' as const,
      subjectType: 'alert',
      subjectId: alert.id,
      participantId: alert.participantId,
      details: { rule: alert.rule, severity: alert.severity },
    })),
  );
  const orgId = who.actor.orgId;
  for (const alert of raised) {
    await enqueueJob(
      tx,
      alertFanOutJob,
      { orgId, alertId: alert.id },
      { dedupeKey: `${alertFanOutJob}:${alert.id}` },
    );
    if (alert.severity === 'critical') {
      await enqueueJob(
        tx,
        alertEscalateJob,
        { orgId, alertId: alert.id },
        {
          dedupeKey: `${alertEscalateJob}:${alert.id}`,
          runAt: new Date(alert.createdAt.getTime() + escalateAfterMinutes * 60_000),
        },
      );
    }
  }
  return raised.map((alert) => alert.id);
}

/** The alert inbox: most severe and newest first. */
export function listAlerts(ctx: ServiceContext, query: AlertListQuery): Promise<{ items: Alert[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const items = await repo.listAlerts(tx, ctx.actor.orgId, {
      ...query,
      assignedTo: query.assignedTo === 'me' ? ctx.actor.userId : query.assignedTo,
    });
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

/** One alert with its evidence. */
export function getAlert(ctx: ServiceContext, id: string): Promise<Alert> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const alert = await repo.findAlert(tx, ctx.actor.orgId, id);
    if (!alert) throw notFound('alert');
    await recordAudit(tx, ctx, {
      action: 'alert.read',
      subjectType: 'alert',
      subjectId: id,
      participantId: alert.participantId,
    });
    return alert;
  });
}

/** Hands an unresolved alert to a member of the care team, who is notified. */
export function assignAlert(ctx: ServiceContext, id: string, userId: string): Promise<Alert> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const existing = await repo.findAlert(tx, orgId, id);
    if (!existing) throw notFound('alert');
    const assignee = await requireActiveStaff(tx, orgId, userId, 'userId', alertRoles);
    if (!(await repo.assignAlert(tx, orgId, id, assignee.id, ctx.actor.userId))) {
      throw new AppError('conflict', 'this alert is resolved; it can no longer be assigned');
    }
    await recordAudit(tx, ctx, {
      action: 'alert.assigned',
      subjectType: 'alert',
      subjectId: id,
      participantId: existing.participantId,
      details: { to: assignee.id },
    });
    if (assignee.id !== ctx.actor.userId) {
      await notify(tx, ctx.config, orgId, [assignee.id], 'alert.assigned', existing);
    }
    const alert = await repo.findAlert(tx, orgId, id);
    if (!alert) throw notFound('alert');
    return alert;
  });
}

/** Resolves an alert with a note saying what was done; the resolution is audited (the note stays on the alert). */
export function resolveAlert(ctx: ServiceContext, id: string, note: string): Promise<Alert> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const existing = await repo.findAlert(tx, orgId, id);
    if (!existing) throw notFound('alert');
    if (!(await repo.resolveAlert(tx, orgId, id, ctx.actor.userId, note))) {
      throw new AppError('conflict', 'this alert is already resolved');
    }
    await recordAudit(tx, ctx, {
      action: 'alert.resolved',
      subjectType: 'alert',
      subjectId: id,
      participantId: existing.participantId,
      details: { from: existing.status },
    });
    const alert = await repo.findAlert(tx, orgId, id);
    if (!alert) throw notFound('alert');
    return alert;
  });
}
