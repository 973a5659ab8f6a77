import { type Notification, type Role, rolePermissions } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { resultRows } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { enqueueJob, type JobHandler } from '../../jobs/queue.js';
import { recordAudit, systemActor } from '../audit/audit-log.js';
import { mailerFor } from './mailer.js';

/*
 * Notifications (issue "Between sessions"): an alert reaches the care team in the app and, when SMTP
 * is configured, by email. The words are the same in both and carry no clinical detail — no name, no
 * rule, no score — because email leaves the system: "You have a new urgent alert in Stepwise".
 * Everything here runs in queued jobs, so a restart loses no notification and a failed email is retried.
 */

export const emailJob = 'notify.email';

type Kind = Notification['kind'];

/** What a notification says, by kind and severity. */
export function titleOf(kind: Kind, severity: string): string {
  const urgent = severity === 'critical';
  switch (kind) {
    case 'alert.raised':
      return urgent ? 'You have a new urgent alert in Stepwise' : 'You have a new alert in Stepwise';
    case 'alert.escalated':
      return 'An urgent alert in Stepwise has not been acknowledged and needs a supervisor';
    case 'alert.assigned':
      return urgent
        ? 'An urgent alert in Stepwise was assigned to you'
        : 'An alert in Stepwise was assigned to you';
  }
}

/** Roles that may act on alerts, and so may receive and be assigned them. */
export const alertRoles = (Object.keys(rolePermissions) as Role[]).filter((role) =>
  rolePermissions[role].includes('alerts:respond'),
);
const alertRolesArray = `{${alertRoles.join(',')}}`;

/**
 * Notifies each staff member once per alert and kind (a second fan-out of the same alert adds
 * nothing), and queues their email when email is configured.
 */
export async function notify(
  tx: Db,
  config: Config,
  orgId: string,
  recipients: readonly string[],
  kind: Kind,
  alert: { id: string; severity: string },
): Promise<string[]> {
  if (recipients.length === 0) return [];
  const title = titleOf(kind, alert.severity);
  const rows = resultRows<{ id: string }>(
    await tx.execute(sql`
      insert into notifications (org_id, user_id, kind, alert_id, title)
      select ${orgId}::uuid, u, ${kind}, ${alert.id}::uuid, ${title}
      from unnest(${`{${recipients.join(',')}}`}::uuid[]) as u
      on conflict (user_id, kind, alert_id) do nothing
      returning id`),
  );
  if (config.smtpUrl) {
    for (const row of rows) {
      await enqueueJob(
        tx,
        emailJob,
        { orgId, notificationId: row.id },
        { dedupeKey: `${emailJob}:${row.id}` },
      );
    }
  }
  return rows.map((row) => row.id);
}

interface AlertFacts {
  id: string;
  participant_id: string;
  severity: string;
  status: string;
  assigned_to: string | null;
  escalated_at: string | null;
}

async function alertFacts(tx: Db, orgId: string, alertId: string): Promise<AlertFacts | undefined> {
  return resultRows<AlertFacts>(
    await tx.execute(sql`
      select id, participant_id, severity, status, assigned_to, escalated_at from alerts
      where org_id = ${orgId}::uuid and id = ${alertId}::uuid`),
  )[0];
}

/** Active staff who may act on alerts among `ids`, or, when none, every such supervisor. */
async function staffOrSupervisors(tx: Db, orgId: string, ids: SQLIds): Promise<string[]> {
  const rows = resultRows<{ id: string }>(
    await tx.execute(sql`
      with chosen as (
        select u.id from users u
        where u.org_id = ${orgId}::uuid and u.kind = 'staff' and u.active
          and u.roles && ${alertRolesArray}::text[] and u.id = any(${ids})
      )
      select id from chosen
      union all
      select u.id from users u
      where not exists (select 1 from chosen)
        and u.org_id = ${orgId}::uuid and u.kind = 'staff' and u.active and 'supervisor' = any(u.roles)`),
  );
  return [...new Set(rows.map((row) => row.id))];
}

type SQLIds = ReturnType<typeof sql>;

/**
 * The care team an alert goes to: whoever it is assigned to and the primary clinician of each of the
 * participant's open episodes; when there is nobody (someone screened at intake, not yet admitted),
 * the organisation's supervisors.
 */
function careTeam(orgId: string, alert: AlertFacts): SQLIds {
  return sql`array(
    select ${alert.assigned_to}::uuid where ${alert.assigned_to}::uuid is not null
    union
    select primary_clinician_id from episodes
    where org_id = ${orgId}::uuid and participant_id = ${alert.participant_id}::uuid and status = 'open')`;
}

/** The supervisors of the participant's open episodes, or, when none is named, every supervisor. */
function supervisorsOf(orgId: string, alert: AlertFacts): SQLIds {
  return sql`array(
    select e.supervisor_id from episodes e join users u on u.id = e.supervisor_id
    where e.org_id = ${orgId}::uuid and e.participant_id = ${alert.participant_id}::uuid and e.status = 'open'
      and 'supervisor' = any(u.roles))`;
}

/** Job: tells the care team about a new alert. */
export const runAlertFanOut: JobHandler = async (payload, ctx) => {
  const orgId = String(payload.orgId);
  await withOrg(ctx.database, orgId, async (tx) => {
    const alert = await alertFacts(tx, orgId, String(payload.alertId));
    if (!alert || alert.status === 'resolved') return;
    const recipients = await staffOrSupervisors(tx, orgId, careTeam(orgId, alert));
    await notify(tx, ctx.config, orgId, recipients, 'alert.raised', alert);
  });
};

/**
 * Job, due 30 minutes after a critical alert was raised: if nobody has acknowledged it, it goes to the
 * supervisors (the episode's, or every supervisor), once. The job's clock (`ctx.now`) decides, so the
 * timing is tested without waiting.
 */
export const runAlertEscalation: JobHandler = async (payload, ctx) => {
  const orgId = String(payload.orgId);
  await withOrg(ctx.database, orgId, async (tx) => {
    const alert = await alertFacts(tx, orgId, String(payload.alertId));
    if (alert?.status !== 'open' || alert.escalated_at) return;
    const supervisors = await staffOrSupervisors(tx, orgId, supervisorsOf(orgId, alert));
    await tx.execute(sql`
      update alerts set escalated_at = ${ctx.now.toISOString()}::timestamptz,
        escalated_to = ${`{${supervisors.join(',')}}`}::uuid[]
      where org_id = ${orgId}::uuid and id = ${alert.id}::uuid`);
    await recordAudit(tx, systemActor(orgId), {
      action: 'alert.escalated',
      subjectType: 'alert',
      subjectId: alert.id,
      participantId: alert.participant_id,
      details: { to: supervisors },
    });
    await notify(tx, ctx.config, orgId, supervisors, 'alert.escalated', alert);
  });
};

/** Job: emails one notification (its title and a link, nothing more), once. */
export const runEmail: JobHandler = async (payload, ctx) => {
  const send = mailerFor(ctx.config);
  if (!send) return;
  const orgId = String(payload.orgId);
  const notificationId = String(payload.notificationId);
  const found = await withOrg(ctx.database, orgId, async (tx) =>
    resultRows<{ title: string; email: string; emailed_at: string | null; active: boolean }>(
      await tx.execute(sql`
        select n.title, u.email, n.emailed_at, u.active from notifications n join users u on u.id = n.user_id
        where n.org_id = ${orgId}::uuid and n.id = ${notificationId}::uuid`),
    ),
  );
  const row = found[0];
  if (!row || row.emailed_at || !row.active) return;
  const where = ctx.config.publicUrl ? `: ${ctx.config.publicUrl}/alerts` : '.';
  await send({
    to: row.email,
    subject: row.title,
    text:
      `${row.title}.\n\nSign in to Stepwise to see it${where}\n\n` +
      'This email never carries clinical information; everything about the alert is inside Stepwise.\n',
  });
  await withOrg(ctx.database, orgId, (tx) =>
    tx.execute(
      sql`update notifications set emailed_at = now() where org_id = ${orgId}::uuid and id = ${notificationId}::uuid`,
    ),
  );
};

const toNotification = (row: {
  id: string;
  kind: Kind;
  alert_id: string | null;
  title: string;
  created_at: Date | string;
  read_at: Date | string | null;
}): Notification => ({
  id: row.id,
  kind: row.kind,
  alertId: row.alert_id,
  title: row.title,
  createdAt: new Date(row.created_at).toISOString(),
  readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
});

/** The signed-in user's latest notifications and how many are unread. */
export function myNotifications(ctx: ServiceContext): Promise<{ unread: number; items: Notification[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const rows = resultRows<Parameters<typeof toNotification>[0] & { unread: number }>(
      await tx.execute(sql`
        select id, kind, alert_id, title, created_at, read_at,
          (select count(*)::int from notifications where org_id = ${ctx.actor.orgId}::uuid
            and user_id = ${ctx.actor.userId}::uuid and read_at is null) as unread
        from notifications
        where org_id = ${ctx.actor.orgId}::uuid and user_id = ${ctx.actor.userId}::uuid
        order by created_at desc, id
        limit 30`),
    );
    return { unread: Number(rows[0]?.unread ?? 0), items: rows.map(toNotification) };
  });
}

/** Marks one of the user's notifications read (again is fine). */
export function markRead(ctx: ServiceContext, id: string): Promise<Notification> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const [row] = resultRows<Parameters<typeof toNotification>[0]>(
      await tx.execute(sql`
        update notifications set read_at = coalesce(read_at, now())
        where org_id = ${ctx.actor.orgId}::uuid and user_id = ${ctx.actor.userId}::uuid and id = ${id}::uuid
        returning id, kind, alert_id, title, created_at, read_at`),
    );
    if (!row) throw notFound('notification');
    return toNotification(row);
  });
}

/** Marks every notification of the user read. */
export function markAllRead(ctx: ServiceContext): Promise<{ unread: number }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await tx.execute(sql`
      update notifications set read_at = now()
      where org_id = ${ctx.actor.orgId}::uuid and user_id = ${ctx.actor.userId}::uuid and read_at is null`);
    return { unread: 0 };
  });
}
