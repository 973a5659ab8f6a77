import type { Alert } from '@stepwise/core';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database.js';
import { alerts, participants, users } from '../../db/schema.js';

/** An alert to raise: the rule that fired, on which evidence, for whom. */
export interface AlertDraft {
  participantId: string;
  severity: Alert['severity'];
  /** The rule's stable name, e.g. `phq9.item9`. */
  rule: string;
  /** The record the evidence comes from; with the rule it identifies the alert. */
  sourceType: string;
  sourceId: string;
  evidence: Record<string, unknown>;
  suggestedAction: string;
}

/** Inserts the alerts not yet raised for their evidence; returns those inserted. */
export async function insertAlerts(tx: Db, orgId: string, drafts: AlertDraft[]) {
  if (drafts.length === 0) return [];
  return tx
    .insert(alerts)
    .values(drafts.map((draft) => ({ orgId, ...draft })))
    .onConflictDoNothing({ target: [alerts.orgId, alerts.rule, alerts.sourceType, alerts.sourceId] })
    .returning({
      id: alerts.id,
      participantId: alerts.participantId,
      rule: alerts.rule,
      severity: alerts.severity,
      createdAt: alerts.createdAt,
    });
}

const acknowledger = alias(users, 'acknowledger');
const assignee = alias(users, 'assignee');
const resolver = alias(users, 'resolver');

const alertColumns = {
  alert: alerts,
  givenName: participants.givenName,
  familyName: participants.familyName,
  preferredName: participants.preferredName,
  acknowledgerName: acknowledger.displayName,
  assigneeName: assignee.displayName,
  resolverName: resolver.displayName,
};

type AlertRow = {
  alert: typeof alerts.$inferSelect;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  acknowledgerName: string | null;
  assigneeName: string | null;
  resolverName: string | null;
};

const person = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

export function toAlert(row: AlertRow): Alert {
  const { alert } = row;
  const name = row.preferredName
    ? `${row.preferredName} ${row.familyName}`
    : `${row.givenName} ${row.familyName}`;
  return {
    id: alert.id,
    participantId: alert.participantId,
    participantName: name,
    severity: alert.severity as Alert['severity'],
    rule: alert.rule,
    evidence: alert.evidence,
    suggestedAction: alert.suggestedAction,
    status: alert.status as Alert['status'],
    createdAt: alert.createdAt.toISOString(),
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: person(alert.acknowledgedBy, row.acknowledgerName),
    assignedTo: person(alert.assignedTo, row.assigneeName),
    assignedAt: alert.assignedAt?.toISOString() ?? null,
    escalatedAt: alert.escalatedAt?.toISOString() ?? null,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    resolvedBy: person(alert.resolvedBy, row.resolverName),
    resolutionNote: alert.resolutionNote,
  };
}

/** Alerts with the participant's name and the people who handled them. */
function selectAlerts(tx: Db) {
  return tx
    .select(alertColumns)
    .from(alerts)
    .innerJoin(
      participants,
      and(eq(participants.orgId, alerts.orgId), eq(participants.id, alerts.participantId)),
    )
    .leftJoin(acknowledger, eq(acknowledger.id, alerts.acknowledgedBy))
    .leftJoin(assignee, eq(assignee.id, alerts.assignedTo))
    .leftJoin(resolver, eq(resolver.id, alerts.resolvedBy));
}

const severityOrder = sql`case ${alerts.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

/** Alerts, most severe first and newest first within a severity. */
export async function listAlerts(
  tx: Db,
  orgId: string,
  filter: {
    status?: Alert['status'] | 'unresolved';
    participantId?: string;
    assignedTo?: string;
    limit: number;
  },
): Promise<Alert[]> {
  const rows = await selectAlerts(tx)
    .where(
      and(
        eq(alerts.orgId, orgId),
        filter.status === 'unresolved'
          ? ne(alerts.status, 'resolved')
          : filter.status
            ? eq(alerts.status, filter.status)
            : undefined,
        filter.participantId ? eq(alerts.participantId, filter.participantId) : undefined,
        filter.assignedTo ? eq(alerts.assignedTo, filter.assignedTo) : undefined,
      ),
    )
    .orderBy(severityOrder, desc(alerts.createdAt), alerts.id)
    .limit(filter.limit);
  return rows.map(toAlert);
}

export async function findAlert(tx: Db, orgId: string, id: string): Promise<Alert | undefined> {
  const [row] = await selectAlerts(tx).where(and(eq(alerts.orgId, orgId), eq(alerts.id, id)));
  return row ? toAlert(row) : undefined;
}

/** Marks an open alert acknowledged; false when it was not open. */
export async function acknowledgeAlert(tx: Db, orgId: string, id: string, userId: string): Promise<boolean> {
  const rows = await tx
    .update(alerts)
    .set({ status: 'acknowledged', acknowledgedAt: sql`now()`, acknowledgedBy: userId })
    .where(and(eq(alerts.orgId, orgId), eq(alerts.id, id), eq(alerts.status, 'open')))
    .returning({ id: alerts.id });
  return rows.length > 0;
}

/** Hands an unresolved alert to a member of the care team; false when it was resolved. */
export async function assignAlert(
  tx: Db,
  orgId: string,
  id: string,
  userId: string,
  by: string,
): Promise<boolean> {
  const rows = await tx
    .update(alerts)
    .set({ assignedTo: userId, assignedAt: sql`now()`, assignedBy: by })
    .where(and(eq(alerts.orgId, orgId), eq(alerts.id, id), ne(alerts.status, 'resolved')))
    .returning({ id: alerts.id });
  return rows.length > 0;
}

/** Resolves an unresolved alert with what was done; false when it was already resolved. */
export async function resolveAlert(
  tx: Db,
  orgId: string,
  id: string,
  userId: string,
  note: string,
): Promise<boolean> {
  const rows = await tx
    .update(alerts)
    .set({ status: 'resolved', resolvedAt: sql`now()`, resolvedBy: userId, resolutionNote: note })
    .where(and(eq(alerts.orgId, orgId), eq(alerts.id, id), ne(alerts.status, 'resolved')))
    .returning({ id: alerts.id });
  return rows.length > 0;
}
